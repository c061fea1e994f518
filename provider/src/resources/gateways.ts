// grid_name_proxy and grid_fqdn_proxy: one node contract with one gateway workload on a gateway
// node; a name proxy also holds the name contract for its name, created first and cancelled with
// it (and cancelled again if anything after it fails, so no contract is left behind). Backends and
// tls_passthrough change in place.
import { isUnknown, type Diagnostic, type ObjectValue } from '../../../engine';
import { backendProblem, type node } from '../../../proto';
import type { GridContext } from '../grid/context';
import type { GraceNotes } from '../grid/grace-notes';
import { NodeNotOnChain } from '../grid/grid-error';
import { cancelContract, createNodeDeployment, GridError, resultOf, updateNodeDeployment } from '../grid/node-deployment';
import { metadataOf } from '../grid/recovery';
import { recoverSingleContract } from './deployment';
import { fqdnProxyDecl, fqdnProxySchema, NAME_PROXY_DESCRIPTION, nameProxyDecl, nameProxySchema } from '../schema/gateways';
import { Checks } from './checks';
import type { GridResource } from './resource';

function gatewayWorkload(type: string, name: string, data: Record<string, unknown>, description: unknown): node.Workload {
  return { version: 0, name, type, data: JSON.stringify(data), metadata: '', description: String(description ?? '') };
}

/** The project name in the contract's metadata: solution_type, else (unset or empty, as upstream) the name. */
export function gatewayProjectName(planned: ObjectValue, name: string): string {
  return String(planned.solution_type || name);
}

/** An imported gateway's solution_type: its contract's project name, unset when that is the default one. */
function importedSolutionType(deploymentData: string, name: string): string | null {
  const { projectName } = metadataOf(deploymentData);
  return typeof projectName === 'string' && projectName !== gatewayProjectName({}, name) ? projectName : null;
}

/** The gateway-name-proxy workload of a grid_name_proxy (workload names take no '-'); upstream's description when unset. */
export function nameProxyWorkload(planned: ObjectValue): node.Workload {
  const name = String(planned.name);
  return gatewayWorkload(
    'gateway-name-proxy',
    name.replace(/-/g, '_').slice(0, 36),
    { name, backends: planned.backends, tls_passthrough: planned.tls_passthrough === true, network: planned.network ?? '' },
    planned.description ?? NAME_PROXY_DESCRIPTION,
  );
}

/** The gateway workload's name: as configured, else upstream's default "name" (unset, it is unknown until applied). */
function fqdnProxyName(planned: ObjectValue): string {
  return typeof planned.name === 'string' ? planned.name : 'name';
}

function fqdnProxyWorkload(planned: ObjectValue): node.Workload {
  return gatewayWorkload(
    'gateway-fqdn-proxy',
    fqdnProxyName(planned),
    { fqdn: planned.fqdn, backends: planned.backends, tls_passthrough: planned.tls_passthrough === true, network: planned.network ?? '' },
    planned.description,
  );
}

/** Each backend in the form tls_passthrough asks for, as the node will check it (once the pattern holds). */
function proxyChecks(c: Checks, config: ObjectValue): Diagnostic[] {
  const passthrough = config.tls_passthrough;
  if (isUnknown(passthrough) || !Array.isArray(config.backends)) return c.diags;
  config.backends.forEach((backend, i) => {
    if (typeof backend !== 'string') return;
    if (c.diags.some((d) => d.attributePath?.[0] === 'backends' && d.attributePath?.[1] === i)) return;
    const problem = backendProblem(backend, passthrough === true);
    if (!problem) return;
    const form =
      passthrough === true ? 'with tls_passthrough a backend is ip:port' : 'without tls_passthrough a backend is http://ip[:port]';
    c.fail(['backends', i], 'Invalid gateway backend', `${problem}: ${form}, as Zero-OS accepts it.`);
  });
  return c.diags;
}

