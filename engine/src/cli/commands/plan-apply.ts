// plan, apply and destroy: open the session, plan (refreshing first), show the plan, and for
// apply/destroy confirm and apply it. `plan -out=FILE` saves the plan; `apply FILE` applies a
// saved plan without asking, refusing it when the state moved since.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, hasErrors } from '../../diagnostics';
import { parseInstanceAddress, type InstanceAddress } from '../../addresses/address';
import { makePlan } from '../../plan/plan';
import { rfc3339 } from '../../expr/functions/clock';
import { hasChanges } from '../../plan/types';
import { schemaLookup } from '../../render/plan-text';
import { boolFlag, flag } from '../args';
import { stackFor, type CommandContext } from '../context';
import { canPrompt, confirm } from '../prompt';
import { openSession, type Session } from '../session';
import type { StackDir } from '../workdir';
import { isPlanFile, readPlanFile, stateDigest, writePlanFile, type PlanOrigin, type SavedPlan } from '../plan-file';
import { parseDuration } from '../state-lock';
import { applyAndReport } from '../apply-run';
import { HumanView, type Mode, type OperationView } from '../views/operation-view';
import { JsonView } from '../views/json-view';

export type { Mode };

/** The flags of a plan, apply or destroy, checked before anything happens. */
interface RunOptions {
  readonly lockTimeoutMs: number;
  readonly targets: InstanceAddress[];
  readonly destroy: boolean;
  readonly refreshOnly: boolean;
  readonly parallelism: number;
}

function runOptions(ctx: CommandContext, mode: Mode): RunOptions | { problem: [string, string] } {
  const lockTimeoutMs = parseDuration(flag(ctx.args, 'lock-timeout'));
  if (lockTimeoutMs === undefined) {
    const given = JSON.stringify(flag(ctx.args, 'lock-timeout'));
    return { problem: ['Invalid value for -lock-timeout', `-lock-timeout takes a duration such as 30s or 2m, not ${given}.`] };
  }
  const limit = ctx.io.env.GRIDFORM_MAX_INSTANCES;
  if (limit !== undefined && maxInstances(ctx.io.env) === undefined) {
    const detail = `GRIDFORM_MAX_INSTANCES must be a positive whole number, not ${JSON.stringify(limit)}.`;
    return { problem: ['Invalid GRIDFORM_MAX_INSTANCES', detail] };
  }
  const parallelism = flag(ctx.args, 'parallelism') ?? '10';
  if (!/^[1-9]\d*$/.test(parallelism)) {
    const detail = `-parallelism takes a whole number of at least 1, not ${JSON.stringify(parallelism)}.`;
    return { problem: ['Invalid value for -parallelism', detail] };
  }
  const targets: InstanceAddress[] = [];
  for (const t of ctx.args.flags.get('target') ?? []) {
    const a = parseInstanceAddress(t);
    const detail = `-target=${t} is not a resource address (type.name, type.name[0] or type.name["key"]).`;
    if (!a) return { problem: ['Invalid target address', detail] };
    targets.push(a);
  }
  for (const r of ctx.args.flags.get('replace') ?? []) {
    if (!parseInstanceAddress(r)) return { problem: ['Invalid replace address', `-replace=${r} is not a resource instance address.`] };
  }
  const destroy = mode === 'destroy' || boolFlag(ctx.args, 'destroy');
  const refreshOnly = boolFlag(ctx.args, 'refresh-only');
  if (refreshOnly && destroy) return { problem: ['Incompatible plan options', '-refresh-only and -destroy cannot be used together.'] };
  return { lockTimeoutMs, targets, destroy, refreshOnly, parallelism: Number(parallelism) };
}

