// A fake provider whose world is a file: every creation and deletion is appended to it, so a test
// can count what was created across processes, even after one was killed. Creation takes a few
// milliseconds, so an apply has several in flight at any moment.
import * as fs from 'node:fs';
import { Unknown, warning, type ApplyResponse, type ObjectValue, type Provider, type ProviderFactory } from '../../index';
import { FAKE_SCHEMA } from '../fake-provider';

export interface WorldRecord {
  op: 'create' | 'delete';
  name: string;
  id: string;
  /** the idempotency key of the create that made it */
  key?: string;
  /** the attributes it was created with */
  attributes?: ObjectValue;
}

export function readWorld(file: string): WorldRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as WorldRecord);
}

export class RecordingProvider implements Provider {
  private creates = 0;

  constructor(
    private readonly file: string,
    private readonly delayMs: number,
    private readonly onCreate?: (count: number) => void,
  ) {}

  getSchema() {
    return FAKE_SCHEMA;
  }
  async configure() {
    return { diagnostics: [] };
  }
  validateResourceConfig() {
    return { diagnostics: [] };
  }
  async planResourceChange(req: Parameters<Provider['planResourceChange']>[0]) {
    const plannedState: ObjectValue | null = req.proposedNewState ? { ...req.proposedNewState, id: req.priorState?.id ?? Unknown } : null;
    return { plannedState, requiresReplace: [['zone']], diagnostics: [] };
  }
  async applyResourceChange(req: Parameters<Provider['applyResourceChange']>[0]): Promise<ApplyResponse> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (!req.plannedState) {
      fs.appendFileSync(this.file, JSON.stringify({ op: 'delete', name: req.priorState!.name, id: req.priorState!.id }) + '\n');
      return { newState: null, diagnostics: [] };
    }
    if (req.priorState) return { newState: { ...req.plannedState, id: req.priorState.id }, diagnostics: [] };
    const id = `${String(req.plannedState.name)}-${process.pid}-${++this.creates}`;
    const newState = { ...req.plannedState, id };
    const key = req.idempotencyKey ? { key: req.idempotencyKey } : {};
    const record: WorldRecord = { op: 'create', name: String(req.plannedState.name), id, ...key, attributes: newState };
    fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
    this.onCreate?.(this.creates);
    return { newState, diagnostics: [] };
  }
  async readResource(req: Parameters<Provider['readResource']>[0]) {
    return { newState: this.live().has(String(req.currentState.id)) ? req.currentState : null, diagnostics: [] };
  }
  /** The object a killed create made, found by its key in the world file. */
  async recoverInterruptedCreate(req: Parameters<NonNullable<Provider['recoverInterruptedCreate']>>[0]) {
    const made = [...this.live().values()].find((r) => r.key === req.idempotencyKey);
    if (!made) return { state: null, diagnostics: [] };
    const state = made.attributes ?? { name: made.name, id: made.id };
    return { state, diagnostics: [warning(`adopted ${made.id}, which an interrupted apply created`)] };
  }
  private live(): Map<string, WorldRecord> {
    const live = new Map<string, WorldRecord>();
    for (const r of readWorld(this.file)) r.op === 'create' ? live.set(r.id, r) : live.delete(r.id);
    return live;
  }
  async importResourceState() {
    return { importedState: null, diagnostics: [] };
  }
  async readDataSource() {
    return { state: null, diagnostics: [] };
  }
}

export function recordingFactory(provider: RecordingProvider): ProviderFactory {
  return { source: 'example/fake', version: '1.0.0', create: () => provider };
}
