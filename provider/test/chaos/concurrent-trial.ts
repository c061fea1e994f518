// N applies at once from N folders (each its own stack and state) onto one grid: all must succeed
// the first time (shared resources such as wireguard ports are allocated without collisions).
import * as path from 'node:path';
import { runProblem } from './checks';
import { stackJson } from './stack-cache';
import { writeStack } from './stacks';
import { apply, backendFor, reapplyCheckDestroy, type Kind } from './trial';

export const concurrentApplies: Kind = {
  name: 'concurrent',
  about: 'N applies (--concurrency, 8) from N folders at once onto one grid, then re-apply, destroy',
  needsGrid: true,
  needsPg: false,
  async run(t) {
    const folders = Array.from({ length: t.opts.concurrency }, (_, i) => `stack${i + 1}`);
    for (const [i, f] of folders.entries())
      writeStack(path.join(t.dir, f), stackJson(t, 'grid', 1), `${t.tag}f${i + 1}`, backendFor(t, 'local', f));
    const runs = await Promise.all(folders.map((f) => apply(t, f, `concurrent-apply-${f}`)));
    const failed = runs.map((r, i) => ({ r, f: folders[i] })).filter((x) => x.r.code !== 0);
    t.inflicted.push(`${folders.length} applies at once: ${folders.length - failed.length} succeeded`);
    const problems = failed.length
      ? [`${failed.length} of ${folders.length} concurrent applies failed; first: ${runProblem(failed[0].f, failed[0].r)}`]
      : [];
    return [...problems, ...(await reapplyCheckDestroy(t, folders))];
  },
};
