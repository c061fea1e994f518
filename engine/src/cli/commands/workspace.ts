// workspace list | show | new | select | delete: several states for one configuration, kept by
// the backend (local: terraform.tfstate.d/NAME; pg: one row per workspace), as in Terraform.
import { describeHolder } from '../state-lock';
import { error } from '../../diagnostics';
import { emptyState } from '../../state/state';
import type { StateBackend } from '../../state/backend';
import { boolFlag } from '../args';
import { report, say, stackFor, type CommandContext } from '../context';
import { backendFor } from '../backend-select';
import { loadStackConfig } from '../stack-config';
import type { StackDir } from '../workdir';
import { currentWorkspace, invalidWorkspaceName, recordWorkspace } from '../workspace';
import { helpText } from '../command-spec';
import { SPECS } from './specs';

export async function workspaceCommand(ctx: CommandContext): Promise<number> {
  const [sub, name] = ctx.args.positional;
  if (!['list', 'show', 'new', 'select', 'delete'].includes(sub ?? '')) {
    ctx.io.stderr.write(helpText(['workspace'], SPECS.workspace));
    return 1;
  }
  const { stack, diagnostics } = await stackFor(ctx, false);
  if (report(ctx, diagnostics) || !stack) return 1;
  const current = currentWorkspace(stack.dir, ctx.io.env);
  if (sub === 'show') return (say(ctx, `${current}\n`), 0);
  const open = (ws: string) => backendFor(stack, loadStackConfig(stack).config, ws, ctx.io.env);
  const { backend, diagnostics: bd } = open(current);
  if (report(ctx, bd) || !backend) return 1;
  try {
    const all = await backend.listWorkspaces();
    switch (sub) {
      case 'list':
        say(ctx, all.map((w) => `${w === current ? '*' : ' '} ${w}\n`).join('') + '\n');
        return 0;
      case 'new':
        return await create(ctx, stack, name!, all, open);
      case 'select':
        if (!all.includes(name!))
          return (report(ctx, [error(`Workspace "${name}" doesn't exist.`, 'Create it with "gridform workspace new NAME".')]), 1);
        recordWorkspace(stack.dir, name!);
        say(ctx, `Switched to workspace "${name}".\n`);
        return 0;
      default:
        return await remove(ctx, name!, current, all, open);
    }
  } catch (err) {
    return (report(ctx, [error(`Cannot reach the state backend ${backend.location}`, (err as Error).message)]), 1);
  } finally {
    await backend.close?.();
  }
}

type Open = (ws: string) => { backend?: StateBackend };

async function create(ctx: CommandContext, stack: StackDir, name: string, all: string[], open: Open): Promise<number> {
  const invalid = invalidWorkspaceName(name);
  if (invalid) return (report(ctx, [error('Invalid workspace name', invalid)]), 1);
  if (all.includes(name))
    return (report(ctx, [error(`Workspace "${name}" already exists`, 'Select it with "gridform workspace select NAME".')]), 1);
  const b = open(name).backend!;
  try {
    await b.write(emptyState());
  } finally {
    await b.close?.();
  }
  recordWorkspace(stack.dir, name);
  say(
    ctx,
    `Created and switched to workspace "${name}"!\n\nYou're now on a new, empty workspace. Workspaces isolate their state,\n` +
      `so if you run "gridform plan" gridform will not see any existing state\nfor this configuration.\n`,
  );
  return 0;
}

async function remove(ctx: CommandContext, name: string, current: string, all: string[], open: Open): Promise<number> {
  if (name === 'default') return (report(ctx, [error('Cannot delete the default workspace', 'The default workspace always exists.')]), 1);
  if (name === current)
    return (
      report(ctx, [
        error(`Workspace "${name}" is your active workspace`, 'Select another workspace first: gridform workspace select default.'),
      ]),
      1
    );
  if (!all.includes(name)) return (report(ctx, [error(`Workspace "${name}" doesn't exist.`, 'gridform workspace list shows them.')]), 1);
  const b = open(name).backend!;
  try {
    const lock = await b.lock('OperationWorkspaceDelete', ctx.options.version);
    if (!lock.ok)
      return (
        report(ctx, [error(`Workspace "${name}" is locked`, 'problem' in lock ? lock.problem : `${describeHolder(lock.holder)}.`)]),
        1
      );
    try {
      const state = (await b.read()).state;
      const objects = state?.resources.reduce((n, r) => n + r.instances.length, 0) ?? 0;
      if (objects && !boolFlag(ctx.args, 'force')) {
        return (
          report(ctx, [
            error(
              `Workspace "${name}" is not empty`,
              `Its state still manages ${objects} object(s): destroy them first ` +
                `(gridform workspace select ${name}; gridform destroy), or delete it with -force to forget them.`,
            ),
          ]),
          1
        );
      }
      await b.deleteWorkspace(name);
    } finally {
      await b.unlock(lock.info.ID);
    }
  } finally {
    await b.close?.();
  }
  say(ctx, `Deleted workspace "${name}"!\n`);
  return 0;
}
