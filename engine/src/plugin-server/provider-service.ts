// tfplugin6.Provider over the engine's provider interface: every RPC terraform 1.11 calls, its
// DynamicValues read and written against the schema, diagnostics with attribute paths. The
// provider sees the same requests the gridform engine sends it (computed attributes a create has
// not set are unknown; a create carries an idempotency key).
import * as crypto from 'node:crypto';
import { error, type Diagnostic } from '../diagnostics';
import { parseJsonKeepingDigits } from '../json-syntax';
import type { BlockSchema, ObjectValue, Provider, ProviderSchema } from '../provider/interface';
import { Unknown } from '../values';
import { diagnosticMessages, pathMessage } from './diagnostics-message';
import { providerSchemaMessage } from './schema-message';
import { decodeObject, encodeObject, fromStateJson } from './wire-values';

type Message = Record<string, unknown>;
type DynamicValue = { msgpack?: Buffer; json?: Buffer } | null | undefined;
type Handler = (request: Message) => Promise<Message>;

export interface ProviderService {
  readonly handlers: Record<string, Handler>;
  /** StopProvider: no new change starts; changes already running finish and are reported */
  readonly stopped: () => boolean;
}

export function providerService(getProvider: () => Provider): ProviderService {
  let loaded: { provider: Provider; schema: ProviderSchema } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const provider = getProvider();
    return (loaded = { provider, schema: provider.getSchema() });
  };
  let stopped = false;
  let schemaMessage: Message | undefined;

  const handlers: Record<string, Handler> = {};
  for (const [method, handler] of Object.entries(makeHandlers())) {
    handlers[method] = (request) => {
      const { provider, schema } = load();
      return handler(provider, schema, request);
    };
  }
  // StopProvider needs no provider: it only stops what would start next
  handlers.StopProvider = async () => {
    stopped = true;
    return { Error: '' };
  };
  return { handlers, stopped: () => stopped };

  function makeHandlers(): Record<string, (provider: Provider, schema: ProviderSchema, request: Message) => Promise<Message>> {
    const resourceBlock = (schema: ProviderSchema, typeName: string): BlockSchema | undefined => schema.resources[typeName]?.block;
    const dataBlock = (schema: ProviderSchema, typeName: string): BlockSchema | undefined => schema.dataSources[typeName]?.block;
    return {
      GetProviderSchema: async (_provider, schema) => (schemaMessage ??= providerSchemaMessage(schema)),

      GetMetadata: async (_provider, schema) => ({
        serverCapabilities: { getProviderSchemaOptional: true, planDestroy: true },
        diagnostics: [],
        resources: Object.keys(schema.resources).map((typeName) => ({ typeName })),
        dataSources: Object.keys(schema.dataSources).map((typeName) => ({ typeName })),
      }),

      ValidateProviderConfig: async (provider, schema, req) => {
        const decoded = decode(schema.provider.block, req.config as DynamicValue, 'provider configuration');
        return { diagnostics: diagnosticMessages(decoded.diagnostics, schema.provider.block) };
      },

      ConfigureProvider: async (provider, schema, req) => {
        const block = schema.provider.block;
        const decoded = decode(block, req.config as DynamicValue, 'provider configuration');
        if (decoded.diagnostics.length) return { diagnostics: diagnosticMessages(decoded.diagnostics, block) };
        const res = await provider.configure({ config: decoded.value ?? {} });
        return { diagnostics: diagnosticMessages(res.diagnostics, block) };
      },

      ValidateResourceConfig: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const decoded = decode(block, req.config as DynamicValue, typeName);
        if (decoded.diagnostics.length || !decoded.value) return { diagnostics: diagnosticMessages(decoded.diagnostics, block) };
        const res = provider.validateResourceConfig({ typeName, config: decoded.value });
        return { diagnostics: diagnosticMessages(res.diagnostics, block) };
      },

      ValidateDataResourceConfig: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = dataBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('data source', typeName, schema.dataSources)]) };
        const decoded = decode(block, req.config as DynamicValue, typeName);
        if (decoded.diagnostics.length || !decoded.value || !provider.validateDataSourceConfig)
          return { diagnostics: diagnosticMessages(decoded.diagnostics, block) };
        const res = provider.validateDataSourceConfig({ typeName, config: decoded.value });
        return { diagnostics: diagnosticMessages(res.diagnostics, block) };
      },

      UpgradeResourceState: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const raw = req.rawState as { json?: Buffer } | undefined;
        try {
          const doc = raw?.json?.length ? parseJsonKeepingDigits(raw.json.toString('utf8')) : null;
          return { upgradedState: { msgpack: Buffer.from(encodeObject(block, fromStateJson(block, doc))) }, diagnostics: [] };
        } catch (err) {
          return { diagnostics: diagnosticMessages([error(`Cannot read the state of a ${typeName}`, (err as Error).message)]) };
        }
      },

      ReadResource: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const current = decode(block, req.currentState as DynamicValue, typeName);
        if (current.diagnostics.length || !current.value)
          return { newState: req.currentState, diagnostics: diagnosticMessages(current.diagnostics) };
        const res = await provider.readResource({ typeName, currentState: current.value, private: text(req.private) });
        return {
          newState: dynamic(block, res.newState),
          private: bytes(res.private),
          diagnostics: diagnosticMessages(res.diagnostics, block),
        };
      },

      PlanResourceChange: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const prior = decode(block, req.priorState as DynamicValue, typeName);
        const proposed = decode(block, req.proposedNewState as DynamicValue, typeName);
        const config = decode(block, req.config as DynamicValue, typeName);
        const problems = [...prior.diagnostics, ...proposed.diagnostics, ...config.diagnostics];
        if (problems.length) return { diagnostics: diagnosticMessages(problems) };
        // terraform proposes null for computed attributes of what is new; the engine proposes unknown
        const proposedNewState = proposed.value ? markNewComputedUnknown(block, proposed.value, prior.value) : null;
        const res = await provider.planResourceChange({
          typeName,
          priorState: prior.value,
          proposedNewState,
          config: config.value,
          priorPrivate: text(req.priorPrivate),
        });
        return {
          plannedState: dynamic(block, res.plannedState),
          requiresReplace: res.requiresReplace.map(pathMessage),
          plannedPrivate: bytes(res.plannedPrivate),
          diagnostics: diagnosticMessages(res.diagnostics, block),
        };
      },

      ApplyResourceChange: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const prior = decode(block, req.priorState as DynamicValue, typeName);
        const planned = decode(block, req.plannedState as DynamicValue, typeName);
        const config = decode(block, req.config as DynamicValue, typeName);
        const problems = [...prior.diagnostics, ...planned.diagnostics, ...config.diagnostics];
        if (problems.length) return { newState: req.priorState, diagnostics: diagnosticMessages(problems) };
        if (stopped && !prior.value) {
          const stop = error(
            `${typeName} not created: the run was interrupted`,
            'Terraform asked the provider to stop before this create began.',
          );
          return { newState: dynamic(block, null), diagnostics: diagnosticMessages([stop]) };
        }
        const res = await provider.applyResourceChange({
          typeName,
          priorState: prior.value,
          plannedState: planned.value,
          config: config.value,
          plannedPrivate: text(req.plannedPrivate),
          // what a create makes is marked with this key, so a create cut short is found and settled
          ...(!prior.value && planned.value ? { idempotencyKey: crypto.randomUUID() } : {}),
        });
        return {
          newState: dynamic(block, res.newState),
          private: bytes(res.private),
          diagnostics: diagnosticMessages(res.diagnostics, block),
        };
      },

      ImportResourceState: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = resourceBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('resource type', typeName, schema.resources)]) };
        const res = await provider.importResourceState({ typeName, id: req.id as string });
        const imported = res.importedState ? [{ typeName, state: dynamic(block, res.importedState) }] : [];
        return { importedResources: imported, diagnostics: diagnosticMessages(res.diagnostics, block) };
      },

      ReadDataSource: async (provider, schema, req) => {
        const typeName = req.typeName as string;
        const block = dataBlock(schema, typeName);
        if (!block) return { diagnostics: diagnosticMessages([unknownType('data source', typeName, schema.dataSources)]) };
        const config = decode(block, req.config as DynamicValue, typeName);
        if (config.diagnostics.length || !config.value) return { diagnostics: diagnosticMessages(config.diagnostics) };
        const res = await provider.readDataSource({ typeName, config: config.value });
        return { state: dynamic(block, res.state), diagnostics: diagnosticMessages(res.diagnostics, block) };
      },
    };
  }
}

