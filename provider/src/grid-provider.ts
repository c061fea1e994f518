// The grid provider: the engine's provider interface over the chain and the nodes. Errors raised
// by the grid flow come back as diagnostics naming what failed.
import {
  error,
  isUnknown,
  type ApplyRequest,
  type ApplyResponse,
  type ConfigureRequest,
  type ConfigureResponse,
  type Diagnostic,
  type ImportRequest,
  type ImportResponse,
  type PlanRequest,
  type PlanResponse,
  type Provider,
  type ProviderFactory,
  type ReadDataRequest,
  type ReadDataResponse,
  type ReadRequest,
  type ReadResponse,
  type ValidateRequest,
  type ValidateResponse,
  type AttributePath,
  type ObjectValue,
  type RecoverRequest,
  type RecoverResponse,
  warning,
} from '../../engine';
import { ChainClient, RpcError, isNotFound, keyPairFromMnemonic } from '../../proto';
import { GridContext, chainPeer } from './grid/context';
import { failureDiagnostic } from './grid/failure-diagnostic';
import { deleteFailedCreate, failedCreateKey, readFailedCreate, settleFailedCreate } from './grid/failed-create';
import { GraceNotes } from './grid/grace-notes';
import { nodesNamedIn } from './grid/node-health';
import { resolveSettings } from './grid/settings';
import { gridProviderDecl, gridProviderSchema } from './schema/provider';
import { validateAgainst } from './schema/validator';
import { deploymentResource } from './resources/deployment';
import { networkResource } from './resources/network';
import { fqdnProxyResource, gatewayDomain, nameProxyResource } from './resources/gateways';
import { schedulerResource } from './resources/scheduler';
import { kubernetesResource } from './resources/kubernetes';
import type { GridResource } from './resources/resource';

import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_UPSTREAM_SOURCE, GRID_PROVIDER_VERSION } from './provider-identity';

export { GRID_PROVIDER_SOURCE, GRID_PROVIDER_VERSION };

const RESOURCES: Record<string, GridResource> = {
  grid_network: networkResource,
  grid_deployment: deploymentResource,
  grid_name_proxy: nameProxyResource,
  grid_fqdn_proxy: fqdnProxyResource,
  grid_scheduler: schedulerResource,
  grid_kubernetes: kubernetesResource,
};

export class GridProviderImpl implements Provider {
  private ctx?: GridContext;

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  getSchema() {
    return gridProviderSchema;
  }

  async configure(req: ConfigureRequest): Promise<ConfigureResponse> {
    const { settings, problem, warnings } = resolveSettings(req.config, this.env);
    if (!settings)
      return { diagnostics: [error('Invalid provider configuration', problem!.message, { attributePath: [problem!.attribute] })] };
    const notes = (warnings ?? []).map((w) => warning('Local grid file permissions', w));
    let key;
    try {
      key = keyPairFromMnemonic(settings.mnemonic);
    } catch (err) {
      return {
        diagnostics: [error('Invalid provider configuration', `mnemonic: ${(err as Error).message}`, { attributePath: ['mnemonic'] })],
      };
    }
    const chain = new ChainClient(settings.chainAddress, { peer: chainPeer() });
    try {
      const twin = await chain.twinByAccount(key.publicKey);
      this.ctx = new GridContext(chain, key, twin.id, settings.timeoutMs, settings.proxyUrl, settings.nodeCallTimeoutMs);
      return { diagnostics: notes };
    } catch (err) {
      chain.close();
      let detail =
        `Cannot reach the chain at ${settings.chainAddress}: ${(err as Error).message}. ` + `Is the grid running (gridform grid status)?`;
      if (isNotFound(err))
        detail =
          `Account ${key.publicKey} has no twin on the chain at ${settings.chainAddress}: ` +
          `create one (gridform account create) or use another mnemonic.`;
      else if (err instanceof RpcError && err.unavailable) detail = `${err.message}.`; // names the chain, its address and what to do
      return { diagnostics: [error('Cannot connect to the grid', detail)] };
    }
  }

