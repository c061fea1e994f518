// What must hold after a trial, each check answering with the problems it found (empty: held):
// converged (a plan after the one re-apply says no changes), state, chain and nodes agree exactly,
// nothing printed "Creation complete" is missing from the state, and after destroy nothing is left.
import * as path from 'node:path';
import { deploymentHashHex } from '../../../proto';
import { describeLeftovers, isEmpty, tail, withChain, withNode, type LocalGrid } from './grid';
import { gridform, type RunResult } from './processes';

interface StateInstance {
  index_key?: string | number;
  deposed?: string;
  attributes: Record<string, unknown>;
}
interface StateResource {
  mode: string;
  type: string;
  name: string;
  module?: string;
  instances: StateInstance[];
}
export interface StateFile {
  resources: StateResource[];
}

export function instanceAddress(r: StateResource, i: StateInstance): string {
  const base = `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
  if (i.index_key === undefined) return base;
  return `${base}[${typeof i.index_key === 'number' ? i.index_key : JSON.stringify(i.index_key)}]`;
}

/** The state as `gridform state pull` gives it (the backend's snapshot with any journal replayed). */
export async function pullState(dir: string, home: string, logPrefix: string): Promise<{ state?: StateFile; problem?: string }> {
  const pull = await gridform(['state', 'pull'], { cwd: dir, home, timeoutMs: 60_000, logPrefix });
  if (pull.code !== 0)
    return { problem: `state pull failed (exit ${pull.code}${pull.timedOut ? ', timed out' : ''}): ${tail(pull.stderr + pull.stdout)}` };
  if (!pull.stdout.trim()) return { state: { resources: [] } };
  try {
    return { state: JSON.parse(pull.stdout) as StateFile };
  } catch {
    return { problem: `state pull printed ${pull.stdout.length} bytes that are not JSON (cut short?)` };
  }
}

/** Managed objects in the state by address (deposed objects under `ADDRESS (deposed KEY)`), with their attributes. */
export function stateObjects(state: StateFile): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const r of state.resources ?? []) {
    if (r.mode !== 'managed') continue;
    for (const i of r.instances) out.set(`${instanceAddress(r, i)}${i.deposed ? ` (deposed ${i.deposed})` : ''}`, i.attributes ?? {});
  }
  return out;
}

/** Every contract id a grid object of the state holds: its id, its name contract, its per-node deployments. */
export function stateContracts(state: StateFile): Map<number, string> {
  const out = new Map<number, string>();
  for (const [address, a] of stateObjects(state)) {
    if (!address.startsWith('grid_')) continue;
    const ids: unknown[] = [a.name_contract_id, ...Object.values((a.node_deployment_id as Record<string, unknown> | undefined) ?? {})];
    if (!address.startsWith('grid_network.')) ids.push(a.id);
    for (const id of ids) if (id !== undefined && id !== null && /^\d+$/.test(String(id)) && Number(id) > 0) out.set(Number(id), address);
  }
  return out;
}

/** Addresses printed with "Creation complete" (and the id printed with it). */
export function createdIn(stdout: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const m of stdout.matchAll(/^(\S+?)(?: \(deposed object \S+\))?: Creation complete after \d+s(?: \[id=([^\]]*)\])?$/gm))
    out.set(m[1], m[2]);
  return out;
}

/** Every object the run printed as created is in the state, with the id it printed. */
export function lostEntries(stdout: string, state: StateFile, when: string): string[] {
  const objects = stateObjects(state);
  const lost: string[] = [];
  for (const [address, id] of createdIn(stdout)) {
    const attrs = objects.get(address);
    if (!attrs) lost.push(address);
    else if (id !== undefined && String(attrs.id) !== id) lost.push(`${address} (printed id ${id}, state has ${String(attrs.id)})`);
  }
  if (!lost.length) return [];
  return [
    `${lost.length} object(s) printed "Creation complete" ${when} are not in the state: ` +
      `${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', ...' : ''}`,
  ];
}

export async function converged(dir: string, home: string, logPrefix: string): Promise<string[]> {
  const plan = await gridform(['plan', '-no-color', '-detailed-exitcode', '-input=false'], {
    cwd: dir,
    home,
    timeoutMs: 120_000,
    logPrefix,
  });
  if (plan.code === 0) return [];
  if (plan.code === 2) return [`not converged: the plan after the re-apply still has changes: ${summary(plan.stdout)}`];
  return [
    `the plan after the re-apply failed (exit ${plan.code}${plan.timedOut ? ', timed out' : ''}): ${tail(plan.stderr + plan.stdout, 3)}`,
  ];
}

function summary(planOut: string): string {
  const changes = planOut
    .split('\n')
    .filter((l) => /^\s+# \S+ (will be|must be)/.test(l))
    .map((l) => l.trim().replace(/^# /, ''));
  const total = planOut.match(/Plan: .*/)?.[0] ?? '';
  return `${total} ${changes.slice(0, 4).join('; ')}${changes.length > 4 ? '; ...' : ''}`.trim();
}

/**
 * State, chain and nodes agree exactly: the live contracts of the twin are the contracts of the
 * states (no orphan, no dangling entry), and each node contract's deployment is on its node,
 * with the hash the chain holds and every workload ok.
 */
export async function agreement(grid: LocalGrid, states: StateFile[]): Promise<string[]> {
  const inState = new Map<number, string>();
  for (const s of states) for (const [id, address] of stateContracts(s)) inState.set(id, address);
  const g = grid.read();
  const twin = g.devAccount.twinId;
  const live = await withChain(g, async (chain) => (await chain.contracts({ twinId: twin })).filter((c) => c.state !== 'Deleted'));
  const problems: string[] = [];
  const orphans = live.filter((c) => !inState.has(Number(c.id)));
  if (orphans.length)
    problems.push(
      `${orphans.length} orphan contract(s) (live on chain, in no state): ` +
        `${orphans.map((c) => `${c.id} (${c.type}${Number(c.nodeId) ? ` on node ${c.nodeId}` : ''})`).join(', ')}`,
    );
  const liveIds = new Set(live.map((c) => Number(c.id)));
  const dangling = [...inState].filter(([id]) => !liveIds.has(id));
  if (dangling.length)
    problems.push(
      `${dangling.length} state entr(ies) whose contract is not live: ${dangling.map(([id, a]) => `${a} -> ${id}`).join(', ')}`,
    );
  for (const c of live.filter((x) => x.type === 'node' && inState.has(Number(x.id)))) {
    const node = g.nodes.find((n) => n.id === Number(c.nodeId));
    if (!node) {
      problems.push(`contract ${c.id} is on node ${c.nodeId}, which the grid does not have`);
      continue;
    }
    const held = await withNode(g, node, (n) => n.get(twin, Number(c.id))).catch((e: Error) => e);
    if (held instanceof Error) {
      problems.push(
        `node ${node.id} does not hold the deployment of contract ${c.id} (${inState.get(Number(c.id))}): ${held.message.split('\n')[0]}`,
      );
      continue;
    }
    if (deploymentHashHex(held) !== c.deploymentHash)
      problems.push(`node ${node.id} holds contract ${c.id} with another hash than the chain's`);
    const bad = held.workloads.filter((w) => w.result?.state !== 'ok').map((w) => `${w.name}=${w.result?.state ?? 'none'}`);
    if (!held.workloads.length) problems.push(`node ${node.id} holds contract ${c.id} without workloads`);
    if (bad.length) problems.push(`node ${node.id}, contract ${c.id}: workloads not ok: ${bad.join(', ')}`);
  }
  return problems;
}

