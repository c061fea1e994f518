// What a node does with the deployments in its store when it starts (after a crash, a stop or an
// upgrade): each workload is checked again, not created again. One of a type this version does not
// run, or whose data or result no longer reads, is set to error with the reason, so its owner sees
// what could not be restored; the rest keep their state, addresses and data as they were.
import type { StoredDeployment } from './store/node-store';
import { WORKLOAD_TYPES } from './workloads/registry';

export interface NotRestored {
  contractId: number;
  workload: string;
  type: string;
  reason: string;
}

export interface RestoreReport {
  deployments: number;
  /** workloads that were not deleted */
  workloads: number;
  restored: number;
  notRestored: NotRestored[];
  ms: number;
}

const LIVE = new Set(['init', 'ok', 'paused']);

/** Why the workload cannot run on this version, or undefined when it can. */
function problem(w: StoredDeployment['workloads'][number], supported: ReadonlySet<string>, version: string): string | undefined {
  if (!supported.has(w.type)) return `workload type ${w.type} is not run by zos-sim ${version} (this version removed it)`;
  let data: unknown;
  try {
    data = JSON.parse(w.data || '{}');
    JSON.parse(w.result?.data || '{}');
  } catch {
    return 'its stored data does not read as JSON';
  }
  const invalid = WORKLOAD_TYPES[w.type].validate(data as Record<string, unknown>);
  return invalid ? `its stored data is no longer valid: ${invalid}` : undefined;
}

/**
 * Checks every live workload of `deployments` (changed in place: those that cannot be restored get
 * state error) and returns the report and the deployments that changed.
 */
export function restoreWorkloads(
  deployments: Iterable<StoredDeployment>,
  supported: ReadonlySet<string>,
  version: string,
  now: number,
): { report: RestoreReport; changed: { deployment: StoredDeployment; names: string[] }[] } {
  const started = performance.now();
  const report: RestoreReport = { deployments: 0, workloads: 0, restored: 0, notRestored: [], ms: 0 };
  const changed: { deployment: StoredDeployment; names: string[] }[] = [];
  for (const d of deployments) {
    report.deployments++;
    const names: string[] = [];
    for (const w of d.workloads) {
      if (!LIVE.has(w.result?.state ?? '')) continue;
      report.workloads++;
      const reason = problem(w, supported, version);
      if (!reason) {
        report.restored++;
        continue;
      }
      w.result = {
        created: w.result?.created ?? now,
        state: 'error',
        message: `not restored after restart: ${reason}`,
        data: w.result?.data ?? '{}',
      };
      report.notRestored.push({ contractId: d.contractId, workload: w.name, type: w.type, reason });
      names.push(w.name);
    }
    if (names.length) changed.push({ deployment: d, names });
  }
  report.ms = Math.round(performance.now() - started);
  return { report, changed };
}

export function restoreSummary(nodeId: number, r: RestoreReport): string {
  const head = `zos-sim node ${nodeId} restored ${r.restored} of ${r.workloads} workloads (${r.deployments} deployments) in ${r.ms} ms`;
  if (!r.notRestored.length) return head;
  const list = r.notRestored.map((n) => `contract ${n.contractId} ${n.workload} (${n.type}): ${n.reason}`).join('; ');
  return `${head}; not restored: ${list}`;
}
