// force-unlock LOCK_ID: remove a lock left by a run that is gone (on another host, say). Asks
// first unless -force; refuses an ID that is not the current lock's.
import { error } from '../../diagnostics';
import { boolFlag } from '../args';
import { report, say, stackFor, type CommandContext } from '../context';
import { canPrompt, confirm } from '../prompt';
import { backendFor } from '../backend-select';
import { loadStackConfig } from '../stack-config';
import { currentWorkspace } from '../workspace';

export async function forceUnlockCommand(ctx: CommandContext): Promise<number> {
  const id = ctx.args.positional[0];
  const { stack, diagnostics } = await stackFor(ctx, false);
  if (report(ctx, diagnostics) || !stack) return 1;
  const { config } = loadStackConfig(stack);
  const { backend, diagnostics: bd } = backendFor(stack, config, currentWorkspace(stack.dir, ctx.io.env), ctx.io.env);
  if (report(ctx, bd) || !backend) return 1;
  try {
    if (!boolFlag(ctx.args, 'force')) {
      if (!canPrompt(ctx.io, true))
        return (
          report(ctx, [
            error(
              'force-unlock needs confirmation',
              'There is no terminal to ask: run with -force if you are sure the lock holder is gone.',
            ),
          ]),
          1
        );
      if (
        !(await confirm(
          ctx.io,
          'Do you really want to force-unlock?',
          `gridform will remove the lock on the state ${backend.location}.\n` +
            `  This will allow local gridform commands to modify this state, even though it\n` +
            `  may still be in use.`,
        ))
      )
        return 1;
    }
    let unlocked: boolean;
    try {
      unlocked = await backend.forceUnlock(id);
    } catch (err) {
      return (report(ctx, [error('Failed to unlock state', (err as Error).message)]), 1);
    }
    if (!unlocked) return (report(ctx, [error('Failed to unlock state', `No lock with ID ${id} is held on ${backend.location}.`)]), 1);
    say(ctx, 'gridform state has been successfully unlocked!\n');
    return 0;
  } finally {
    await backend.close?.();
  }
}