/** The node must be a gateway: its public config on chain has a domain. */
export async function gatewayDomain(ctx: GridContext, nodeId: number): Promise<string> {
  const n = await ctx.chain.node(nodeId).catch(() => undefined);
  if (!n) throw new NodeNotOnChain(nodeId, 'pick a gateway node (gridform chain nodes shows them)');
  const domain = n.publicConfig?.domain;
  if (!domain)
    throw new GridError(
      `node ${nodeId} is not a gateway (its public config has no domain): pick a gateway node (gridform chain nodes shows them)`,
    );
  return domain;
}

async function liveContract(ctx: GridContext, id: unknown, notes: GraceNotes): Promise<boolean> {
  const c = await ctx.chain.contract(Number(id)).catch(() => undefined);
  notes.seen(c);
  return !!c && c.state !== 'Deleted';
}

export const nameProxyResource: GridResource = {
  schema: nameProxySchema,
  validate(config) {
    return proxyChecks(new Checks(nameProxyDecl, config), config);
  },

  /** The name contract and the node contract are made in one batch, so neither exists without the other. */
  async create(ctx, planned, key) {
    const nodeId = Number(planned.node);
    const name = String(planned.name);
    const domain = await gatewayDomain(ctx, nodeId);
    const d = await createNodeDeployment(ctx, {
      nodeId,
      publicIps: 0,
      metadata: { type: 'gateway', name, projectName: gatewayProjectName(planned, name), ...(key ? { key } : {}) },
      workloads: [nameProxyWorkload(planned)],
      nameContract: name,
    });
    const nameContractId = await ctx.chain.contractIdByName(name);
    const fqdn = String(resultOf(d, d.workloads[0].name).fqdn ?? `${name}.${domain}`);
    const deployments = { [String(nodeId)]: d.contractId };
    return {
      state: { ...planned, id: String(d.contractId), name_contract_id: Number(nameContractId), fqdn, node_deployment_id: deployments },
    };
  },

  /** Adopted as import would; when cancelled, the name contract made with it goes too. */
  recover: (ctx, key) =>
    recoverSingleContract(
      ctx,
      key,
      (id) => nameProxyResource.import(ctx, id),
      async (found) => {
        const notes: string[] = [];
        for (const c of found) {
          const name = metadataOf(c.deploymentData).name;
          const id = name ? Number(await ctx.chain.contractIdByName(name).catch(() => 0)) : 0;
          if (!id || (await ctx.chain.contract(id)).twinId !== ctx.twinId) continue;
          await cancelContract(ctx, id);
          notes.push(`cancelled name contract ${id} (${name}), made with contract ${c.id}`);
        }
        return notes;
      },
    ),

  async update(ctx, prior, planned) {
    const name = String(planned.name);
    const d = await updateNodeDeployment(ctx, Number(prior.node), Number(prior.id), {
      metadata: { type: 'gateway', name, projectName: gatewayProjectName(planned, name) },
      workloads: [nameProxyWorkload(planned)],
    });
    return {
      state: {
        ...planned,
        id: prior.id,
        name_contract_id: Number(prior.name_contract_id),
        fqdn: String(resultOf(d, d.workloads[0].name).fqdn ?? prior.fqdn),
        node_deployment_id: { [String(prior.node)]: Number(prior.id) },
      },
    };
  },

  async delete(ctx, prior) {
    await cancelContract(ctx, Number(prior.id));
    if (prior.name_contract_id) await cancelContract(ctx, Number(prior.name_contract_id));
  },

  async read(ctx, state, notes) {
    if (!(await liveContract(ctx, state.id, notes)) || !(await liveContract(ctx, state.name_contract_id, notes))) return null;
    return state;
  },

  async import(ctx, id) {
    const contract = await ctx.chain.contract(Number(id));
    if (contract.type !== 'node' || contract.state === 'Deleted' || contract.twinId !== ctx.twinId)
      throw new GridError(`contract ${id} is not a live node contract of yours`);
    const d = await (await ctx.node(contract.nodeId)).get(ctx.twinId, contract.id);
    const w = d.workloads.find((x) => x.type === 'gateway-name-proxy');
    if (!w) throw new GridError(`contract ${id} holds no gateway-name-proxy workload`);
    const data = JSON.parse(w.data) as { name: string; backends: string[]; tls_passthrough?: boolean; network?: string };
    const nameContractId = await ctx.chain.contractIdByName(data.name);
    return {
      id: String(contract.id),
      node: contract.nodeId,
      name: data.name,
      backends: data.backends,
      // unset in the object as a configuration that leaves them out has them, so the next plan is clean
      tls_passthrough: data.tls_passthrough ? true : null,
      network: data.network || null,
      solution_type: importedSolutionType(contract.deploymentData, data.name),
      description: w.description && w.description !== NAME_PROXY_DESCRIPTION ? w.description : null,
      fqdn: String(resultOf(d, w.name).fqdn ?? ''),
      name_contract_id: Number(nameContractId),
      node_deployment_id: { [String(contract.nodeId)]: Number(contract.id) },
    };
  },
};

