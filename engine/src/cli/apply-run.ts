// Applying a plan from the command line: the state starts from the refreshed state the plan was
// made on; every change is recorded in the backend's journal as it happens and folded into a new
// snapshot at the end (also after a failure or Ctrl-C). Progress lines follow Terraform's; a
// "complete" line is printed only once the object's journal entry is durable.
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../diagnostics';
import { applyPlan, checkDeferredValidations, type Verb } from '../apply/apply';
import { hasChanges, type Plan, type ResourceChange } from '../plan/types';
import { objectKey, StateView } from '../state/state';
import type { CommandContext } from './context';
import { computeOutputs, typeOf } from './outputs';
import { containsUnknown } from '../expr/convert';
import type { Session } from './session';
import { DurableLines } from './durable-lines';
import type { Mode, OperationView } from './views/operation-view';
import { cloneData } from '../values';
import { localsUsed, variableLocalsOfCall } from '../apply/deferred-validations';

const STILL_EVERY_MS = 10_000;

export async function applyAndReport(
  ctx: CommandContext,
  view: OperationView,
  s: Session,
  plan: Plan,
  mode: Mode,
  parallelism: number,
): Promise<number> {
  const state = new StateView(cloneData(plan.refreshedState));
  state.file.lineage = s.state.file.lineage;
  state.file.serial = s.state.file.serial;
  if (!hasChanges(plan) && !plan.refreshOnly) {
    const opts = { variables: s.variables, paths: s.paths, workspace: s.workspace };
    const deferred = checkDeferredValidations(plan, s.config, state, opts);
    const invalid = new Set(deferred.failed.flatMap((rule) => [...variableLocalsOfCall(rule, s.config)]));
    const failed = view.diagnostics([...deferred.diagnostics, ...(await saveOutputs(s, state, plan, invalid))]);
    if (!failed) view.applied(plan, mode);
    view.outputs(state.file.outputs, mode);
    return failed ? 1 : 0;
  }
  // the refreshed state becomes the snapshot the journal builds on (with what the plan moved and imported)
  state.file.serial++;
  await s.backend.write(state.file);
  for (const c of plan.changes.filter((x) => x.importing)) view.importing(c);
  const journal = await s.backend.openJournal(state.file);
  const durable = new DurableLines();
  const running = new Map<string, { verb: Verb; started: number; still: NodeJS.Timeout }>();
  const finished = (c: ResourceChange) => {
    const key = objectKey(c.address, c.deposed);
    const r = running.get(key) ?? running.get(c.address);
    if (r) clearInterval(r.still);
    running.delete(key);
    return r;
  };
  let stop = false;
  const onSigint = () => {
    stop = true;
    view.interrupted();
  };
  process.on('SIGINT', onSigint);
  let diags: Diagnostic[];
  const invalid = new Set<string>();
  try {
    diags = await applyPlan(
      plan,
      s.config,
      state,
      s.providers,
      {
        onStart: (c, verb, create) => {
          const recorded = journal.intent(objectKey(c.address, c.deposed), verb, create);
          view.applyStart(c, verb);
          const started = Date.now();
          const still = setInterval(() => view.applyProgress(c, verb, (Date.now() - started) / 1000), STILL_EVERY_MS);
          running.set(objectKey(c.address, c.deposed), { verb, started, still });
          return recorded;
        },
        onDone: (c, verb, id, secs) => {
          finished(c);
          durable.afterRecorded(objectKey(c.address, c.deposed), () => view.applyComplete(c, verb, id, secs));
        },
        onError: (c) => {
          const r = finished(c);
          if (r) view.applyErrored(c, r.verb, (Date.now() - r.started) / 1000);
        },
        onObjectSet: (meta, address, inst) => durable.recording(objectKey(address, inst.deposed), journal.setObject(meta, address, inst)),
        onObjectRemoved: (address, deposed) => durable.recording(objectKey(address, deposed), journal.removeObject(address, deposed)),
        stopRequested: () => stop,
        onInvalidVariable: (rule) => variableLocalsOfCall(rule, s.config).forEach((l) => invalid.add(l)),
      },
      { parallelism, variables: s.variables, paths: s.paths, workspace: s.workspace },
    );
  } finally {
    process.off('SIGINT', onSigint);
    for (const r of running.values()) clearInterval(r.still);
  }
  diags.push(...setOutputs(s, state, plan, invalid));
  try {
    await journal.commit(state.file);
  } finally {
    await durable.printed();
  }
  // an output that cannot be evaluated fails the apply as a resource would; what was applied is kept
  if (view.diagnostics(diags)) return 1;
  if (stop) {
    view.stopped();
    return 1;
  }
  view.applied(plan, mode);
  view.outputs(state.file.outputs, mode);
  return 0;
}

/**
 * Evaluates the outputs into the state. One that cannot be evaluated keeps the value it had, as
 * terraform keeps it, and its error is returned: the apply then fails. One that uses a module
 * variable whose validation failed during apply (`invalid`: the variables' locals) is not evaluated.
 */
function setOutputs(s: Session, state: StateView, plan: Plan, invalid: ReadonlySet<string> = new Set()): Diagnostic[] {
  if (plan.destroy) {
    state.file.outputs = {};
    return [];
  }
  const { outputs, failed, diagnostics } = computeOutputs(s.config, state, s.variables, s.workspace, plan.timestamp);
  const prior = s.state.file.outputs;
  if (invalid.size)
    for (const o of s.config.outputs) {
      if (![...localsUsed(o.value, s.config.locals)].some((l) => invalid.has(l))) continue;
      // as terraform: not evaluated again; the value planned when it was known, else the one it had
      const planned = plan.outputs.find((p) => p.name === o.name)?.after;
      if (planned !== undefined && planned !== null && !containsUnknown(planned))
        outputs[o.name] = { value: planned, type: typeOf(planned), ...(o.sensitive ? { sensitive: true } : {}) };
      else if (prior[o.name]) outputs[o.name] = prior[o.name];
      else delete outputs[o.name];
    }
  for (const name of failed) if (prior[name]) outputs[name] = prior[name];
  state.file.outputs = outputs;
  return diagnostics;
}

/** With nothing to apply, only outputs may change: save them when they did. */
async function saveOutputs(s: Session, state: StateView, plan: Plan, invalid: ReadonlySet<string>): Promise<Diagnostic[]> {
  const diagnostics = setOutputs(s, state, plan, invalid);
  if (!isDeepStrictEqual(state.file.outputs, s.state.file.outputs)) {
    state.file.serial++;
    await s.backend.write(state.file);
  }
  return diagnostics;
}
