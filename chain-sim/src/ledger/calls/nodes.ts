// Nodes: registered by their own twin on an existing farm; the record carries the address of the
// node daemon, so the chain is the directory clients use to reach nodes.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { CallContext } from './context';

export function createNode(ctx: CallContext, call: chain.CreateNode__Output): void {
  const twin = ctx.twin();
  const farm = ctx.q.farm(call.farmId);
  if (!farm) throw refuse.notFound(`farm ${call.farmId} does not exist`);
  const existing = ctx.q.nodeByTwin(twin.id);
  if (existing) throw refuse.exists(`twin ${twin.id} already registered node ${existing.id}`);
  const r = resources(call.resources);
  checkAddress(call.address);
  const loc = call.location ?? { city: '', country: '', latitude: 0, longitude: 0 };
  const pc = call.publicConfig ?? { ipv4: '', gw4: '', ipv6: '', gw6: '', domain: '' };
  const id = Number(
    ctx
      .sql(
        `INSERT INTO nodes (farm_id, twin_id, cru, mru, sru, hru, city, country, latitude, longitude, ipv4, gw4, ipv6, gw6, domain,
           certification, address, created, dedicated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'Diy',?,?,?)`,
      )
      .run(
        farm.id,
        twin.id,
        r.cru,
        r.mru,
        r.sru,
        r.hru,
        loc.city,
        loc.country,
        loc.latitude,
        loc.longitude,
        pc.ipv4,
        pc.gw4,
        pc.ipv6,
        pc.gw6,
        pc.domain,
        call.address,
        ctx.block.timestamp,
        call.dedicated ? 1 : 0,
      ).lastInsertRowid,
  );
  ctx.block.created(id);
  ctx.block.emit('NodeStored', { node_id: id, farm_id: farm.id, twin_id: twin.id });
}

export function updateNode(ctx: CallContext, call: chain.UpdateNode__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  if (node.twin_id !== twin.id) throw refuse.denied(`node ${node.id} belongs to twin ${node.twin_id}, not to twin ${twin.id}`);
  const r = resources(call.resources);
  checkAddress(call.address);
  const loc = call.location ?? { city: node.city, country: node.country, latitude: node.latitude, longitude: node.longitude };
  const pc = call.publicConfig ?? { ipv4: node.ipv4, gw4: node.gw4, ipv6: node.ipv6, gw6: node.gw6, domain: node.domain };
  ctx
    .sql(
      `UPDATE nodes SET cru=?, mru=?, sru=?, hru=?, city=?, country=?, latitude=?, ` +
        `longitude=?, ipv4=?, gw4=?, ipv6=?, gw6=?, domain=?, address=?
       WHERE id = ?`,
    )
    .run(
      r.cru,
      r.mru,
      r.sru,
      r.hru,
      loc.city,
      loc.country,
      loc.latitude,
      loc.longitude,
      pc.ipv4,
      pc.gw4,
      pc.ipv6,
      pc.gw6,
      pc.domain,
      call.address,
      node.id,
    );
  ctx.block.emit('NodeUpdated', { node_id: node.id });
}

export function setNodeCertification(ctx: CallContext, call: chain.SetNodeCertification__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  const farm = ctx.q.farm(node.farm_id)!;
  if (farm.twin_id !== twin.id) throw refuse.denied(`only the farmer (twin ${farm.twin_id}) may certify node ${node.id}`);
  if (!['Diy', 'Certified'].includes(call.certification))
    throw refuse.invalid(`certification must be Diy or Certified, not ${JSON.stringify(call.certification)}`);
  ctx.sql('UPDATE nodes SET certification = ? WHERE id = ?').run(call.certification, node.id);
  ctx.block.emit('NodeCertificationSet', { node_id: node.id, certification: call.certification });
}

/** TFChain's set_dedicated_node_extra_fee: by the node's farmer, on a node without active contracts. */
export function setDedicatedNodeExtraFee(ctx: CallContext, call: chain.SetDedicatedNodeExtraFee__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  const farm = ctx.q.farm(node.farm_id)!;
  if (farm.twin_id !== twin.id) throw refuse.denied(`only the farmer (twin ${farm.twin_id}) may set the extra fee of node ${node.id}`);
  const contracts = ctx.q.liveNodeContractsOn(node.id) + (ctx.q.rentContractOf(node.id) ? 1 : 0);
  if (contracts) throw refuse.precondition(`node ${node.id} has ${contracts} active contract(s): set its extra fee while it has none`);
  const fee = Number(call.extraFee);
  ctx.sql('UPDATE nodes SET extra_fee = ? WHERE id = ?').run(fee, node.id);
  ctx.block.emit('NodeExtraFeeSet', { node_id: node.id, extra_fee: fee });
}

function resources(r: chain.Resources__Output | null | undefined): { cru: number; mru: number; sru: number; hru: number } {
  if (!r || r.cru <= 0 || r.mru <= 0) throw refuse.invalid('node resources must have cru > 0 and mru > 0');
  return { cru: r.cru, mru: r.mru, sru: r.sru, hru: r.hru };
}

function checkAddress(address: string): void {
  if (!/^[^\s:]+:\d{1,5}$/.test(address ?? ''))
    throw refuse.invalid(`node address ${JSON.stringify(address)} must be HOST:PORT of the node daemon`);
}

/** Seconds a node's timestamp hint may differ from chain time (TFChain's TimestampHintDrift). */
export const TIMESTAMP_HINT_DRIFT_SECONDS = 60;

/** A node's periodic report, by the node's own twin: it is alive, since how long, on what version. */
export function reportUptime(ctx: CallContext, call: chain.ReportUptime__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.nodeByTwin(twin.id);
  if (!node) throw refuse.notFound(`twin ${twin.id} has no node: only a node reports uptime`);
  const now = ctx.block.timestamp;
  if (Math.abs(call.timestampHint - now) > TIMESTAMP_HINT_DRIFT_SECONDS) {
    throw refuse.invalid(`timestamp hint ${call.timestampHint} is more than ${TIMESTAMP_HINT_DRIFT_SECONDS} s from chain time ${now}`);
  }
  if (!/^[\w.+ -]{0,64}$/.test(call.version ?? '')) {
    const allowed = "letters, digits, ' ', '.', '-', '+' and '_'";
    throw refuse.invalid(`version ${JSON.stringify(call.version)} must be at most 64 characters of ${allowed}`);
  }
  ctx.sql('UPDATE nodes SET uptime = ?, last_report = ?, version = ? WHERE id = ?').run(call.uptime, now, call.version ?? '', node.id);
  ctx.block.emit('NodeUptimeReported', { node_id: node.id, timestamp: now, uptime: call.uptime, version: call.version ?? '' });
}

/** The farmer powers a node of its farm down (standby) or up, as a farmer bot does. */
export function changePowerTarget(ctx: CallContext, call: chain.ChangePowerTarget__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  const farm = ctx.q.farm(node.farm_id)!;
  if (farm.twin_id !== twin.id) {
    throw refuse.denied(`only the farmer of farm ${farm.id} (twin ${farm.twin_id}) may power node ${node.id} up or down`);
  }
  if (call.powerTarget !== 'Up' && call.powerTarget !== 'Down') {
    throw refuse.invalid(`power target must be Up or Down, not ${JSON.stringify(call.powerTarget)}`);
  }
  ctx.sql('UPDATE nodes SET power_target = ? WHERE id = ?').run(call.powerTarget, node.id);
  ctx.block.emit('PowerTargetChanged', { node_id: node.id, farm_id: farm.id, power_target: call.powerTarget });
}