export const fqdnProxyResource: GridResource = {
  schema: fqdnProxySchema,
  validate(config) {
    return proxyChecks(new Checks(fqdnProxyDecl, config), config);
  },

  async create(ctx, planned, key) {
    const nodeId = Number(planned.node);
    await gatewayDomain(ctx, nodeId);
    const d = await createNodeDeployment(ctx, {
      nodeId,
      publicIps: 0,
      metadata: {
        type: 'gateway',
        name: fqdnProxyName(planned),
        projectName: gatewayProjectName(planned, fqdnProxyName(planned)),
        ...(key ? { key } : {}),
      },
      workloads: [fqdnProxyWorkload(planned)],
    });
    const name = fqdnProxyName(planned);
    return { state: { ...planned, name, id: String(d.contractId), node_deployment_id: { [String(nodeId)]: d.contractId } } };
  },

  async update(ctx, prior, planned) {
    await updateNodeDeployment(ctx, Number(prior.node), Number(prior.id), {
      metadata: { type: 'gateway', name: fqdnProxyName(planned), projectName: gatewayProjectName(planned, fqdnProxyName(planned)) },
      workloads: [fqdnProxyWorkload(planned)],
    });
    const name = fqdnProxyName(planned);
    return { state: { ...planned, name, id: prior.id, node_deployment_id: { [String(prior.node)]: Number(prior.id) } } };
  },

  async delete(ctx, prior) {
    await cancelContract(ctx, Number(prior.id));
  },

  async read(ctx, state, notes) {
    return (await liveContract(ctx, state.id, notes)) ? state : null;
  },

  async import(ctx, id) {
    const contract = await ctx.chain.contract(Number(id));
    if (contract.type !== 'node' || contract.state === 'Deleted' || contract.twinId !== ctx.twinId)
      throw new GridError(`contract ${id} is not a live node contract of yours`);
    const d = await (await ctx.node(contract.nodeId)).get(ctx.twinId, contract.id);
    const w = d.workloads.find((x) => x.type === 'gateway-fqdn-proxy');
    if (!w) throw new GridError(`contract ${id} holds no gateway-fqdn-proxy workload`);
    const data = JSON.parse(w.data) as { fqdn: string; backends: string[]; tls_passthrough?: boolean; network?: string };
    return {
      id: String(contract.id),
      node: contract.nodeId,
      name: w.name,
      fqdn: data.fqdn,
      backends: data.backends,
      // unset in the object as a configuration that leaves them out has them, so the next plan is clean
      tls_passthrough: data.tls_passthrough ? true : null,
      network: data.network || null,
      solution_type: importedSolutionType(contract.deploymentData, w.name),
      description: w.description || null,
      node_deployment_id: { [String(contract.nodeId)]: Number(contract.id) },
    };
  },

  recover: (ctx, key) => recoverSingleContract(ctx, key, (id) => fqdnProxyResource.import(ctx, id)),
};
