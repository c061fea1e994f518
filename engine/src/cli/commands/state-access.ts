// Reading a stack's state for commands that only look (show, state list/show, output), and
// changing it under the lock for those that edit it (state rm/mv, import).
import { error, warning, type Diagnostic } from '../../diagnostics';
import type { Config } from '../../config/types';
import type { InterruptedCreate, StateBackend } from '../../state/backend';
import { emptyState, StateView } from '../../state/state';
import { backendFor } from '../backend-select';
import { report, type CommandContext } from '../context';
import { loadStackConfig } from '../stack-config';
import { acquireLock, parseDuration } from '../state-lock';
import { boolFlag, flag } from '../args';
import { resolveStack } from '../workdir';
import { currentWorkspace } from '../workspace';

export async function readStackState(ctx: CommandContext, stackName?: string): Promise<{ state?: StateView; config?: Config; backend?: StateBackend }> {
  const { stack, diagnostics } = await resolveStack(ctx.cwd, { synth: false, stack: stackName, log: (l) => ctx.io.stderr.write(l + '\n') });
  if (report(ctx, diagnostics) || !stack) return {};
  const { config, diagnostics: cd } = loadStackConfig(stack);
  if (report(ctx, cd)) return {};
  const { backend, diagnostics: bd } = backendFor(stack, config, currentWorkspace(stack.dir, ctx.io.env), ctx.io.env);
  if (report(ctx, bd) || !backend) return {};
  try {
    const r = await backend.read();
    report(ctx, (r.warnings ?? []).map((w) => warning('State file permissions', w)));
    return { state: new StateView(r.state ?? emptyState()), config, backend };
  } catch (err) {
    report(ctx, [error(`Cannot read the state ${backend.location}`, (err as Error).message)]);
    return {};
  } finally {
    await backend.close?.();
  }
}

/** Runs `edit` on the locked state and saves it when edit returns true. */
export async function editStackState(ctx: CommandContext, operation: string, edit: (state: StateView, config: Config | undefined, backend: StateBackend) => Promise<{ changed: boolean; diagnostics: Diagnostic[] }>): Promise<number> {
  const { stack, diagnostics } = await resolveStack(ctx.cwd, { synth: false, stack: flag(ctx.args, 'stack'), log: (l) => ctx.io.stderr.write(l + '\n') });
  if (report(ctx, diagnostics) || !stack) return 1;
  const { config, diagnostics: cd } = loadStackConfig(stack);
  if (report(ctx, cd)) return 1;
  const { backend, diagnostics: bd } = backendFor(stack, config, currentWorkspace(stack.dir, ctx.io.env), ctx.io.env);
  if (report(ctx, bd) || !backend) return 1;
  const timeout = parseDuration(flag(ctx.args, 'lock-timeout')) ?? 0;
  let lockId: string | undefined;
  try {
    if (boolFlag(ctx.args, 'lock', true)) {
      const l = await acquireLock(backend, operation, ctx.options.version, timeout);
      if (report(ctx, l.diagnostics) || !l.id) return 1;
      lockId = l.id;
    }
    let r;
    try {
      r = await backend.read({ recover: !!lockId, recoverCreates: refuseBeforeRecovery });
    } catch (err) {
      report(ctx, [error(`Cannot read the state ${backend.location}`, (err as Error).message)]);
      return 1;
    }
    report(ctx, (r.warnings ?? []).map((w) => warning('State file permissions', w)));
    const state = new StateView(r.state ?? emptyState());
    const { changed, diagnostics: ed } = await edit(state, config, backend);
    if (report(ctx, ed)) return 1;
    if (changed) {
      state.file.serial++;
      await backend.write(state.file);
    }
    return 0;
  } finally {
    if (lockId) await backend.unlock(lockId);
    await backend.close?.();
  }
}

/** Editing the state would drop the keys of interrupted creates: their provider must be asked first. */
async function refuseBeforeRecovery(_state: unknown, creates: InterruptedCreate[]): Promise<never> {
  const what = creates.map((c) => c.address).join(', ');
  throw new Error(
    `a previous apply was interrupted while creating ${what}: run "gridform plan" (or apply) first, ` +
      'so the provider finds what it made, then run this command again',
  );
}
