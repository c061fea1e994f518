// Which nodes a run cannot count on, and what the user hears about them. A node is unhealthy when
// the chain says it is not up (its uptime reports stopped: Grid Proxy's rule, kept by the chain)
// or when it does not answer. Each node is looked at once per run, and warned about once per run,
// naming since when and the twin's contracts on it; the resources on it keep their state as it was.
import { warning, type Diagnostic } from '../../../engine';
import type { GridContext } from './context';

export interface NodeHealth {
  nodeId: number;
  healthy: boolean;
  /** "down since 2026-12-03T10:46:45Z (its last uptime report, 2h0m ago)", "unreachable (...)" */
  why: string;
}

export class NodeHealthChecks {
  private readonly checks = new Map<number, Promise<NodeHealth>>();
  private readonly warned = new Set<number>();

  constructor(private readonly ctx: GridContext) {}

  /** The node's health, asked of the chain and the node once per run. */
  of(nodeId: number): Promise<NodeHealth> {
    let check = this.checks.get(nodeId);
    if (!check) this.checks.set(nodeId, (check = this.check(nodeId)));
    return check;
  }

  /** The unhealthy nodes among `nodeIds`. */
  async unhealthy(nodeIds: readonly number[]): Promise<NodeHealth[]> {
    const all = await Promise.all([...new Set(nodeIds)].map((id) => this.of(id)));
    return all.filter((h) => !h.healthy);
  }

  /** The warning for a node the first time it is asked for in this run; nothing after that. */
  async warnOnce(h: NodeHealth): Promise<Diagnostic[]> {
    if (this.warned.has(h.nodeId)) return [];
    this.warned.add(h.nodeId);
    const contracts = await this.ctx.chain.contracts({ twinId: this.ctx.twinId, nodeId: h.nodeId }).catch(() => []);
    const live = contracts.filter((c) => c.state !== 'Deleted').map((c) => c.id);
    let yours = `your contracts ${live.join(', ')} on it keep their state`;
    if (live.length === 1) yours = `your contract ${live[0]} on it keeps its state`;
    if (!live.length) yours = 'what you have on it keeps its state';
    return [
      warning(
        `Node ${h.nodeId} is ${h.why}`,
        `Its deployments cannot be read or changed: ${yours} as recorded, and the rest of the plan goes on. ` +
          'A deployment whose node came from grid_scheduler is moved to a healthy node by the next apply. ' +
          'For a fixed node, set node to a node that gridform chain nodes shows up, ' +
          `or, once node ${h.nodeId} is back, recreate it in place with gridform apply -replace=ADDRESS (the address of that deployment).`,
      ),
    ];
  }

  private async check(nodeId: number): Promise<NodeHealth> {
    let node;
    try {
      node = await this.ctx.reads.node(nodeId);
    } catch (err) {
      return { nodeId, healthy: false, why: `not on the chain (${(err as Error).message})` };
    }
    if (node.status !== 'up') {
      const [info] = await Promise.all([this.ctx.chain.info()]);
      return { nodeId, healthy: false, why: `${node.status} ${since(node.lastReport, info.timestamp)}` };
    }
    try {
      // the cheapest call a node answers: whether it answers is all this asks
      await (await this.ctx.node(nodeId)).version();
      return { nodeId, healthy: true, why: 'up' };
    } catch (err) {
      return { nodeId, healthy: false, why: `unreachable: ${(err as Error).message}` };
    }
  }
}

function since(lastReport: number, now: number): string {
  if (!lastReport) return '(it never reported uptime)';
  const ago = now - lastReport;
  const hours = Math.floor(ago / 3600);
  const minutes = Math.floor((ago % 3600) / 60);
  return `since ${new Date(lastReport * 1000).toISOString().replace('.000', '')} (its last uptime report, ${hours}h${minutes}m ago)`;
}

/** The node ids a resource's state names: `node` numbers and `nodes` lists, at any depth. */
export function nodesNamedIn(state: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'node' && typeof x === 'number') out.push(x);
      else if (k === 'nodes' && Array.isArray(x) && x.every((n) => typeof n === 'number')) out.push(...(x as number[]));
      else walk(x);
    }
  };
  walk(state);
  return out.filter((n) => n > 0);
}