export async function planApplyCommand(ctx: CommandContext, mode: Mode): Promise<number> {
  const json = boolFlag(ctx.args, 'json');
  const view: OperationView = json ? new JsonView(ctx, ctx.options.version) : new HumanView(ctx);
  const o = runOptions(ctx, mode);
  if ('problem' in o) return usageError(ctx, view, mode, ...o.problem);
  const { lockTimeoutMs } = o;
  const planFile = mode === 'apply' && ctx.args.positional[0] ? path.resolve(ctx.cwd, ctx.args.positional[0]) : undefined;
  if (json && mode !== 'plan' && !planFile && !boolFlag(ctx.args, 'auto-approve')) {
    const detail =
      'gridform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, ' +
      'or enable the -auto-approve option.';
    return (view.diagnostics([error('Plan file or auto-approve required', detail)]), 1);
  }
  let saved: SavedPlan | undefined;
  if (planFile) {
    if (!isPlanFile(planFile)) {
      const detail = fs.existsSync(planFile) ? 'Make one with "gridform plan -out=FILE".' : 'The file does not exist.';
      return (view.diagnostics([error(`${ctx.args.positional[0]} is not a saved plan`, detail)]), 1);
    }
    const r = readPlanFile(planFile);
    if (view.diagnostics(r.diagnostics) || !r.saved) return 1;
    saved = r.saved;
  }
  const stack = saved ? savedPlanStack(ctx, saved) : await stackFor(ctx, true, (line) => view.log(line));
  if (view.diagnostics(stack.diagnostics) || !stack.stack) return 1;
  const opened = await openSession(stack.stack, {
    factories: ctx.options.providers,
    lock: boolFlag(ctx.args, 'lock', true),
    lockTimeoutMs,
    operation: `Operation${mode[0].toUpperCase()}${mode.slice(1)}`,
    version: ctx.options.version,
    inputs: { env: ctx.io.env, vars: ctx.args.flags.get('var') ?? [], varFiles: ctx.args.flags.get('var-file') ?? [], cwd: ctx.cwd },
    ...(saved ? { saved: { doc: saved.doc, variables: saved.variables } } : {}),
  });
  if (view.diagnostics(opened.diagnostics) || !opened.session) return 1;
  const s = opened.session;
  try {
    if (saved) return await applySaved(ctx, view, s, saved, o);
    return await run(ctx, view, s, mode, o);
  } finally {
    await s.close();
  }
}

async function run(ctx: CommandContext, view: OperationView, s: Session, mode: Mode, o: RunOptions): Promise<number> {
  const { destroy, refreshOnly, targets } = o;
  const { plan, diagnostics } = await makePlan(s.config, s.graph, s.state, s.providers, {
    destroy,
    refreshOnly,
    refresh: boolFlag(ctx.args, 'refresh', true),
    targets,
    replace: ctx.args.flags.get('replace') ?? [],
    variables: s.variables,
    paths: s.paths,
    workspace: s.workspace,
    timestamp: rfc3339(new Date()),
    maxInstances: maxInstances(ctx.io.env),
  });
  if (view.diagnostics(diagnostics) || !plan) return 1;
  const schemas = schemaLookup(new Map([...s.providers].map(([k, p]) => [k, p.schema])));
  view.plan(plan, schemas);
  const changes = hasChanges(plan);
  if (mode === 'plan') {
    const out = flag(ctx.args, 'out');
    if (out) {
      writePlanFile(path.resolve(ctx.cwd, out), { plan, doc: s.doc, variables: s.variables, origin: planOrigin(s) });
      const how = `To perform exactly these actions, run the following command to apply:\n    gridform apply "${out}"`;
      view.note(`\nSaved the plan to: ${out}\n\n${how}\n`);
    } else if (changes) {
      view.note(
        "\nNote: You didn't use the -out option to save this plan, so gridform can't guarantee to take exactly these actions " +
          'if you run "gridform apply" now.\n',
      );
    }
    return boolFlag(ctx.args, 'detailed-exitcode') && changes ? 2 : 0;
  }
  if (!changes) return applyAndReport(ctx, view, s, plan, mode, o.parallelism);
  if (!boolFlag(ctx.args, 'auto-approve')) {
    if (!canPrompt(ctx.io, boolFlag(ctx.args, 'input', true))) {
      const detail =
        'There is no terminal to ask for approval (or -input=false was given): run with -auto-approve to ' +
        `${mode} without asking, or save the plan with "gridform plan -out=FILE" and apply that file.`;
      view.diagnostics([error(`${mode === 'destroy' ? 'Destroy' : 'Apply'} needs approval`, detail)]);
      return 1;
    }
    const ok = await confirm(
      ctx.io,
      mode === 'destroy' ? 'Do you really want to destroy all resources?' : 'Do you want to perform these actions?',
      mode === 'destroy'
        ? 'gridform will destroy all your managed infrastructure, as shown above.\n  There is no undo.'
        : 'gridform will perform the actions described above.',
    );
    if (!ok) {
      view.note(`${mode === 'destroy' ? 'Destroy' : 'Apply'} cancelled.\n`);
      return 1;
    }
  }
  return applyAndReport(ctx, view, s, plan, mode, o.parallelism);
}

