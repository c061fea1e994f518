// state list | show | rm | mv | pull: look into the state and edit it without touching the
// real objects (rm forgets an object, mv renames its address), as Terraform's state commands do.
import { error, type Diagnostic } from '../../diagnostics';
import { instanceAddress, parseInstanceAddress, splitResourceAddress } from '../../addresses/address';
import type { StateView } from '../../state/state';
import { flag } from '../args';
import { report, say, type CommandContext } from '../context';
import { providerSources, schemasFor } from '../schemas';
import { editStackState, readStackState } from './state-access';
import { renderStateResources } from '../../render/state-text';

export async function stateCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...args] = ctx.args.positional;
  switch (sub) {
    case 'list': return list(ctx, args);
    case 'show': return show(ctx, args);
    case 'pull': return pull(ctx);
    case 'rm': return rm(ctx, args);
    case 'mv': return mv(ctx, args);
    default:
      ctx.io.stderr.write('Usage: gridform state <list|show|rm|mv|pull> [options] [args]\n');
      return 1;
  }
}

/** The current instance addresses matching an address (a resource matches all its instances). */
function matching(state: StateView, pattern: string): string[] {
  const p = parseInstanceAddress(pattern);
  if (!p) return [];
  return state.instanceAddresses().filter((a) => {
    const x = parseInstanceAddress(a)!;
    return x.resource === p.resource && (p.key === undefined || x.key === p.key);
  });
}

async function list(ctx: CommandContext, patterns: string[]): Promise<number> {
  const { state } = await readStackState(ctx, flag(ctx.args, 'stack'));
  if (!state) return 1;
  const all = patterns.length ? [...new Set(patterns.flatMap((p) => matching(state, p)))] : state.instanceAddresses();
  if (patterns.length && !all.length) return report(ctx, [error('No matching objects found', `Nothing in the state matches ${patterns.join(', ')}.`)]), 1;
  say(ctx, all.map((a) => `${a}\n`).join(''));
  return 0;
}

async function show(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1) return (ctx.io.stderr.write('Usage: gridform state show ADDRESS\n'), 1);
  const { state, config } = await readStackState(ctx, flag(ctx.args, 'stack'));
  if (!state) return 1;
  if (!state.instance(args[0])) {
    const many = matching(state, args[0]);
    return report(ctx, [error(`No instance found for the given address: ${args[0]}`, many.length ? `It has several instances; name one: ${many.join(', ')}.` : 'state list shows what the state holds.')]), 1;
  }
  say(ctx, renderStateResources(state, [args[0]], schemasFor(providerSources(config, state.file), ctx.options.providers)));
  return 0;
}

async function pull(ctx: CommandContext): Promise<number> {
  const { state } = await readStackState(ctx, flag(ctx.args, 'stack'));
  if (!state) return 1;
  say(ctx, JSON.stringify(state.file, null, 2) + '\n');
  return 0;
}

async function rm(ctx: CommandContext, patterns: string[]): Promise<number> {
  if (!patterns.length) return (ctx.io.stderr.write('Usage: gridform state rm ADDRESS...\n'), 1);
  return editStackState(ctx, 'OperationStateRm', async (state) => {
    const gone = [...new Set(patterns.flatMap((p) => matching(state, p)))];
    const missing = patterns.filter((p) => !matching(state, p).length);
    if (missing.length) return { changed: false, diagnostics: [error('Invalid target address', `No object in the state matches ${missing.join(', ')}; nothing was removed.`)] };
    for (const a of gone) {
      state.removeInstance(a);
      say(ctx, `Removed ${a}\n`);
    }
    say(ctx, `Successfully removed ${gone.length} resource instance(s).\n`);
    return { changed: gone.length > 0, diagnostics: [] };
  });
}

async function mv(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 2) return (ctx.io.stderr.write('Usage: gridform state mv SOURCE DESTINATION\n'), 1);
  const [from, to] = args;
  return editStackState(ctx, 'OperationStateMv', async (state) => {
    const diags: Diagnostic[] = [];
    const src = parseInstanceAddress(from);
    const dst = parseInstanceAddress(to);
    if (!src || !dst) return { changed: false, diagnostics: [error('Invalid address', `${!src ? from : to} is not a resource address.`)] };
    const moving = matching(state, from);
    if (!moving.length) return { changed: false, diagnostics: [error(`No object found at ${from}`, 'state list shows what the state holds.')] };
    const srcType = splitResourceAddress(src.resource);
    const dstType = splitResourceAddress(dst.resource);
    if (srcType.type !== dstType.type || srcType.mode !== dstType.mode) return { changed: false, diagnostics: [error('Invalid state move', `${from} is a ${srcType.type}; it cannot become a ${dstType.type}.`)] };
    for (const a of moving) {
      const key = src.key === undefined && dst.key === undefined ? parseInstanceAddress(a)!.key : dst.key;
      const target = instanceAddress(dst.resource, key);
      if (state.instance(target)) return { changed: false, diagnostics: [error('Destination already exists', `${target} is already in the state; nothing was moved.`)] };
      const r = state.resource(src.resource)!;
      const inst = state.instance(a)!;
      state.removeInstance(a);
      state.setInstance({ mode: r.mode, type: dstType.type, name: dstType.name, provider: r.provider }, target, inst);
      say(ctx, `Move "${a}" to "${target}"\n`);
    }
    say(ctx, `Successfully moved ${moving.length} object(s).\n`);
    return { changed: true, diagnostics: diags };
  });
}
