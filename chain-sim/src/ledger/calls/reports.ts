// Usage reports from nodes: only the twin of the node a contract lives on may report for it.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { ContractRow } from '../rows';
import type { CallContext } from './context';

export function reportContractResources(ctx: CallContext, call: chain.ReportContractResources__Output): void {
  const set = ctx.sql('UPDATE contracts SET cru = ?, mru = ?, sru = ?, hru = ? WHERE id = ?');
  for (const r of call.reports ?? []) {
    const c = reportableContract(ctx, r.contractId);
    const u = r.used ?? { cru: 0, mru: 0, sru: 0, hru: 0 };
    set.run(u.cru, u.mru, u.sru, u.hru, c.id);
    ctx.block.emit('UpdatedUsedResources', { contract_id: c.id, cru: u.cru, mru: u.mru, sru: u.sru, hru: u.hru });
  }
}

export function addNruReports(ctx: CallContext, call: chain.AddNruReports__Output): void {
  const add = ctx.sql('UPDATE contracts SET nru = nru + ? WHERE id = ?');
  for (const r of call.reports ?? []) {
    const c = reportableContract(ctx, r.contractId);
    add.run(r.nru, c.id);
    ctx.block.emit('NruConsumptionReportReceived', { contract_id: c.id, nru: r.nru, timestamp: r.timestamp, window: r.window });
  }
}

function reportableContract(ctx: CallContext, contractId: number): ContractRow {
  const twin = ctx.twin();
  const c = ctx.q.contract(contractId);
  if (!c) throw refuse.notFound(`contract ${contractId} does not exist`);
  if (c.type !== 'node') throw refuse.invalid(`contract ${contractId} is a ${c.type} contract; only node contracts take usage reports`);
  const node = ctx.q.node(c.node_id);
  if (!node || node.twin_id !== twin.id)
    throw refuse.denied(`only the twin of node ${c.node_id} may report usage for contract ${contractId}; twin ${twin.id} is not`);
  if (c.state === 'Deleted') throw refuse.precondition(`contract ${contractId} is deleted`);
  return c;
}