async function applySaved(ctx: CommandContext, view: OperationView, s: Session, saved: SavedPlan, o: RunOptions): Promise<number> {
  const refusal = savedPlanRefusal(s, saved.origin);
  if (refusal) {
    view.diagnostics([error(refusal.summary, `${refusal.detail} Make a new plan with "gridform plan -out=FILE" and apply that.`)]);
    return 1;
  }
  if (s.stateIsNew) s.state.file.lineage = saved.plan.priorLineage;
  view.savedPlan(saved.plan);
  return applyAndReport(ctx, view, s, saved.plan, saved.plan.destroy ? 'destroy' : 'apply', o.parallelism);
}

/** Where this plan is made: the stack, the workspace and the state as it is now. */
function planOrigin(s: Session): PlanOrigin {
  const { lineage, serial } = s.state.file;
  return {
    stackDir: s.stack.dir,
    stackName: path.basename(s.stack.dir),
    workspace: s.workspace,
    priorState: s.stateIsNew ? null : { lineage, serial, sha256: stateDigest(s.state.file) },
  };
}

/** Why a saved plan cannot be applied in this session, if it cannot. */
function savedPlanRefusal(s: Session, origin: PlanOrigin): { summary: string; detail: string } | undefined {
  const here = planOrigin(s);
  if (origin.stackName !== here.stackName) {
    const detail = `It was made for the stack "${origin.stackName}" (${origin.stackDir}); this is the stack "${here.stackName}".`;
    return { summary: 'Saved plan is for another stack', detail };
  }
  if (origin.workspace !== here.workspace) {
    const detail = `It was made in the workspace "${origin.workspace}"; the workspace selected now is "${here.workspace}".`;
    return { summary: 'Saved plan is for another workspace', detail };
  }
  const before = origin.priorState;
  const now = here.priorState;
  if (!before && !now) return undefined;
  const stale = { summary: 'Saved plan is stale', detail: '' };
  if (!before) return { ...stale, detail: `It was made when ${s.backend.location} had no state; it has one now (serial ${now!.serial}).` };
  if (!now) return { ...stale, detail: `It was made against serial ${before.serial} of ${s.backend.location}, which has no state now.` };
  if (before.lineage !== now.lineage) {
    const detail = `It was made against a state of lineage ${before.lineage}; ${s.backend.location} has lineage ${now.lineage}.`;
    return { summary: 'Saved plan is for another state', detail };
  }
  if (before.serial !== now.serial || before.sha256 !== now.sha256) {
    const serials =
      before.serial === now.serial ? `both at serial ${now.serial}, with other content` : `serial ${before.serial}, now ${now.serial}`;
    return { ...stale, detail: `The state ${s.backend.location} changed since this plan was made (${serials}).` };
  }
  return undefined;
}

function savedPlanStack(ctx: CommandContext, saved: SavedPlan): { stack?: StackDir; diagnostics: [] } {
  // the state lives where the plan was made, unless this folder is itself a stack (another checkout)
  const planned = saved.origin.stackDir;
  const here = fs.existsSync(path.join(ctx.cwd, 'cdk.tf.json')) ? ctx.cwd : fs.existsSync(planned) ? planned : ctx.cwd;
  const file = path.join(here, 'cdk.tf.json');
  // diagnostics point into the stack's file only while it is the configuration the plan carries
  if (sameDocument(file, saved.doc)) ctx.source.use(file, ctx.cwd);
  return { stack: { dir: here, file }, diagnostics: [] };
}

function sameDocument(file: string, doc: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))) === JSON.stringify(doc);
  } catch {
    return false;
  }
}

/** GRIDFORM_MAX_INSTANCES, when it is a positive whole number. */
function maxInstances(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.GRIDFORM_MAX_INSTANCES;
  return raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : undefined;
}

function usageError(ctx: CommandContext, view: OperationView, mode: Mode, summary: string, detail: string): number {
  if (view instanceof JsonView) view.diagnostics([error(summary, detail)]);
  else ctx.io.stderr.write(`\nError: ${summary}\n\n${detail}\n\nFor more help on using this command, run:\n  gridform ${mode} -help\n`);
  return 1;
}

export { hasErrors };
