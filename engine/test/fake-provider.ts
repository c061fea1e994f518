// A fake provider for engine tests: records every call, plans like a real provider (computed
// attributes unknown until apply, force-new attributes), and can be told to fail a resource.
import { error, Unknown, warning, type ObjectValue, type Provider, type ProviderFactory, type ProviderSchema, type Value } from '../index';

export interface FakeCall {
  method: string;
  type: string;
  name?: string;
}

export const FAKE_SCHEMA: ProviderSchema = {
  provider: { version: 0, block: { attributes: {} } },
  resources: {
    fake_thing: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          name: { type: 'string', required: true },
          size: { type: 'number', optional: true },
          zone: { type: 'string', optional: true, forceNew: true },
          secret: { type: 'string', optional: true, sensitive: true },
          ref: { type: 'string', optional: true },
        },
      },
    },
  },
  dataSources: {},
};

export class FakeProvider implements Provider {
  readonly calls: FakeCall[] = [];
  readonly world = new Map<string, ObjectValue>();
  failOn = new Set<string>();
  /** when set, asked before each create, update or delete: true makes that call fail */
  flaky?: () => boolean;
  /** the id each create made, by the idempotency key it came with */
  readonly byKey = new Map<string, string>();
  /** when set, recoverInterruptedCreate answers with this error */
  recoverError?: string;
  /** when set, configure answers with this error */
  configureError?: string;
  private next = 1;

  /** The calls that change the world, as "create name", "update name", "delete name". */
  writes(): string[] {
    return this.calls
      .filter((c) => c.method === 'create' || c.method === 'update' || c.method === 'delete')
      .map((c) => `${c.method} ${c.name}`);
  }

  getSchema() {
    return FAKE_SCHEMA;
  }
  async configure() {
    return { diagnostics: this.configureError ? [error(this.configureError)] : [] };
  }
  validateResourceConfig(req: { config: ObjectValue }) {
    return { diagnostics: req.config.name === '' ? [error('name must not be empty', undefined, { attributePath: ['name'] })] : [] };
  }
  async planResourceChange(req: Parameters<Provider['planResourceChange']>[0]) {
    this.calls.push({ method: 'plan', type: req.typeName, name: String(req.proposedNewState?.name ?? req.priorState?.name) });
    const id: Value = req.priorState?.id ?? Unknown;
    const plannedState: ObjectValue | null = req.proposedNewState ? { ...req.proposedNewState, id } : null;
    return { plannedState, requiresReplace: [['zone']], diagnostics: [] };
  }
  async applyResourceChange(req: Parameters<Provider['applyResourceChange']>[0]) {
    const name = String(req.plannedState?.name ?? req.priorState?.name);
    const verb = !req.plannedState ? 'delete' : req.priorState ? 'update' : 'create';
    this.calls.push({ method: verb, type: req.typeName, name });
    if (this.failOn.has(name) || this.flaky?.()) return { newState: req.priorState, diagnostics: [error(`fake failure creating ${name}`)] };
    if (!req.plannedState) {
      this.world.delete(String(req.priorState!.id));
      return { newState: null, diagnostics: [] };
    }
    const id = req.priorState ? String(req.priorState.id) : `fake-${this.next++}`;
    const state = { ...req.plannedState, id };
    this.world.set(id, state);
    if (req.idempotencyKey) this.byKey.set(req.idempotencyKey, id);
    return { newState: state, diagnostics: [] };
  }
  async recoverInterruptedCreate(req: Parameters<NonNullable<Provider['recoverInterruptedCreate']>>[0]) {
    this.calls.push({ method: 'recover', type: req.typeName });
    if (this.recoverError) return { state: null, diagnostics: [error(this.recoverError)] };
    const id = this.byKey.get(req.idempotencyKey);
    const state = id ? this.world.get(id) : undefined;
    if (!state) return { state: null, diagnostics: [] };
    return { state, diagnostics: [warning(`adopted ${id}, which an interrupted apply created`)] };
  }
  async readResource(req: Parameters<Provider['readResource']>[0]) {
    this.calls.push({ method: 'read', type: req.typeName, name: String(req.currentState.name) });
    return { newState: this.world.get(String(req.currentState.id)) ?? null, diagnostics: [] };
  }
  async importResourceState(req: { id: string }) {
    return { importedState: this.world.get(req.id) ?? null, diagnostics: [] };
  }
  async readDataSource() {
    return { state: null, diagnostics: [] };
  }
}

export function fakeFactory(provider: FakeProvider): ProviderFactory {
  return { source: 'example/fake', version: '1.0.0', create: () => provider };
}
