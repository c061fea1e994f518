// -json: terraform's machine-readable UI (ui version 1.2). One JSON object per line on stdout,
// each with @level, @message, @module, @timestamp and type: version first, then log, diagnostic,
// resource_drift, planned_change, change_summary, outputs, apply_start, apply_progress,
// apply_complete and apply_errored, with the fields terraform documents for each. Nothing goes to
// stderr, so a pipeline reads one stream and decides from types and the exit code.
import type { Diagnostic } from '../../diagnostics';
import { hasErrors } from '../../diagnostics';
import type { Verb } from '../../apply/apply';
import { counts, outputChanged, type ActionReason, type Plan, type ResourceChange } from '../../plan/types';
import type { Drift } from '../../plan/refresh';
import type { StateOutput } from '../../state/state';
import { ENGINE_TERRAFORM_VERSION } from '../../state/state';
import { isUnknown } from '../../values';
import type { CommandContext } from '../context';
import { diagnosticJson } from '../diagnostics-view';
import { appliedMessage, verbWords, type Mode, type OperationView } from './operation-view';

export const JSON_UI_VERSION = '1.2';

type Level = 'info' | 'warn' | 'error';

interface ResourceAddr {
  addr: string;
  module: string;
  resource: string;
  implied_provider: string;
  resource_type: string;
  resource_name: string;
  resource_key: string | number | null;
}

/** Terraform's names for why an instance is replaced or deleted. */
const REASONS: Partial<Record<ActionReason, string>> = {
  replace_because_cannot_update: 'cannot_update',
  replace_because_tainted: 'tainted',
  replace_by_request: 'requested',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'delete_because_no_resource_config',
  delete_because_count_index: 'delete_because_count_index',
  delete_because_each_key: 'delete_because_each_key',
};

export class JsonView implements OperationView {
  /** when each object's operation started, for apply_errored */
  private readonly started = new Map<string, number>();

  constructor(
    private readonly ctx: CommandContext,
    version: string,
  ) {
    this.emit('info', `gridform ${version} (terraform ${ENGINE_TERRAFORM_VERSION})`, 'version', {
      terraform: ENGINE_TERRAFORM_VERSION,
      gridform: version,
      ui: JSON_UI_VERSION,
    });
  }

  log(line: string): void {
    this.emit('info', line, 'log', {});
  }

  diagnostics(diags: readonly Diagnostic[]): boolean {
    for (const d of diags) {
      const word = d.severity === 'error' ? 'Error' : 'Warning';
      const diagnostic = diagnosticJson(d, this.ctx.source.get());
      this.emit(d.severity === 'error' ? 'error' : 'warn', `${word}: ${d.summary}`, 'diagnostic', { diagnostic });
    }
    return hasErrors(diags);
  }

  plan(plan: Plan): void {
    for (const d of plan.drift) this.drift(d);
    this.changes(plan);
    if (plan.targeted) {
      this.diagnostics([
        {
          severity: 'warning',
          summary: 'Resource targeting is in effect',
          detail: 'The plan may be incomplete: only the targeted resources and what they depend on were considered.',
        },
      ]);
    }
    const n = counts(plan);
    const message = `Plan: ${n.import ? `${n.import} to import, ` : ''}${n.add} to add, ${n.change} to change, ${n.destroy} to destroy.`;
    this.emit('info', message, 'change_summary', {
      changes: { add: n.add, change: n.change, import: n.import, remove: n.destroy, operation: 'plan' },
    });
    if (plan.outputs.length) {
      const outputs = Object.fromEntries(plan.outputs.map((o) => [o.name, { sensitive: o.sensitive, action: outputAction(o) }]));
      this.emit('info', `Outputs: ${plan.outputs.length}`, 'outputs', { outputs });
    }
  }

  savedPlan(plan: Plan): void {
    this.changes(plan);
  }

  note(): void {
    // notes are for people; a program has the messages
  }

  importing(): void {
    // the import is in the planned_change (importing.id); terraform has no message for it at apply
  }

  applyStart(c: ResourceChange, verb: Verb): void {
    this.started.set(this.key(c), Date.now());
    const words = verbWords(verb);
    const id = verb !== 'create' && c.before?.id ? String(c.before.id) : undefined;
    this.emit('info', `${c.address}: ${words[0]}${id ? ` [id=${id}]` : ''}`, 'apply_start', {
      hook: { resource: resourceAddr(c), action: verb, ...(id ? { id_key: 'id', id_value: id } : {}) },
    });
  }

  applyProgress(c: ResourceChange, verb: Verb, seconds: number): void {
    const s = Math.round(seconds);
    this.emit('info', `${c.address}: ${verbWords(verb)[1]} [${s}s elapsed]`, 'apply_progress', {
      hook: { resource: resourceAddr(c), action: verb, elapsed_seconds: s },
    });
  }

