// CPU time of the bench's processes, from Linux's /proc: the gridform commands it waited for
// (cutime + cstime of this process) and the grid's own processes (utime + stime of the chain,
// the node host and the explorer). On a shared, busy machine wall time mostly measures the
// neighbours; CPU time is what a change to gridform, the chain or the nodes moves.
import * as fs from 'node:fs';

/** clock ticks per second of /proc/.../stat (USER_HZ, 100 on Linux) */
const TICKS = 100;

function statTimes(pid: number | 'self'): number[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces), from field 3 (state) on
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined;
  }
}

/** CPU seconds of the children this process has waited for; undefined where /proc is missing. */
export function waitedChildrenCpu(): number | undefined {
  const f = statTimes('self');
  return f ? (f[13] + f[14]) / TICKS : undefined; // cutime, cstime
}

/** CPU seconds a running process has used; undefined when it cannot be read. */
export function processCpu(pid: number): number | undefined {
  const f = statTimes(pid);
  return f ? (f[11] + f[12]) / TICKS : undefined; // utime, stime
}
