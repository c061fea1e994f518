// The kinds of chaos trial. Each: set up, inflict, re-apply once, check, destroy, check; answers
// the problems found (none: the trial held).
import * as path from 'node:path';
import { runProblem } from './checks';
import { concurrentApplies } from './concurrent-trial';
import { chainKilled, chainOutage, nodeKilled } from './grid-fault-trials';
import { stackJson, type Stack } from './stack-cache';
import { writeStack } from './stacks';
import {
  apply,
  backendFor,
  checkNothingLost,
  describeKill,
  destroy,
  killPoint,
  reapplyCheckDestroy,
  type Kind,
  type TrialContext,
} from './trial';

type Operation = 'apply' | 'update' | 'destroy';

/** Changes a version of the stack makes: 2 progress lines each (start and end). */
function progressLines(t: TrialContext, stack: Stack, op: Operation): number {
  if (stack === 'data') return 2 * t.opts.dataCount;
  return op === 'update' ? 4 : 8; // update: the two deployments; else network, two deployments, proxy
}

/**
 * How long the run to kill should take, ms: scaled from the setup apply when there was one (an
 * update changes two of four objects; a destroy skips waiting for workloads), else as measured on
 * a busy 2-core machine (a grid apply ~2 s; 2,000 terraform_data ~3 s).
 */
function expectedMs(t: TrialContext, stack: Stack, op: Operation, setupMs?: number): number {
  if (setupMs !== undefined) return setupMs * (op === 'update' ? 0.5 : 0.6);
  return stack === 'grid' ? 1800 : (3000 * t.opts.dataCount) / 2000;
}

/** SIGKILL of apply, update or destroy at a random progress point. */
function killTrial(stack: Stack, backend: 'local' | 'pg'): Kind {
  return {
    name: `kill-${stack}-${backend}`,
    about:
      `SIGKILL of apply/update/destroy at a random point, ` +
      `${stack === 'grid' ? 'grid stack (network, VMs with public IPs, zdbs, a gateway)' : 'terraform_data stack'}, ${backend} backend`,
    needsGrid: stack === 'grid',
    needsPg: backend === 'pg',
    async run(t) {
      const op = t.rng.pick<Operation>(['apply', 'update', 'destroy']);
      const folder = 'stack';
      const write = (v: 1 | 2) => writeStack(path.join(t.dir, folder), stackJson(t, stack, v), t.tag, backendFor(t, backend));
      write(1);
      let setupMs: number | undefined;
      if (op !== 'apply') {
        const setup = await apply(t, folder, 'setup-apply');
        if (setup.code !== 0) return [runProblem('the setup apply (before anything was inflicted)', setup)];
        setupMs = setup.ms;
      }
      if (op === 'update') write(2);
      const at = killPoint(t, progressLines(t, stack, op), expectedMs(t, stack, op, setupMs));
      const run =
        op === 'destroy'
          ? await destroy(t, folder, `killed-${op}`, { killAt: at })
          : await apply(t, folder, `killed-${op}`, { killAt: at });
      t.inflicted.push(`${op}: ${describeKill(at, run)}`);
      const problems = await checkNothingLost(t, folder, run, `by the killed ${op}`);
      return [...problems, ...(await reapplyCheckDestroy(t, [folder]))];
    },
  };
}

export const KINDS: Kind[] = [
  killTrial('grid', 'local'),
  killTrial('grid', 'pg'),
  killTrial('data', 'local'),
  killTrial('data', 'pg'),
  nodeKilled,
  chainKilled,
  chainOutage,
  concurrentApplies,
];
