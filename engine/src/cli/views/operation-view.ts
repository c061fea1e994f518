// What plan, apply and destroy show, as one interface with two renderings (as terraform's views):
// for people (the plan, progress lines, summaries and diagnostics as text) and, with -json, for
// programs (terraform's machine-readable UI, json-view.ts). The commands only say what happened.
import type { Diagnostic } from '../../diagnostics';
import type { Verb } from '../../apply/apply';
import { counts, type Plan, type ResourceChange } from '../../plan/types';
import type { StateOutput } from '../../state/state';
import { renderDrift } from '../../render/drift-text';
import { renderPlan, type SchemaLookup } from '../../render/plan-text';
import { report, say, type CommandContext } from '../context';
import { renderOutputs } from '../outputs';

export type Mode = 'plan' | 'apply' | 'destroy';

export interface OperationView {
  /** a line about what the command does (cdktf synth ran) */
  log(line: string): void;
  /** prints them; true when one is an error */
  diagnostics(diags: readonly Diagnostic[]): boolean;
  /** a plan made by this run: drift, changes, summary, outputs */
  plan(plan: Plan, schemas: SchemaLookup): void;
  /** a saved plan about to be applied (people saw it when it was made) */
  savedPlan(plan: Plan): void;
  /** a note for people only: where the plan was saved, approval, why -out matters */
  note(text: string): void;
  importing(c: ResourceChange): void;
  applyStart(c: ResourceChange, verb: Verb): void;
  applyProgress(c: ResourceChange, verb: Verb, seconds: number): void;
  /** printed once the object's record is durable */
  applyComplete(c: ResourceChange, verb: Verb, id: string | undefined, seconds: number): void;
  applyErrored(c: ResourceChange, verb: Verb, seconds: number): void;
  /** Ctrl-C was pressed: what is running finishes */
  interrupted(): void;
  /** the apply stopped early after an interrupt */
  stopped(): void;
  applied(plan: Plan, mode: Mode): void;
  /** the outputs after an apply (not after a destroy) */
  outputs(outputs: Record<string, StateOutput>, mode: Mode): void;
}

const VERBS: Record<Verb, [string, string, string]> = {
  create: ['Creating...', 'Still creating...', 'Creation complete'],
  update: ['Modifying...', 'Still modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Still destroying...', 'Destruction complete'],
  read: ['Reading...', 'Still reading...', 'Read complete'],
};

export function verbWords(verb: Verb): [string, string, string] {
  return VERBS[verb];
}

/** The address a progress line names: a deposed object says so. */
export function progressLabel(c: ResourceChange): string {
  return c.deposed ? `${c.address} (deposed object ${c.deposed})` : c.address;
}

/** "Apply complete! Resources: ..." or "Destroy complete! ...", as terraform words it. */
export function appliedMessage(plan: Plan, mode: Mode): string {
  const n = counts(plan);
  if (plan.refreshOnly) return 'Apply complete! Resources: 0 added, 0 changed, 0 destroyed.';
  if (mode === 'destroy') return `Destroy complete! Resources: ${n.destroy} destroyed.`;
  const imported = n.import ? `${n.import} imported, ` : '';
  return `Apply complete! Resources: ${imported}${n.add} added, ${n.change} changed, ${n.destroy} destroyed.`;
}

/** The human rendering: what gridform has always printed. */
export class HumanView implements OperationView {
  constructor(private readonly ctx: CommandContext) {}

  log(line: string): void {
    this.ctx.io.stderr.write(`${line}\n`);
  }

  diagnostics(diags: readonly Diagnostic[]): boolean {
    return report(this.ctx, diags);
  }

  plan(plan: Plan, schemas: SchemaLookup): void {
    const colors = { enabled: this.ctx.io.color };
    say(this.ctx, renderDrift(plan, schemas, colors));
    say(this.ctx, renderPlan(plan, schemas, colors));
    if (plan.targeted) {
      say(
        this.ctx,
        '\nWarning: Resource targeting is in effect\n\nThe plan may be incomplete: only the targeted resources and what they ' +
          'depend on were considered. Use -target for exceptional situations, not routinely.\n',
      );
    }
  }

  savedPlan(): void {
    // people saw the plan when it was saved
  }

  note(text: string): void {
    say(this.ctx, text);
  }

  importing(c: ResourceChange): void {
    say(this.ctx, `${c.address}: Importing... [id=${c.importing!.id}]\n${c.address}: Import complete [id=${c.importing!.id}]\n`);
  }

  applyStart(c: ResourceChange, verb: Verb): void {
    const id = verb !== 'create' && c.before?.id ? ` [id=${String(c.before.id)}]` : '';
    say(this.ctx, `${progressLabel(c)}: ${VERBS[verb][0]}${id}\n`);
  }

  applyProgress(c: ResourceChange, verb: Verb, seconds: number): void {
    say(this.ctx, `${progressLabel(c)}: ${VERBS[verb][1]} [${Math.round(seconds)}s elapsed]\n`);
  }

  applyComplete(c: ResourceChange, verb: Verb, id: string | undefined, seconds: number): void {
    say(this.ctx, `${progressLabel(c)}: ${VERBS[verb][2]} after ${Math.round(seconds)}s${id ? ` [id=${id}]` : ''}\n`);
  }

  applyErrored(): void {
    // the error itself is printed with the diagnostics at the end, as terraform does
  }

  interrupted(): void {
    this.ctx.io.stderr.write(
      '\nInterrupt received.\nPlease wait for gridform to exit or data loss may occur.\n' +
        'Gracefully shutting down: the operations in progress finish and the state is saved; nothing new starts.\n',
    );
  }

  stopped(): void {
    say(this.ctx, '\nStopped by interrupt: the state holds what was applied; run apply again to finish.\n');
  }

  applied(plan: Plan, mode: Mode): void {
    say(this.ctx, `\n${appliedMessage(plan, mode)}\n`);
  }

  outputs(outputs: Record<string, StateOutput>, mode: Mode): void {
    if (mode === 'apply') say(this.ctx, renderOutputs(outputs));
  }
}