  applyComplete(c: ResourceChange, verb: Verb, id: string | undefined, seconds: number): void {
    const s = Math.round(seconds);
    const shownId = verb === 'delete' ? undefined : id;
    this.emit('info', `${c.address}: ${verbWords(verb)[2]} after ${s}s${shownId ? ` [id=${shownId}]` : ''}`, 'apply_complete', {
      hook: { resource: resourceAddr(c), action: verb, ...(shownId ? { id_key: 'id', id_value: shownId } : {}), elapsed_seconds: s },
    });
  }

  applyErrored(c: ResourceChange, verb: Verb): void {
    const started = this.started.get(this.key(c)) ?? this.started.get(c.address) ?? Date.now();
    const s = Math.round((Date.now() - started) / 1000);
    const noun = verbWords(verb)[2].replace(/ complete$/, '');
    this.emit('error', `${c.address}: ${noun} errored after ${s}s`, 'apply_errored', {
      hook: { resource: resourceAddr(c), action: verb, elapsed_seconds: s },
    });
  }

  interrupted(): void {
    this.emit('warn', 'Interrupt received: the operations in progress finish and the state is saved; nothing new starts.', 'log', {});
  }

  stopped(): void {
    const detail = 'The state holds what was applied; run apply again to finish.';
    this.diagnostics([{ severity: 'error', summary: 'Stopped by interrupt', detail }]);
  }

  applied(plan: Plan, mode: Mode): void {
    const n = plan.refreshOnly ? { add: 0, change: 0, destroy: 0, import: 0 } : counts(plan);
    this.emit('info', appliedMessage(plan, mode), 'change_summary', {
      changes: { add: n.add, change: n.change, import: n.import, remove: n.destroy, operation: mode === 'destroy' ? 'destroy' : 'apply' },
    });
  }

  outputs(outputs: Record<string, StateOutput>, mode: Mode): void {
    if (mode !== 'apply') return;
    const shown = Object.fromEntries(
      Object.entries(outputs).map(([k, o]) => [
        k,
        {
          sensitive: !!o.sensitive,
          type: o.type,
          ...(o.sensitive ? {} : { value: o.value }),
        },
      ]),
    );
    this.emit('info', `Outputs: ${Object.keys(shown).length}`, 'outputs', { outputs: shown });
  }

  private changes(plan: Plan): void {
    for (const c of plan.changes) {
      const action = changeAction(c);
      if (action === 'noop') continue;
      const reason = c.actionReason && REASONS[c.actionReason];
      this.emit('info', `${c.address}: Plan to ${action}`, 'planned_change', {
        change: {
          resource: resourceAddr(c),
          ...(c.previousAddress !== undefined ? { previous_resource: resourceAddr({ ...c, address: c.previousAddress }) } : {}),
          action,
          ...(reason ? { reason } : {}),
          ...(c.importing ? { importing: { id: c.importing.id } } : {}),
        },
      });
    }
  }

  private drift(d: Drift): void {
    const action = d.after ? 'update' : 'delete';
    this.emit('info', `${d.address}: Drift detected (${action})`, 'resource_drift', {
      change: { resource: resourceAddr({ address: d.address, type: d.type, mode: d.mode }), action },
    });
  }

  private key(c: ResourceChange): string {
    return c.deposed ? `${c.address} ${c.deposed}` : c.address;
  }

  private emit(level: Level, message: string, type: string, fields: Record<string, unknown>): void {
    const line = { '@level': level, '@message': message, '@module': 'terraform.ui', '@timestamp': timestamp(), ...fields, type };
    this.ctx.io.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/** terraform's action for a planned change: moved or imported objects otherwise unchanged say so */
function changeAction(c: ResourceChange): string {
  if (c.action === 'no-op') return c.previousAddress !== undefined ? 'move' : c.importing ? 'import' : 'noop';
  return c.action;
}

function outputAction(o: Plan['outputs'][number]): string {
  if (o.before === null && o.after === null) return 'noop';
  if (o.before === null) return 'create';
  if (o.after === null) return 'delete';
  return isUnknown(o.after) || outputChanged(o) ? 'update' : 'noop';
}

/** terraform's JSON resource address: an instance address split into its parts. */
function resourceAddr(c: { address: string; type: string; mode: 'managed' | 'data' }): ResourceAddr {
  const m = /^(?:data\.)?[^.[]+\.([^.[]+)(?:\[(.*)\])?$/.exec(c.address);
  const rawKey = m?.[2];
  const key = rawKey === undefined ? null : /^\d+$/.test(rawKey) ? Number(rawKey) : (JSON.parse(rawKey) as string);
  return {
    addr: c.address,
    module: '',
    resource: c.address,
    implied_provider: c.type.split('_')[0],
    resource_type: c.type,
    resource_name: m?.[1] ?? '',
    resource_key: key,
  };
}

/** terraform's timestamps: RFC 3339 with microseconds, in UTC */
function timestamp(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
