// Reading a stack's state for commands that only look (show, state list/show, output), and
// changing it under the lock for those that edit it (state rm/mv, import).
import { error, warning, type Diagnostic } from '../../diagnostics';
import type { Config } from '../../config/types';
import type { InterruptedCreate, StateBackend } from '../../state/backend';
import { emptyState, StateView, type StateFile } from '../../state/state';
import { backendFor } from '../backend-select';
import { report, stackFor, type CommandContext } from '../context';
import { loadStackConfig } from '../stack-config';
import { acquireLock, parseDuration } from '../state-lock';
import { boolFlag, flag } from '../args';
import { currentWorkspace } from '../workspace';

export interface StackState {
  /** the state, empty when there is none */
  readonly state?: StateView;
  /** false when the backend holds no state at all (nothing was ever applied) */
  readonly exists?: boolean;
  readonly config?: Config;
  readonly backend?: StateBackend;
}

/** Terraform's words when a state command finds no state: they exit 1. */
export const NO_STATE =
  'No state file was found!\n\nState management commands require a state file. Run this command\n' +
  'in a folder where gridform has applied something (or the stack folder of a CDKTF app), or\n' +
  'check the backend the configuration names.\n';

export async function readStackState(ctx: CommandContext): Promise<StackState> {
  const { stack, diagnostics } = await stackFor(ctx, false);
  if (report(ctx, diagnostics) || !stack) return {};
  const { config, diagnostics: cd } = loadStackConfig(stack);
  if (report(ctx, cd)) return {};
  const { backend, diagnostics: bd } = backendFor(stack, config, currentWorkspace(stack.dir, ctx.io.env), ctx.io.env);
  if (report(ctx, bd) || !backend) return {};
  try {
    const r = await backend.read();
    report(
      ctx,
      (r.warnings ?? []).map((w) => warning('State file permissions', w)),
    );
    return { state: new StateView(r.state ?? emptyState()), exists: r.state !== undefined && r.state !== null, config, backend };
  } catch (err) {
    report(ctx, [error(`Cannot read the state ${backend.location}`, (err as Error).message)]);
    return {};
  } finally {
    await backend.close?.();
  }
}

export interface StateEdit {
  /** true to save the edited state with the next serial */
  readonly changed: boolean;
  readonly diagnostics: Diagnostic[];
  /** a whole state to save as it is instead (state push) */
  readonly replace?: StateFile;
}

/**
 * Runs `edit` on the locked state and saves what it changed. Without a state, prints terraform's
 * "No state file was found!" and exits 1, unless `noState` is "allowed" (edit gets an empty one).
 */
export async function editStackState(
  ctx: CommandContext,
  operation: string,
  edit: (state: StateView, existed: boolean, config: Config | undefined, backend: StateBackend) => Promise<StateEdit>,
  noState: 'refused' | 'allowed' = 'refused',
): Promise<number> {
  const timeout = parseDuration(flag(ctx.args, 'lock-timeout'));
  if (timeout === undefined) {
    const given = JSON.stringify(flag(ctx.args, 'lock-timeout'));
    return (report(ctx, [error('Invalid value for -lock-timeout', `-lock-timeout takes a duration such as 30s or 2m, not ${given}.`)]), 1);
  }
  const { stack, diagnostics } = await stackFor(ctx, false);
  if (report(ctx, diagnostics) || !stack) return 1;
  const { config, diagnostics: cd } = loadStackConfig(stack);
  if (report(ctx, cd)) return 1;
  const { backend, diagnostics: bd } = backendFor(stack, config, currentWorkspace(stack.dir, ctx.io.env), ctx.io.env);
  if (report(ctx, bd) || !backend) return 1;
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
    report(
      ctx,
      (r.warnings ?? []).map((w) => warning('State file permissions', w)),
    );
    if (!r.state && noState === 'refused') {
      ctx.io.stderr.write(NO_STATE);
      return 1;
    }
    const state = new StateView(r.state ?? emptyState());
    const { changed, diagnostics: ed, replace } = await edit(state, !!r.state, config, backend);
    if (report(ctx, ed)) return 1;
    if (replace) await backend.write(replace);
    else if (changed) {
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