/** After destroy: no live contract of the twin, no reserved public IP, no workload on any node. */
export async function nothingLeft(grid: LocalGrid, states: StateFile[]): Promise<string[]> {
  const problems: string[] = [];
  const left = await grid.leftovers(15_000);
  if (!isEmpty(left)) problems.push(`left after destroy: ${describeLeftovers(left)}`);
  const remaining = states.flatMap((s) => [...stateObjects(s).keys()]);
  if (remaining.length)
    problems.push(`${remaining.length} object(s) still in the state after destroy: ${remaining.slice(0, 5).join(', ')}`);
  return problems;
}

export function runProblem(what: string, r: RunResult): string {
  return `${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}${r.timedOut ? ', timed out' : ''}): ${errorText(r)}`;
}

/** The first error the command printed (its summary and detail), else the last lines it printed. */
export function errorText(r: RunResult): string {
  const lines = r.stderr.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => l.startsWith('Error:'));
  if (at < 0) return tail(r.stderr + r.stdout, 3);
  const detail = lines
    .slice(at + 1)
    .filter(Boolean)
    .filter((l) => !l.startsWith('with '))
    .slice(0, 2);
  return [lines[at], ...detail].join(' ').slice(0, 400);
}

export const logName = (dir: string, name: string) => path.join(dir, name);
