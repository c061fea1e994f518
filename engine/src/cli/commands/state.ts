// state list | show | rm | mv | pull | push: look into the state and edit it without touching the
// real objects (rm forgets an object, mv renames its address), as Terraform's state commands do.
import { error } from '../../diagnostics';
import { matchingInstances, moveObjects } from '../../state/move';
import { report, say, type CommandContext } from '../context';
import { providerSources, schemasFor } from '../schemas';
import { editStackState, NO_STATE, readStackState } from './state-access';
import { renderStateResources } from '../../render/state-text';
import { helpText } from '../command-spec';
import { SPECS } from './specs';
import { statePush } from './state-push';
import { stringifyJson } from '../../json-syntax';

export async function stateCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...args] = ctx.args.positional;
  switch (sub) {
    case 'list':
      return list(ctx, args);
    case 'show':
      return show(ctx, args);
    case 'pull':
      return pull(ctx);
    case 'rm':
      return rm(ctx, args);
    case 'mv':
      return mv(ctx, args);
    case 'push':
      return statePush(ctx, args[0]);
    default:
      // no subcommand, or one that does not exist: the usage, as terraform prints it
      ctx.io.stderr.write(helpText(['state'], SPECS.state));
      return 1;
  }
}

async function list(ctx: CommandContext, patterns: string[]): Promise<number> {
  const { state, exists } = await readStackState(ctx);
  if (!state) return 1;
  if (!exists) return (ctx.io.stderr.write(NO_STATE), 1);
  const all = patterns.length ? [...new Set(patterns.flatMap((p) => matchingInstances(state, p)))] : state.instanceAddresses();
  if (patterns.length && !all.length)
    return (report(ctx, [error('No matching objects found', `Nothing in the state matches ${patterns.join(', ')}.`)]), 1);
  say(ctx, all.map((a) => `${a}\n`).join(''));
  return 0;
}

async function show(ctx: CommandContext, args: string[]): Promise<number> {
  const { state, config, exists } = await readStackState(ctx);
  if (!state) return 1;
  if (!exists) return (ctx.io.stderr.write(NO_STATE), 1);
  if (!state.instance(args[0])) {
    const many = matchingInstances(state, args[0]);
    return (
      report(ctx, [
        error(
          `No instance found for the given address: ${args[0]}`,
          many.length ? `It has several instances; name one: ${many.join(', ')}.` : 'state list shows what the state holds.',
        ),
      ]),
      1
    );
  }
  say(ctx, renderStateResources(state, [args[0]], schemasFor(providerSources(config, state.file), ctx.options.providers)));
  return 0;
}

async function pull(ctx: CommandContext): Promise<number> {
  const { state, exists } = await readStackState(ctx);
  if (!state) return 1;
  // no state: nothing to print, as terraform's state pull
  if (exists) say(ctx, stringifyJson(state.file, 2) + '\n');
  return 0;
}

async function rm(ctx: CommandContext, patterns: string[]): Promise<number> {
  return editStackState(ctx, 'OperationStateRm', async (state) => {
    const gone = [...new Set(patterns.flatMap((p) => matchingInstances(state, p)))];
    const missing = patterns.filter((p) => !matchingInstances(state, p).length);
    if (missing.length)
      return {
        changed: false,
        diagnostics: [error('Invalid target address', `No object in the state matches ${missing.join(', ')}; nothing was removed.`)],
      };
    for (const a of gone) {
      state.removeInstance(a);
      say(ctx, `Removed ${a}\n`);
    }
    say(ctx, `Successfully removed ${gone.length} resource instance(s).\n`);
    return { changed: gone.length > 0, diagnostics: [] };
  });
}

async function mv(ctx: CommandContext, args: string[]): Promise<number> {
  const [from, to] = args;
  return editStackState(ctx, 'OperationStateMv', async (state) => {
    const { moved, diagnostics } = moveObjects(state, from, to);
    for (const [a, target] of moved) say(ctx, `Move "${a}" to "${target}"\n`);
    if (moved.length) say(ctx, `Successfully moved ${moved.length} object(s).\n`);
    return { changed: moved.length > 0, diagnostics };
  });
}
