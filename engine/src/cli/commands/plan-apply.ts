// plan, apply and destroy: open the session, plan (refreshing first), show the plan, and for
// apply/destroy confirm and apply it. `plan -out=FILE` saves the plan; `apply FILE` applies a
// saved plan without asking, refusing it when the state moved since.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, hasErrors } from '../../diagnostics';
import { parseInstanceAddress, type InstanceAddress } from '../../addresses/address';
import { makePlan } from '../../plan/plan';
import { hasChanges, type Plan } from '../../plan/types';
import { renderPlan, schemaLookup } from '../../render/plan-text';
import { renderDrift } from '../../render/drift-text';
import { boolFlag, flag } from '../args';
import { report, say, stackFor, type CommandContext } from '../context';
import { canPrompt, confirm } from '../prompt';
import { openSession, type Session } from '../session';
import type { StackDir } from '../workdir';
import { isPlanFile, readPlanFile, stateDigest, writePlanFile, type PlanOrigin, type SavedPlan } from '../plan-file';
import { parseDuration } from '../state-lock';
import { applyAndReport } from '../apply-run';

export type Mode = 'plan' | 'apply' | 'destroy';

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
  const o = runOptions(ctx, mode);
  if ('problem' in o) return usageError(ctx, mode, ...o.problem);
  const { lockTimeoutMs } = o;
  const planFile = mode === 'apply' && ctx.args.positional[0] ? path.resolve(ctx.cwd, ctx.args.positional[0]) : undefined;
  let saved: SavedPlan | undefined;
  if (planFile) {
    if (!isPlanFile(planFile)) return report(ctx, [error(`${ctx.args.positional[0]} is not a saved plan`, fs.existsSync(planFile) ? 'Make one with "gridform plan -out=FILE".' : 'The file does not exist.')]), 1;
    const r = readPlanFile(planFile);
    if (report(ctx, r.diagnostics) || !r.saved) return 1;
    saved = r.saved;
  }
  const log = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const stack = saved ? savedPlanStack(ctx, saved) : (await stackFor(ctx, true, log));
  if (report(ctx, stack.diagnostics) || !stack.stack) return 1;
  const opened = await openSession(stack.stack, {
    factories: ctx.options.providers, lock: boolFlag(ctx.args, 'lock', true), lockTimeoutMs, operation: `Operation${mode[0].toUpperCase()}${mode.slice(1)}`, version: ctx.options.version,
    inputs: { env: ctx.io.env, vars: ctx.args.flags.get('var') ?? [], varFiles: ctx.args.flags.get('var-file') ?? [], cwd: ctx.cwd },
    ...(saved ? { saved: { doc: saved.doc, variables: saved.variables } } : {}),
  });
  if (report(ctx, opened.diagnostics) || !opened.session) return 1;
  const s = opened.session;
  try {
    if (saved) return await applySaved(ctx, s, saved, o);
    return await run(ctx, s, mode, o);
  } finally {
    await s.close();
  }
}

async function run(ctx: CommandContext, s: Session, mode: Mode, o: RunOptions): Promise<number> {
  const { destroy, refreshOnly, targets } = o;
  const { plan, diagnostics } = await makePlan(s.config, s.graph, s.state, s.providers, {
    destroy, refreshOnly, refresh: boolFlag(ctx.args, 'refresh', true), targets, replace: ctx.args.flags.get('replace') ?? [],
    variables: s.variables, paths: s.paths, workspace: s.workspace, maxInstances: maxInstances(ctx.io.env),
  });
  if (report(ctx, diagnostics) || !plan) return 1;
  const schemas = schemaLookup(new Map([...s.providers].map(([k, p]) => [k, p.schema])));
  say(ctx, renderDrift(plan, schemas, { enabled: ctx.io.color }));
  say(ctx, renderPlan(plan, schemas, { enabled: ctx.io.color }));
  if (plan.targeted) say(ctx, `\nWarning: Resource targeting is in effect\n\nThe plan may be incomplete: only the targeted resources and what they depend on were considered. Use -target for exceptional situations, not routinely.\n`);
  const changes = hasChanges(plan);
  if (mode === 'plan') {
    const out = flag(ctx.args, 'out');
    if (out) {
      writePlanFile(path.resolve(ctx.cwd, out), { plan, doc: s.doc, variables: s.variables, origin: planOrigin(s) });
      say(ctx, `\nSaved the plan to: ${out}\n\nTo perform exactly these actions, run the following command to apply:\n    gridform apply "${out}"\n`);
    } else if (changes) {
      say(ctx, `\nNote: You didn't use the -out option to save this plan, so gridform can't guarantee to take exactly these actions if you run "gridform apply" now.\n`);
    }
    return boolFlag(ctx.args, 'detailed-exitcode') && changes ? 2 : 0;
  }
  if (!changes) return applyAndReport(ctx, s, plan, mode, o.parallelism);
  if (!boolFlag(ctx.args, 'auto-approve')) {
    if (!canPrompt(ctx.io, boolFlag(ctx.args, 'input', true))) {
      report(ctx, [error(`${mode === 'destroy' ? 'Destroy' : 'Apply'} needs approval`, `There is no terminal to ask for approval (or -input=false was given): run with -auto-approve to ${mode} without asking, or save the plan with "gridform plan -out=FILE" and apply that file.`)]);
      return 1;
    }
    const ok = await confirm(
      ctx.io,
      mode === 'destroy' ? 'Do you really want to destroy all resources?' : 'Do you want to perform these actions?',
      mode === 'destroy' ? 'gridform will destroy all your managed infrastructure, as shown above.\n  There is no undo.' : 'gridform will perform the actions described above.',
    );
    if (!ok) {
      say(ctx, `${mode === 'destroy' ? 'Destroy' : 'Apply'} cancelled.\n`);
      return 1;
    }
  }
  return applyAndReport(ctx, s, plan, mode, o.parallelism);
}

async function applySaved(ctx: CommandContext, s: Session, saved: SavedPlan, o: RunOptions): Promise<number> {
  const refusal = savedPlanRefusal(s, saved.origin);
  if (refusal) {
    report(ctx, [error(refusal.summary, `${refusal.detail} Make a new plan with "gridform plan -out=FILE" and apply that.`)]);
    return 1;
  }
  if (s.stateIsNew) s.state.file.lineage = saved.plan.priorLineage;
  return applyAndReport(ctx, s, saved.plan, saved.plan.destroy ? 'destroy' : 'apply', o.parallelism);
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
    const serials = before.serial === now.serial ? `both at serial ${now.serial}, with other content` : `serial ${before.serial}, now ${now.serial}`;
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

export function usageError(ctx: CommandContext, mode: Mode, summary: string, detail: string): number {
  ctx.io.stderr.write(`\nError: ${summary}\n\n${detail}\n\nFor more help on using this command, run:\n  gridform ${mode} -help\n`);
  return 1;
}

export { hasErrors };
