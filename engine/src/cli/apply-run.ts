// Applying a plan from the command line: the state starts from the refreshed state the plan was
// made on; every change is recorded in the backend's journal as it happens and folded into a new
// snapshot at the end (also after a failure or Ctrl-C). Progress lines follow Terraform's; a
// "complete" line is printed only once the object's journal entry is durable.
import type { Diagnostic } from '../diagnostics';
import { applyPlan, type Verb } from '../apply/apply';
import { counts, hasChanges, type Plan, type ResourceChange } from '../plan/types';
import { objectKey, StateView } from '../state/state';
import { report, say, type CommandContext } from './context';
import { computeOutputs, renderOutputs } from './outputs';
import type { Session } from './session';
import type { Mode } from './commands/plan-apply';
import { DurableLines } from './durable-lines';

const VERBS: Record<Verb, [string, string, string]> = {
  create: ['Creating...', 'Still creating...', 'Creation complete'],
  update: ['Modifying...', 'Still modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Still destroying...', 'Destruction complete'],
  read: ['Reading...', 'Still reading...', 'Read complete'],
};
const STILL_EVERY_MS = 10_000;

export async function applyAndReport(ctx: CommandContext, s: Session, plan: Plan, mode: Mode, parallelism: number): Promise<number> {
  const state = new StateView(structuredClone(plan.refreshedState));
  state.file.lineage = s.state.file.lineage;
  state.file.serial = s.state.file.serial;
  if (!hasChanges(plan) && !plan.refreshOnly) {
    const failed = report(ctx, await saveOutputs(s, state, plan));
    if (mode === 'apply') say(ctx, renderOutputs(state.file.outputs));
    return failed ? 1 : 0;
  }
  // the refreshed state becomes the snapshot the journal builds on (with what the plan moved and imported)
  state.file.serial++;
  await s.backend.write(state.file);
  for (const c of plan.changes.filter((x) => x.importing)) {
    say(ctx, `${c.address}: Importing... [id=${c.importing!.id}]\n${c.address}: Import complete [id=${c.importing!.id}]\n`);
  }
  const journal = await s.backend.openJournal(state.file);
  const durable = new DurableLines();
  const still = new Map<string, NodeJS.Timeout>();
  const stopStill = (c: ResourceChange) => {
    const key = objectKey(c.address, c.deposed);
    clearInterval(still.get(key));
    still.delete(key);
  };
  let stop = false;
  const onSigint = () => {
    stop = true;
    ctx.io.stderr.write('\nInterrupt received.\nPlease wait for gridform to exit or data loss may occur.\nGracefully shutting down: the operations in progress finish and the state is saved; nothing new starts.\n');
  };
  process.on('SIGINT', onSigint);
  let diags: Diagnostic[];
  try {
    diags = await applyPlan(plan, s.config, state, s.providers, {
      onStart: (c, verb, create) => {
        const recorded = journal.intent(objectKey(c.address, c.deposed), verb, create);
        const id = verb !== 'create' && c.before?.id ? ` [id=${String(c.before.id)}]` : '';
        const label = c.deposed ? `${c.address} (deposed object ${c.deposed})` : c.address;
        say(ctx, `${label}: ${VERBS[verb][0]}${id}\n`);
        const started = Date.now();
        still.set(objectKey(c.address, c.deposed), setInterval(() => say(ctx, `${label}: ${VERBS[verb][1]} [${Math.round((Date.now() - started) / 1000)}s elapsed]\n`), STILL_EVERY_MS));
        return recorded;
      },
      onDone: (c, verb, id, secs) => {
        stopStill(c);
        const label = c.deposed ? `${c.address} (deposed object ${c.deposed})` : c.address;
        const line = `${label}: ${VERBS[verb][2]} after ${Math.round(secs)}s${id ? ` [id=${id}]` : ''}\n`;
        durable.afterRecorded(objectKey(c.address, c.deposed), () => say(ctx, line));
      },
      onError: (c) => stopStill(c),
      onObjectSet: (meta, address, inst) => durable.recording(objectKey(address, inst.deposed), journal.setObject(meta, address, inst)),
      onObjectRemoved: (address, deposed) => durable.recording(objectKey(address, deposed), journal.removeObject(address, deposed)),
      stopRequested: () => stop,
    }, { parallelism, variables: s.variables, paths: s.paths, workspace: s.workspace });
  } finally {
    process.off('SIGINT', onSigint);
    for (const t of still.values()) clearInterval(t);
  }
  diags.push(...setOutputs(s, state, plan));
  try {
    await journal.commit(state.file);
  } finally {
    await durable.printed();
  }
  // an output that cannot be evaluated fails the apply as a resource would; what was applied is kept
  if (report(ctx, diags)) return 1;
  if (stop) {
    say(ctx, '\nStopped by interrupt: the state holds what was applied; run apply again to finish.\n');
    return 1;
  }
  const n = counts(plan);
  if (plan.refreshOnly) say(ctx, `\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n`);
  else say(ctx, mode === 'destroy' ? `\nDestroy complete! Resources: ${n.destroy} destroyed.\n` : `\nApply complete! Resources: ${n.import ? `${n.import} imported, ` : ''}${n.add} added, ${n.change} changed, ${n.destroy} destroyed.\n`);
  if (mode === 'apply') say(ctx, renderOutputs(state.file.outputs));
  return 0;
}

/**
 * Evaluates the outputs into the state. One that cannot be evaluated keeps the value it had, as
 * terraform keeps it, and its error is returned: the apply then fails.
 */
function setOutputs(s: Session, state: StateView, plan: Plan): Diagnostic[] {
  if (plan.destroy) {
    state.file.outputs = {};
    return [];
  }
  const { outputs, failed, diagnostics } = computeOutputs(s.config, state, s.variables, s.workspace);
  const prior = s.state.file.outputs;
  for (const name of failed) if (prior[name]) outputs[name] = prior[name];
  state.file.outputs = outputs;
  return diagnostics;
}

/** With nothing to apply, only outputs may change: save them when they did. */
async function saveOutputs(s: Session, state: StateView, plan: Plan): Promise<Diagnostic[]> {
  const diagnostics = setOutputs(s, state, plan);
  if (JSON.stringify(state.file.outputs) !== JSON.stringify(s.state.file.outputs)) {
    state.file.serial++;
    await s.backend.write(state.file);
  }
  return diagnostics;
}
