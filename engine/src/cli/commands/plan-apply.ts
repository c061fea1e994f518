// plan, apply and destroy: open the session, refresh, plan, show the plan, and (apply/destroy)
// confirm and apply it, saving the state after every resource.
import { hasErrors, type Diagnostic } from '../../diagnostics';
import { applyPlan } from '../../apply/apply';
import { makePlan, refreshState } from '../../plan/plan';
import { counts, hasChanges, type Plan } from '../../plan/types';
import { renderPlan, schemaLookup } from '../../render/plan-text';
import type { StateView } from '../../state/state';
import { boolFlag, flag, unknownFlags } from '../args';
import { report, say, type CommandContext } from '../context';
import { computeOutputs, renderOutputs } from '../outputs';
import { canPrompt, confirm } from '../prompt';
import { openSession, type Session } from '../session';
import { resolveStack } from '../workdir';

const FLAGS = ['auto-approve', 'input', 'no-color', 'lock', 'lock-timeout', 'refresh', 'parallelism', 'detailed-exitcode', 'destroy', 'stack', 'compact-warnings', 'var', 'var-file', 'out'];

type Mode = 'plan' | 'apply' | 'destroy';

export async function planApplyCommand(ctx: CommandContext, mode: Mode): Promise<number> {
  const bad = unknownFlags(ctx.args, FLAGS);
  if (bad.length) return usageError(ctx, `unknown flag -${bad[0]} for ${mode}`);
  const log = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const { stack, diagnostics } = await resolveStack(ctx.cwd, { synth: true, stack: flag(ctx.args, 'stack'), log });
  if (report(ctx, diagnostics) || !stack) return 1;
  const opened = await openSession(stack, { factories: ctx.options.providers, lock: boolFlag(ctx.args, 'lock', true), operation: `Operation${mode[0].toUpperCase()}${mode.slice(1)}`, version: ctx.options.version });
  if (report(ctx, opened.diagnostics) || !opened.session) return 1;
  const s = opened.session;
  try {
    return await run(ctx, s, mode);
  } finally {
    await s.close();
  }
}

async function run(ctx: CommandContext, s: Session, mode: Mode): Promise<number> {
  const destroy = mode === 'destroy' || boolFlag(ctx.args, 'destroy');
  if (boolFlag(ctx.args, 'refresh', true) && s.state.addresses().length) {
    if (report(ctx, await refreshState(s.state, s.config, s.providers))) return 1;
  }
  const { plan, diagnostics } = await makePlan(s.config, s.graph, s.state, s.providers, { destroy });
  if (report(ctx, diagnostics)) return 1;
  const schemas = schemaLookup(new Map([...s.providers].map(([k, p]) => [k, p.schema])));
  say(ctx, renderPlan(plan, schemas, { enabled: ctx.io.color }));
  const changes = hasChanges(plan);
  if (mode === 'plan') {
    if (changes) say(ctx, `\nNote: You didn't use the -out option to save this plan, so gridform can't guarantee to take exactly these actions if you run "gridform apply" now.\n`);
    return boolFlag(ctx.args, 'detailed-exitcode') && changes ? 2 : 0;
  }
  if (!changes) {
    persistOutputs(ctx, s);
    if (mode === 'apply') say(ctx, renderOutputs(s.state.file.outputs));
    return 0;
  }
  if (!boolFlag(ctx.args, 'auto-approve')) {
    if (!canPrompt(ctx.io, boolFlag(ctx.args, 'input', true))) {
      report(ctx, [{ severity: 'error', summary: `${mode === 'destroy' ? 'Destroy' : 'Apply'} needs approval`, detail: `There is no terminal to ask for approval (or -input=false was given): run with -auto-approve to ${mode} without asking.` }]);
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
  return applyAndReport(ctx, s, plan, mode);
}

async function applyAndReport(ctx: CommandContext, s: Session, plan: Plan, mode: Mode): Promise<number> {
  const save = (state: StateView) => {
    state.file.serial++;
    s.backend.write(state.file);
  };
  const verbs = { create: ['Creating...', 'Creation complete'], update: ['Modifying...', 'Modifications complete'], delete: ['Destroying...', 'Destruction complete'] } as const;
  let stop = false;
  const onSigint = () => {
    stop = true;
    ctx.io.stderr.write('\nInterrupt received. Waiting for the operations in progress to finish; nothing new starts.\n');
  };
  process.on('SIGINT', onSigint);
  let diags: Diagnostic[];
  try {
    diags = await applyPlan(plan, s.config, s.state, s.providers, {
      onStart: (c, verb) => say(ctx, `${c.address}: ${verbs[verb][0]}${verb !== 'create' && c.before?.id ? ` [id=${String(c.before.id)}]` : ''}\n`),
      onDone: (c, verb, id, secs) => say(ctx, `${c.address}: ${verbs[verb][1]} after ${Math.round(secs)}s${id ? ` [id=${id}]` : ''}\n`),
      onStateChange: save,
      stopRequested: () => stop,
    }, { parallelism: Number(flag(ctx.args, 'parallelism') ?? 10) });
  } finally {
    process.off('SIGINT', onSigint);
  }
  persistOutputs(ctx, s, plan.destroy);
  if (report(ctx, diags)) return 1;
  if (stop) {
    say(ctx, '\nStopped by interrupt: the state holds what was applied; run apply again to finish.\n');
    return 1;
  }
  const n = counts(plan);
  say(ctx, mode === 'destroy' ? `\nDestroy complete! Resources: ${n.destroy} destroyed.\n` : `\nApply complete! Resources: ${n.add} added, ${n.change} changed, ${n.destroy} destroyed.\n`);
  if (mode === 'apply') say(ctx, renderOutputs(s.state.file.outputs));
  return 0;
}

function persistOutputs(ctx: CommandContext, s: Session, destroyed = false): void {
  const { outputs, diagnostics } = destroyed ? { outputs: {}, diagnostics: [] } : computeOutputs(s.config, s.state);
  report(ctx, diagnostics);
  if (JSON.stringify(outputs) !== JSON.stringify(s.state.file.outputs)) {
    s.state.file.outputs = outputs;
    s.state.file.serial++;
    s.backend.write(s.state.file);
  }
}

export function usageError(ctx: CommandContext, message: string): number {
  ctx.io.stderr.write(`gridform: ${message}\nRun "gridform -help" for the commands and their flags.\n`);
  return 1;
}

export { hasErrors };
