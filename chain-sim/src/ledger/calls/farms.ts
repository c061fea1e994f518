// Farms and their public IPs (at most 256 per farm, unique across the chain), as TFChain rules
// them: a farm name is 3-40 characters of a-z, 0-9, '-' and '_' and unique; only the farm's twin
// adds or removes its IPs; an IP's gateway lies in the IP's subnet; an IP a contract holds stays.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { CallContext } from './context';
import { gatewayInSubnet, ipv4, ipv4Cidr } from './validate';

export const MAX_PUBLIC_IPS_PER_FARM = 256;
const FARM_NAME = /^[a-z0-9_-]{3,40}$/;

export function createFarm(ctx: CallContext, call: chain.CreateFarm__Output): void {
  const twin = ctx.twin();
  if (!FARM_NAME.test(call.name)) {
    throw refuse.invalid(`farm name ${JSON.stringify(call.name)} must be 3-40 characters of lowercase letters, digits, '-' and '_'`);
  }
  if (ctx.q.farmByName(call.name))
    throw refuse.exists(`a farm named ${call.name} exists already (farm ${ctx.q.farmByName(call.name)!.id})`);
  const id = Number(
    ctx
      .sql("INSERT INTO farms (name, twin_id, pricing_policy_id, certification, dedicated) VALUES (?, ?, 1, 'NotCertified', ?)")
      .run(call.name, twin.id, call.dedicated ? 1 : 0).lastInsertRowid,
  );
  addIps(ctx, id, call.publicIps ?? []);
  ctx.block.created(id);
  ctx.block.emit('FarmStored', { farm_id: id, name: call.name, twin_id: twin.id });
}

export function addFarmPublicIps(ctx: CallContext, call: chain.AddFarmPublicIps__Output): void {
  const farm = ownFarm(ctx, call.farmId);
  addIps(ctx, farm.id, call.publicIps ?? []);
  ctx.block.emit('FarmUpdated', { farm_id: farm.id });
}

export function removeFarmPublicIp(ctx: CallContext, call: chain.RemoveFarmPublicIp__Output): void {
  const farm = ownFarm(ctx, call.farmId);
  const ip = ctx.q.farmIps(farm.id).find((p) => p.ip === call.ip);
  if (!ip) throw refuse.notFound(`farm ${farm.id} has no public IP ${JSON.stringify(call.ip)}`);
  if (ip.contract_id) {
    const used = `public IP ${ip.ip} of farm ${farm.id} is used by contract ${ip.contract_id}`;
    throw refuse.precondition(`${used}: it can be removed once that contract ends`);
  }
  ctx.sql('DELETE FROM public_ips WHERE ip = ?').run(ip.ip);
  ctx.block.emit('FarmUpdated', { farm_id: farm.id, removed_ip: ip.ip });
}

export function setDedicatedFarm(ctx: CallContext, call: chain.SetDedicatedFarm__Output): void {
  const farm = ownFarm(ctx, call.farmId);
  ctx.sql('UPDATE farms SET dedicated = ? WHERE id = ?').run(call.dedicated ? 1 : 0, farm.id);
  ctx.block.emit('FarmUpdated', { farm_id: farm.id, dedicated: call.dedicated });
}

function ownFarm(ctx: CallContext, farmId: number) {
  const twin = ctx.twin();
  const farm = ctx.q.farm(farmId);
  if (!farm) throw refuse.notFound(`farm ${farmId} does not exist`);
  if (farm.twin_id !== twin.id) throw refuse.denied(`farm ${farmId} belongs to twin ${farm.twin_id}, not to twin ${twin.id}`);
  return farm;
}

function addIps(ctx: CallContext, farmId: number, ips: chain.PublicIpInput__Output[]): void {
  const existing = ctx.q.farmIps(farmId).length;
  if (existing + ips.length > MAX_PUBLIC_IPS_PER_FARM) {
    throw refuse.exhausted(`farm ${farmId} would hold ${existing + ips.length} public IPs; at most ${MAX_PUBLIC_IPS_PER_FARM} are allowed`);
  }
  const insert = ctx.sql('INSERT INTO public_ips (ip, farm_id, gateway, contract_id) VALUES (?, ?, ?, 0)');
  for (const p of ips) {
    const cidr = ipv4Cidr(p.ip, 'public IP');
    ipv4(p.gateway, `gateway of ${p.ip}`);
    gatewayInSubnet(cidr, p.gateway, p.ip);
    const taken = ctx.sql('SELECT farm_id FROM public_ips WHERE ip = ?').get(p.ip) as { farm_id: number } | undefined;
    if (taken) throw refuse.exists(`public IP ${p.ip} is already registered on farm ${taken.farm_id}`);
    insert.run(p.ip, farmId, p.gateway);
  }
}