  validateResourceConfig(req: ValidateRequest): ValidateResponse {
    const r = RESOURCES[req.typeName];
    if (!r)
      return {
        diagnostics: [error(`Unknown resource type ${req.typeName}`, `The grid provider has ${Object.keys(RESOURCES).join(', ')}.`)],
      };
    return { diagnostics: r.validate(req.config) };
  }

  /** data sources have no rules beyond their declaration */
  validateDataSourceConfig(req: ValidateRequest): ValidateResponse {
    const decl = gridProviderDecl.dataSources[req.typeName];
    if (!decl) return { diagnostics: [error(`Unknown data source ${req.typeName}`, 'The grid provider has grid_gateway_domain.')] };
    return { diagnostics: validateAgainst(decl, req.config) };
  }

  async planResourceChange(req: PlanRequest): Promise<PlanResponse> {
    const r = RESOURCES[req.typeName];
    if (!r) return { plannedState: null, requiresReplace: [], diagnostics: [error(`Unknown resource type ${req.typeName}`)] };
    if (!req.proposedNewState) return { plannedState: null, requiresReplace: [], diagnostics: [] };
    const requiresReplace: AttributePath[] = [
      ...Object.entries(r.schema.block.attributes)
        .filter(([, a]) => a.forceNew)
        .map(([n]) => [n]),
      ...Object.entries(r.schema.block.blocks ?? {})
        .filter(([, b]) => b.forceNew)
        .map(([n]) => [n]),
      ...(req.priorState && r.replacePaths ? r.replacePaths(req.priorState, req.proposedNewState) : []),
    ];
    const plannedState = r.plan ? r.plan(req.priorState, req.proposedNewState, req.config) : req.proposedNewState;
    const diagnostics = req.priorState && r.checkPlan ? r.checkPlan(req.priorState, plannedState) : [];
    return { plannedState, requiresReplace, diagnostics };
  }

  async applyResourceChange(req: ApplyRequest): Promise<ApplyResponse> {
    const r = RESOURCES[req.typeName];
    if (!r) return { newState: req.priorState, diagnostics: [error(`Unknown resource type ${req.typeName}`)] };
    return this.guard<ApplyResponse>(
      async (ctx) => {
        if (!req.plannedState) {
          const failedKey = failedCreateKey(req.plannedPrivate);
          if (failedKey) await deleteFailedCreate(ctx, r, failedKey);
          else if (req.priorState) await r.delete(ctx, req.priorState);
          return { newState: null, diagnostics: [] };
        }
        const unknown = findUnknown(req.config);
        if (unknown)
          return {
            newState: req.priorState,
            diagnostics: [
              error(
                'Value still unknown at apply',
                `${unknown} is known only after apply of another resource; add depends_on so it is created first.`,
                { attributePath: unknown.split('.') },
              ),
            ],
          };
        if (req.priorState) {
          if (!r.update) throw new Error(`${req.typeName} cannot be updated in place; the plan should replace it`);
          const { state, private: priv } = await r.update(ctx, req.priorState, req.plannedState, req.config ?? {});
          return { newState: state, private: priv, diagnostics: [] };
        }
        try {
          const { state, private: priv } = await r.create(ctx, req.plannedState, req.idempotencyKey);
          return { newState: state, private: priv, diagnostics: [] };
        } catch (err) {
          const recover = r.recover?.bind(r);
          if (!req.idempotencyKey || !recover) throw err;
          return settleFailedCreate(ctx, recover, req.plannedState, req.idempotencyKey, err as Error);
        }
      },
      { newState: req.priorState },
      req.plannedState ?? req.priorState,
    );
  }