function decode(block: BlockSchema, value: DynamicValue, what: string): { value: ObjectValue | null; diagnostics: Diagnostic[] } {
  try {
    if (value?.json?.length && !value.msgpack?.length)
      return { value: fromStateJson(block, parseJsonKeepingDigits(value.json.toString('utf8'))), diagnostics: [] };
    return { value: decodeObject(block, value?.msgpack), diagnostics: [] };
  } catch (err) {
    return { value: null, diagnostics: [error(`Cannot read the ${what} terraform sent`, (err as Error).message)] };
  }
}

function dynamic(block: BlockSchema, value: ObjectValue | null): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encodeObject(block, value)) };
}

function text(b: unknown): string | undefined {
  return b instanceof Uint8Array && b.length ? Buffer.from(b).toString('utf8') : undefined;
}

function bytes(s: string | undefined): Buffer {
  return Buffer.from(s ?? '', 'utf8');
}

function unknownType(kind: string, typeName: string, known: Readonly<Record<string, unknown>>): Diagnostic {
  return error(`Unknown ${kind} ${typeName}`, `This provider has ${Object.keys(known).join(', ') || 'none'}.`);
}

/**
 * Computed attributes that neither the configuration nor a prior object sets are unknown until
 * apply, as the engine proposes them; nested block items with no prior item at their position too.
 */
export function markNewComputedUnknown(block: BlockSchema, proposed: ObjectValue, prior: ObjectValue | null): ObjectValue {
  const out: ObjectValue = { ...proposed };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.computed && out[name] === null && (!prior || prior[name] === undefined)) out[name] = Unknown;
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const items = out[name];
    const priorItems = prior?.[name];
    if (nested.nesting === 'single') {
      if (items && typeof items === 'object' && !Array.isArray(items))
        out[name] = markNewComputedUnknown(nested.block, items as ObjectValue, (priorItems as ObjectValue | null) ?? null);
      continue;
    }
    if (!Array.isArray(items)) continue;
    const priors = Array.isArray(priorItems) ? priorItems : [];
    out[name] = items.map((item, i) => markNewComputedUnknown(nested.block, item as ObjectValue, (priors[i] as ObjectValue) ?? null));
  }
  return out;
}