  async readResource(req: ReadRequest): Promise<ReadResponse> {
    const r = RESOURCES[req.typeName];
    if (!r) return { newState: req.currentState, diagnostics: [error(`Unknown resource type ${req.typeName}`)] };
    return this.guard<ReadResponse>(
      async (ctx) => {
        const notes = new GraceNotes();
        const failedKey = failedCreateKey(req.private);
        if (failedKey) return { newState: await readFailedCreate(ctx, failedKey, req.currentState), private: req.private, diagnostics: [] };
        // a resource on a node that is down or not answering keeps its state: it cannot be read, and is not gone
        const unhealthy = req.typeName === 'grid_scheduler' ? [] : await ctx.health.unhealthy(nodesNamedIn(req.currentState));
        if (unhealthy.length) {
          const warnings = await Promise.all(unhealthy.map((h) => ctx.health.warnOnce(h)));
          return { newState: req.currentState, private: req.private, diagnostics: warnings.flat() };
        }
        const newState = await r.read(ctx, req.currentState, notes);
        return { newState, private: req.private, diagnostics: newState ? notes.warnings(ctx.twinId) : [] };
      },
      { newState: req.currentState },
    );
  }

  async importResourceState(req: ImportRequest): Promise<ImportResponse> {
    const r = RESOURCES[req.typeName];
    if (!r) return { importedState: null, diagnostics: [error(`Unknown resource type ${req.typeName}`)] };
    return this.guard<ImportResponse>(async (ctx) => ({ importedState: await r.import(ctx, req.id), diagnostics: [] }), {
      importedState: null,
    });
  }

  /** What a create with this key made before its run was killed: adopted (state) or cancelled (null). */
  async recoverInterruptedCreate(req: RecoverRequest): Promise<RecoverResponse> {
    const r = RESOURCES[req.typeName];
    if (!r) return { state: null, diagnostics: [error(`Unknown resource type ${req.typeName}`)] };
    if (!r.recover) return { state: null, diagnostics: [] };
    return this.guard<RecoverResponse>(
      async (ctx) => {
        const found = await r.recover!(ctx, req.idempotencyKey);
        return {
          state: found.state,
          ...(found.private ? { private: found.private } : {}),
          diagnostics: found.notes.map((n) => warning(n)),
        };
      },
      { state: null },
    );
  }

  /** data.grid_gateway_domain: NAME.DOMAIN of a gateway node, from its public config on chain. */
  async readDataSource(req: ReadDataRequest): Promise<ReadDataResponse> {
    if (req.typeName !== 'grid_gateway_domain')
      return { state: null, diagnostics: [error(`Unknown data source ${req.typeName}`, 'The grid provider has grid_gateway_domain.')] };
    return this.guard<ReadDataResponse>(
      async (ctx) => {
        const domain = await gatewayDomain(ctx, Number(req.config.node));
        const fqdn = `${String(req.config.name)}.${domain}`;
        return { state: { ...req.config, id: fqdn, fqdn }, diagnostics: [] };
      },
      { state: null },
      req.config,
    );
  }

  async close(): Promise<void> {
    this.ctx?.close();
  }

  /** `config`: where an error about a node points (the attribute naming it) */
  private async guard<T extends { diagnostics: Diagnostic[] }>(
    body: (ctx: GridContext) => Promise<T>,
    onError: Omit<T, 'diagnostics'>,
    config?: ObjectValue | null,
  ): Promise<T> {
    if (!this.ctx) return { ...onError, diagnostics: [error('The grid provider is not configured')] } as T;
    try {
      return await body(this.ctx);
    } catch (err) {
      return { ...onError, diagnostics: [failureDiagnostic(err as Error, config)] } as T;
    }
  }
}

function findUnknown(v: unknown, path: string[] = []): string | undefined {
  if (isUnknown(v)) return path.join('.') || '(value)';
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const u = findUnknown(x, [...path, String(i)]);
      if (u) return u;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as ObjectValue)) {
      const u = findUnknown(x, [...path, k]);
      if (u) return u;
    }
  }
  return undefined;
}

export function gridProviderFactory(env: Readonly<Record<string, string | undefined>>): ProviderFactory {
  return {
    source: GRID_PROVIDER_SOURCE,
    alsoKnownAs: [GRID_PROVIDER_UPSTREAM_SOURCE],
    version: GRID_PROVIDER_VERSION,
    create: () => new GridProviderImpl(env),
  };
}
