// grid_network: one network workload per node (its own node contract), subnets 10.A.Y.0/24 with Y
// from 2, wireguard keys per node and a listen port the node grants (see grid/wg-ports.ts), peers
// in a full mesh. With add_wg_access, your machine joins too: it gets the next subnet, and a node
// of the network with a public IPv4 takes it as a peer; access_wg_config is the wg-quick file for
// your machine.
// Adding or removing nodes changes the network in place: remaining nodes keep their subnet, key
// and port (read back from the nodes) and get the new peers; added nodes take free subnets.
import { randomUUID } from 'node:crypto';
import { error, isUnknown, Unknown, type AttributePath, type Diagnostic, type ObjectValue, type Value } from '../../../engine';
import type { node } from '../../../proto';
import { IP_RANGE, networkDecl, networkSchema } from '../schema/network';
import type { GridContext } from '../grid/context';
import {
  cancelContract,
  cancelContracts,
  createNodeDeployment,
  GridError,
  updateNodeDeployment,
  waitReady,
  type DeploymentSpec,
} from '../grid/node-deployment';
import { newWgKeys, wgPublicKey } from '../grid/wireguard';
import { refusedWgPort, WG_PORT_TRIES } from '../grid/wg-ports';
import { adoptedNote, cancelAll, contractsWithKey, deployedOn } from '../grid/recovery';
import { eachBounded } from '../grid/bounded';
import { cancelStrays, cancelStraysSeen, ownerKey } from '../grid/stray-contracts';
import { validateAgainst } from '../schema/validator';
import type { GridResource } from './resource';

const RANGE = new RegExp(IP_RANGE.regex);
/** node deployments of one network created at once */
const NODES_AT_ONCE = 16;

interface NodePlan {
  nodeId: number;
  subnet: string;
  keys: { privateKey: string; publicKey: string };
  port: number;
  host: string;
  /** hex of the network's mycelium key on this node, '' for none */
  myceliumKey: string;
}

/** The project name in the contracts' metadata: solution_type, else upstream's default "Network". */
export function networkProjectName(planned: ObjectValue): string {
  return String(planned.solution_type ?? networkDecl.block.attributes.solution_type.default);
}
export const networkResource: GridResource = {
  schema: networkSchema,
  validate(config) {
    return [...validateAgainst(networkDecl, config), ...myceliumKeyNodes(config), ...configuredSubnetProblems(config)];
  },

  async create(ctx, planned, key) {
    const name = String(planned.name);
    const nodes = distinctNodes(planned);
    const m = RANGE.exec(String(planned.ip_range))!;
    const configured = configuredSubnets(planned);
    const plans: NodePlan[] = await Promise.all(
      nodes.map(async (nodeId, i) => {
        const client = await ctx.node(nodeId);
        const port = await ctx.freeWgPort(nodeId);
        const host = client.address.split(':')[0];
        const subnet = configured?.[String(nodeId)] ?? `${m[1]}.${m[2]}.${2 + i}.0/24`;
        return { nodeId, subnet, keys: newWgKeys(), port, host, myceliumKey: myceliumKeyOf(planned, nodeId) };
      }),
    );
    const access = planned.add_wg_access === true ? await accessPlan(ctx, plans, m[1], m[2]) : undefined;
    const metadata = { type: 'network', name, projectName: networkProjectName(planned), ...(key ? { key } : {}) };
    const workloadOf = (p: NodePlan): node.Workload => {
      const data = networkData(String(planned.ip_range), p, plans);
      if (access && access.node === p) data.peers.push(access.peer);
      const description = String(planned.description ?? '');
      return { version: 0, name, type: 'network', data: JSON.stringify(data), metadata: '', description };
    };
    const contracts: Record<string, number> = {};
    const sent = new Map<number, string | undefined>();
    try {
      // every node at once (bounded): each waits on its own contract, deployment and workloads
      const failed = await eachBounded(plans, NODES_AT_ONCE, async (p) => {
        const made = await createWithGrantedPort(ctx, p, () => workloadOf(p), metadata);
        contracts[p.nodeId] = made.contractId;
        sent.set(p.nodeId, made.data);
      });
      if (failed) throw failed;
      for (const p of sentStale(plans, workloadOf, sent)) {
        await updateNodeDeployment(ctx, p.nodeId, contracts[p.nodeId], { workloads: [workloadOf(p)], metadata });
      }
    } catch (err) {
      for (const id of Object.values(contracts)) await cancelContract(ctx, id).catch(() => undefined);
      throw err;
    }
    const state: ObjectValue = {
      ...planned,
      id: randomUUID(),
      access_wg_config: access?.config() ?? '',
      external_ip: access?.externalIp ?? '',
      external_sk: access?.keys.privateKey ?? '',
      public_node_id: access?.node.nodeId ?? 0,
      nodes_ip_range: Object.fromEntries(plans.map((p) => [String(p.nodeId), p.subnet])),
      node_deployment_id: contracts,
    };
    return { state, private: privateData(plans) };
  },

  /** Remaining nodes keep their subnets and added ones get theirs now; new contract ids come at apply. */
  plan(prior, proposed, config) {
    if (!prior) return proposed;
    const nodes = distinctNodes(proposed);
    const ids = (prior.node_deployment_id ?? {}) as Record<string, number>;
    const unchanged = nodes.length === Object.keys(ids).length && nodes.every((n) => ids[n] !== undefined);
    // subnets set in the configuration are planned as they are written; the others as gridform assigns them
    const subnets = config?.nodes_ip_range ?? subnetsFor(prior, nodes);
    return { ...proposed, nodes_ip_range: subnets, node_deployment_id: unchanged ? prior.node_deployment_id : Unknown };
  },

  /** A node already in the network keeps its subnet: its VMs hold addresses in it. */
  checkPlan(prior, planned) {
    return subnetChangeProblems(prior, planned);
  },

  /** Your machine reaches the network through its public node: without that node, the access is made anew. */
  replacePaths(prior, proposed): AttributePath[] {
    const nodes = ((proposed.nodes ?? []) as number[]).map(Number);
    return prior.add_wg_access === true && !nodes.includes(Number(prior.public_node_id)) ? [['nodes']] : [];
  },

  async update(ctx, prior, planned) {
    const name = String(planned.name);
    const nodes = distinctNodes(planned);
    const ids = (prior.node_deployment_id ?? {}) as Record<string, number>;
    const key = ownerKey('network', String(prior.id));
    await cancelStrays(ctx, key, Object.values(ids));
    const subnets = configuredSubnets(planned) ?? subnetsFor(prior, nodes);
    const plans: NodePlan[] = [];
    const current = new Map<number, node.Deployment__Output>();
    const gone = Object.entries(ids)
      .filter(([n]) => !nodes.includes(Number(n)))
      .map(([, id]) => Number(id));
    for (const nodeId of nodes) {
      const client = await ctx.node(nodeId);
      const host = client.address.split(':')[0];
      const contractId = ids[nodeId];
      const d = contractId ? await client.get(ctx.twinId, Number(contractId)).catch(() => undefined) : undefined;
      const data = d && networkDataOf(d);
      if (d && data) {
        current.set(nodeId, d);
        plans.push({
          nodeId,
          subnet: subnets[nodeId],
          keys: { privateKey: data.wireguard_private_key, publicKey: wgPublicKey(data.wireguard_private_key) },
          port: data.wireguard_listen_port,
          host,
          myceliumKey: myceliumKeyOf(planned, nodeId),
        });
      } else {
        if (contractId) gone.push(Number(contractId)); // a contract whose deployment left the node is replaced
        const port = await ctx.freeWgPort(nodeId);
        plans.push({ nodeId, subnet: subnets[nodeId], keys: newWgKeys(), port, host, myceliumKey: myceliumKeyOf(planned, nodeId) });
      }
    }
    // your machine stays a peer of the public node, as it was
    const publicNode = planned.add_wg_access === true ? Number(prior.public_node_id) : 0;
    const access = publicNode ? existingAccessPeer(prior) : undefined;
    const metadata = { type: 'network', name, projectName: networkProjectName(planned), key };
    const description = String(planned.description ?? '');
    const workloadOf = (p: NodePlan): node.Workload => {
      const data = networkData(String(planned.ip_range), p, plans);
      if (access && p.nodeId === publicNode) data.peers.push(access);
      return { version: 0, name, type: 'network', data: JSON.stringify(data), metadata: '', description };
    };
    const created: Record<string, number> = {};
    const updated: { nodeId: number; contractId: number; before: node.Workload[] }[] = [];
    const sent = new Map<number, string | undefined>();
    const update = async (p: NodePlan, d: node.Deployment__Output) => {
      await updateNodeDeployment(ctx, p.nodeId, d.contractId, { workloads: [workloadOf(p)], metadata });
      if (updated.some((u) => u.nodeId === p.nodeId)) return; // the first update keeps what to put back
      updated.push({ nodeId: p.nodeId, contractId: d.contractId, before: d.workloads.map(({ result: _result, ...w }) => w) });
    };
    try {
      for (const p of plans) {
        const d = current.get(p.nodeId);
        const old = d?.workloads.find((w) => w.type === 'network');
        if (!d) created[p.nodeId] = (await createWithGrantedPort(ctx, p, () => workloadOf(p), metadata)).contractId;
        else if (old!.data !== workloadOf(p).data || (old!.description ?? '') !== description) await update(p, d);
        sent.set(p.nodeId, workloadOf(p).data);
      }
      for (const p of sentStale(plans, workloadOf, sent)) {
        const d = current.get(p.nodeId);
        if (d) await update(p, d);
        else await updateNodeDeployment(ctx, p.nodeId, created[p.nodeId], { workloads: [workloadOf(p)], metadata });
      }
    } catch (err) {
      // the nodes changed so far go back as they were, and the ones added leave
      for (const u of updated.reverse()) {
        await updateNodeDeployment(ctx, u.nodeId, u.contractId, { workloads: u.before, metadata }).catch((e: Error) => {
          (err as Error).message += ` (and putting the network back on node ${u.nodeId} failed: ${e.message})`;
        });
      }
      for (const id of Object.values(created)) await cancelContract(ctx, id).catch(() => undefined);
      throw err;
    }
    for (const id of gone) await cancelContract(ctx, id);
    const contracts = Object.fromEntries(plans.map((p) => [String(p.nodeId), created[p.nodeId] ?? current.get(p.nodeId)!.contractId]));
    return {
      state: { ...planned, id: prior.id, nodes_ip_range: subnets, node_deployment_id: contracts },
      private: privateData(plans),
    };
  },

  async delete(ctx, prior) {
    const ids = Object.values((prior.node_deployment_id ?? {}) as Record<string, number>);
    await cancelContracts(ctx, ids.map(Number));
    await cancelStrays(ctx, ownerKey('network', String(prior.id)), ids);
  },

  async read(ctx, state, notes) {
    const ids = (state.node_deployment_id ?? {}) as Record<string, number>;
    await cancelStraysSeen(ctx, ownerKey('network', String(state.id)), Object.values(ids), notes);
    const live: Record<string, Value> = {};
    const entries = Object.entries(ids);
    // asked together, so the chain answers them in one call
    const contracts = await Promise.all(entries.map(([, id]) => ctx.reads.contract(Number(id)).catch(() => undefined)));
    entries.forEach(([nodeId, id], i) => {
      const c = contracts[i];
      notes.seen(c);
      if (c && c.state !== 'Deleted') live[nodeId] = Number(id);
    });
    if (!Object.keys(live).length) return null;
    return { ...state, node_deployment_id: live };
  },

  /** By its node contract ids, comma-separated in the order of `nodes` (e.g. "12,13"). */
  async import(ctx, id) {
    const parts = await Promise.all(contractIdsOf(id).map((contractId) => networkPart(ctx, contractId)));
    parts.forEach((p) => checkWholeNetwork(p, parts));
    const { name, data, description } = parts[0];
    return {
      id: parts.map((p) => p.contractId).join(','),
      name,
      nodes: parts.map((p) => p.nodeId),
      ip_range: data.ip_range,
      description: description || null,
      mycelium_keys: importedMyceliumKeys(parts),
      add_wg_access: null,
      access_wg_config: '',
      external_ip: '',
      external_sk: '',
      public_node_id: 0,
      nodes_ip_range: Object.fromEntries(parts.map((p) => [String(p.nodeId), p.data.subnet])),
      node_deployment_id: Object.fromEntries(parts.map((p) => [String(p.nodeId), p.contractId])),
    };
  },

  /**
   * Adopted as import would when every node got its share and the shares are whole (each peer's
   * subnet is among them, and no peer is your machine, whose key only the lost state had); else
   * cancelled: nothing depends yet on a network whose create did not finish, so the plan makes it anew.
   */
  async recover(ctx, key) {
    const found = await contractsWithKey(ctx, key);
    if (!found.length) return { state: null, notes: [] };
    try {
      for (const c of found) {
        if (!(await deployedOn(ctx, c))) throw new GridError(`node ${c.nodeId} never got its deployment`);
        await waitReady(ctx, Number(c.nodeId), Number(c.id), 0);
      }
      // in the order of the configuration's nodes, which gave the subnets in order (the nodes were
      // created at once, so the contract ids may be in any order)
      const parts = await Promise.all(found.map((c) => networkPart(ctx, Number(c.id))));
      const inOrder = parts.sort((a, b) => subnetIndex(a.data.subnet) - subnetIndex(b.data.subnet)).map((p) => p.contractId);
      const state = await networkResource.import(ctx, inOrder.join(','));
      return { state, notes: [adoptedNote(found)] };
    } catch (err) {
      if (!(err instanceof GridError)) throw err;
      return cancelAll(ctx, found, `a network cut short during its create is not adopted: ${err.message}`);
    }
  },
};

/**
 * Creates the network's deployment on one node with the port proposed in `p`. When the node refuses
 * that port because another network took it since the node listed its ports (another apply, in
 * this process or any other), createNodeDeployment has already cancelled the refused contract: a
 * new port is proposed, in a new deployment and contract (its hash covers the port). Returns the
 * contract and the workload data the node got (other nodes' ports may change while it is created).
 */
async function createWithGrantedPort(
  ctx: GridContext,
  p: NodePlan,
  workload: () => node.Workload,
  metadata: DeploymentSpec['metadata'],
): Promise<{ contractId: number; data: string }> {
  for (let tries = 1; ; tries++) {
    try {
      const w = workload();
      const d = await createNodeDeployment(ctx, { nodeId: p.nodeId, workloads: [w], publicIps: 0, metadata });
      return { contractId: d.contractId, data: String(w.data) };
    } catch (err) {
      const message = (err as Error).message;
      if (refusedWgPort(err) !== p.port || /cancelling contract \d+ failed/.test(message)) throw err;
      if (tries === WG_PORT_TRIES) {
        const why = `each taken by another network meanwhile; apply again (last refusal: ${message})`;
        throw new GridError(`node ${p.nodeId} refused ${tries} wireguard ports in a row, ${why}`);
      }
      p.port = await ctx.freeWgPort(p.nodeId);
    }
  }
}

/**
 * The nodes whose deployment no longer matches what was sent to them: a node that got another port
 * on a retry was named with its old one as a peer of the nodes sent before or meanwhile.
 */
function sentStale(plans: NodePlan[], workloadOf: (p: NodePlan) => node.Workload, sent: Map<number, string | undefined>): NodePlan[] {
  return plans.filter((p) => workloadOf(p).data !== sent.get(p.nodeId));
}

/** Y of a subnet 10.A.Y.0/24 */
function subnetIndex(subnet: string): number {
  return Number(subnet.split('.')[2]);
}

function contractIdsOf(id: string): number[] {
  const ids = id.split(',').map((x) => Number(x.trim()));
  if (!id.trim() || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new GridError(
      `import id ${JSON.stringify(id)} must list the network's node contract ids, comma-separated in the order of its nodes ` +
        '(e.g. 12,13); gridform chain contracts lists them',
    );
  }
  return ids;
}

/** The shares given form one network: same name and range, one per node, every peer among them, no access peer. */
function checkWholeNetwork(p: NetworkPart, parts: NetworkPart[]): void {
  const first = parts[0];
  if (p.name !== first.name || p.data.ip_range !== first.data.ip_range) {
    throw new GridError(
      `contract ${p.contractId} holds network ${p.name} (${p.data.ip_range}), not ${first.name} (${first.data.ip_range}) ` +
        `as contract ${first.contractId} does: list the contracts of one network`,
    );
  }
  const sameNode = parts.filter((q) => q.nodeId === p.nodeId);
  if (sameNode.length > 1) {
    const ids = sameNode.map((q) => q.contractId).join(' and ');
    throw new GridError(`contracts ${ids} are both on node ${p.nodeId}: a network has one contract per node`);
  }
  if (p.data.peers.some((peer) => !peer.endpoint)) {
    throw new GridError(
      `network ${p.name} gives your machine wireguard access through node ${p.nodeId} (add_wg_access); that peer's private key was ` +
        'only in the state that created it, so the network cannot be imported: cancel contracts ' +
        `${parts.map((q) => q.contractId).join(', ')} and let gridform create it again`,
    );
  }
  const missing = p.data.peers.find((peer) => !parts.some((q) => q.data.subnet === peer.subnet));
  if (missing) {
    throw new GridError(
      `network ${p.name} on node ${p.nodeId} (contract ${p.contractId}) has a peer with subnet ${missing.subnet} that none of the ` +
        'contracts given holds: add the contract of that node to the import id',
    );
  }
}

/** One node's share of a network: its live contract of yours and the network workload its node holds. */
interface NetworkPart {
  contractId: number;
  nodeId: number;
  name: string;
  description: string;
  data: NetworkData;
}

async function networkPart(ctx: GridContext, contractId: number): Promise<NetworkPart> {
  const c = await ctx.chain.contract(contractId).catch(() => undefined);
  if (!c || c.type !== 'node' || c.state === 'Deleted') throw new GridError(`contract ${contractId} is not a live node contract`);
  if (c.twinId !== ctx.twinId) throw new GridError(`contract ${contractId} belongs to twin ${c.twinId}, not to yours (${ctx.twinId})`);
  const d = await (await ctx.node(Number(c.nodeId))).get(ctx.twinId, contractId).catch(() => undefined);
  const w = d?.workloads.find((x) => x.type === 'network' && x.result?.state !== 'deleted');
  if (!w) throw new GridError(`contract ${contractId} holds no network on node ${c.nodeId}`);
  return { contractId, nodeId: Number(c.nodeId), name: w.name, description: w.description ?? '', data: JSON.parse(w.data) as NetworkData };
}

/** What the provider keeps privately: each node's wireguard private key and listen port. */
function privateData(plans: NodePlan[]): string {
  return JSON.stringify({
    keys: Object.fromEntries(plans.map((p) => [p.nodeId, p.keys.privateKey])),
    ports: Object.fromEntries(plans.map((p) => [p.nodeId, p.port])),
  });
}

/**
 * Each node's subnet: a node keeps the one it had; an added node takes the lowest 10.A.Y.0/24 not
 * had by any node before this change (so no subnet is reused within one apply) nor by your machine.
 */
function subnetsFor(prior: ObjectValue, nodes: number[]): Record<string, string> {
  const [, a, b] = RANGE.exec(String(prior.ip_range))!;
  const before = (prior.nodes_ip_range ?? {}) as Record<string, string>;
  const taken = new Set(Object.values(before));
  const access = /^\d+\.\d+\.(\d+)\.\d+\/24$/.exec(String(prior.external_ip ?? ''));
  if (access) taken.add(`${a}.${b}.${access[1]}.0/24`);
  const out: Record<string, string> = {};
  let y = 2;
  for (const n of nodes) {
    if (before[n]) {
      out[n] = before[n];
      continue;
    }
    while (taken.has(`${a}.${b}.${y}.0/24`)) y++;
    out[n] = `${a}.${b}.${y}.0/24`;
    taken.add(out[n]);
  }
  return out;
}

type NetworkData = ReturnType<typeof networkData>;

/** The nodes of the network, each once: a node listed twice gets one deployment, as upstream deploys it. */
function distinctNodes(config: ObjectValue): number[] {
  return [...new Set((config.nodes as number[]).map(Number))];
}

function myceliumKeyOf(config: ObjectValue, nodeId: number): string {
  const keys = (config.mycelium_keys ?? {}) as Record<string, Value>;
  const key = keys[String(nodeId)];
  return typeof key === 'string' ? key.toLowerCase() : '';
}

/** Each mycelium key is for a node of the network (upstream refuses a key for another node). */
/** nodes_ip_range as planned when the configuration sets it (known), else undefined. */
function configuredSubnets(planned: ObjectValue): Record<string, string> | undefined {
  const subnets = planned.nodes_ip_range;
  if (!subnets || isUnknown(subnets) || typeof subnets !== 'object' || Array.isArray(subnets)) return undefined;
  const values = Object.values(subnets as ObjectValue);
  return values.length && values.every((v) => typeof v === 'string') ? (subnets as Record<string, string>) : undefined;
}

/**
 * nodes_ip_range, when set: a subnet for every node of the network and for no other, each a
 * distinct /24 of ip_range from A.B.2.0/24 to A.B.254.0/24 (the subnets gridform would assign).
 * Unlike upstream, a partial map is refused: a value written in the configuration is planned as
 * it is, and terraform refuses a provider that adds entries to it.
 */
function configuredSubnetProblems(config: ObjectValue): Diagnostic[] {
  const subnets = config.nodes_ip_range;
  const range = RANGE.exec(String(config.ip_range));
  if (!subnets || isUnknown(subnets) || !range || !Array.isArray(config.nodes) || config.nodes.some(isUnknown)) return [];
  const given = subnets as Record<string, Value>;
  const nodes = [...new Set(config.nodes.map(String))];
  const problems: Diagnostic[] = [];
  const at = (node: string) => ({ attributePath: ['nodes_ip_range', node] });
  const seen = new Map<string, string>();
  for (const [node, subnet] of Object.entries(given)) {
    if (isUnknown(subnet)) continue;
    if (!nodes.includes(node)) {
      const detail =
        `nodes_ip_range has a subnet for node ${JSON.stringify(node)}, ` + `which is not among the network's nodes (${nodes.join(', ')}).`;
      problems.push(error('Subnet for a node outside the network', detail, at(node)));
      continue;
    }
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(String(subnet));
    if (!m || m[1] !== range[1] || m[2] !== range[2] || Number(m[3]) < 2 || Number(m[3]) > 254) {
      const [a, b] = [range[1], range[2]];
      const detail =
        `nodes_ip_range["${node}"] is ${JSON.stringify(subnet)}; ` +
        `it must be a /24 of ip_range ${String(config.ip_range)}, from ${a}.${b}.2.0/24 to ${a}.${b}.254.0/24.`;
      problems.push(error('Invalid node subnet', detail, at(node)));
      continue;
    }
    const other = seen.get(String(subnet));
    if (other !== undefined) {
      problems.push(
        error('Node subnets overlap', `nodes ${other} and ${node} are both given ${String(subnet)} in nodes_ip_range.`, at(node)),
      );
    }
    seen.set(String(subnet), node);
  }
  const missing = nodes.filter((n) => !(n in given));
  if (missing.length) {
    const detail =
      `nodes_ip_range, when set, gives a subnet to every node of the network; node${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
      `${missing.length > 1 ? 'have' : 'has'} none. Leave it unset to have gridform assign them all.`;
    problems.push(error('Node without a subnet', detail, { attributePath: ['nodes_ip_range'] }));
  }
  return problems;
}

/** A configured subnet that would move a node already in the network, or take your machine's subnet. */
function subnetChangeProblems(prior: ObjectValue, planned: ObjectValue): Diagnostic[] {
  const configured = configuredSubnets(planned);
  if (!configured) return [];
  const before = (prior.nodes_ip_range ?? {}) as Record<string, string>;
  const problems: Diagnostic[] = [];
  for (const [node, subnet] of Object.entries(configured)) {
    if (before[node] && before[node] !== subnet) {
      const detail =
        `Node ${node} is in the network with ${before[node]}, and its VMs have addresses in it; it cannot move to ${subnet} in place. ` +
        `Keep ${before[node]} for it, or take the node out of the network and add it back with the new subnet.`;
      problems.push(error("A node's subnet cannot change", detail, { attributePath: ['nodes_ip_range', node] }));
    }
  }
  const access = /^(\d+)\.(\d+)\.(\d+)\.\d+\/24$/.exec(String(prior.external_ip ?? ''));
  const accessSubnet = access && `${access[1]}.${access[2]}.${access[3]}.0/24`;
  for (const [node, subnet] of Object.entries(configured)) {
    if (subnet === accessSubnet && !before[node]) {
      const detail = `${subnet} is your machine's subnet in the network (add_wg_access); give node ${node} another.`;
      problems.push(error('Node subnet taken', detail, { attributePath: ['nodes_ip_range', node] }));
    }
  }
  return problems;
}

function myceliumKeyNodes(config: ObjectValue): Diagnostic[] {
  const keys = config.mycelium_keys;
  if (!keys || isUnknown(keys) || !Array.isArray(config.nodes) || config.nodes.some(isUnknown)) return [];
  const nodes = new Set(config.nodes.map(String));
  return Object.keys(keys as ObjectValue)
    .filter((n) => !nodes.has(n))
    .map((n) =>
      error(
        'Mycelium key for a node outside the network',
        `mycelium_keys has a key for node ${JSON.stringify(n)}, which is not among the network's nodes ` +
          `(${[...nodes].join(', ')}): key the map by the id of a node in nodes.`,
        { attributePath: ['mycelium_keys', n] },
      ),
    );
}

function importedMyceliumKeys(parts: NetworkPart[]): ObjectValue | null {
  const keyed = parts.filter((p) => p.data.mycelium?.hex_key);
  return keyed.length ? Object.fromEntries(keyed.map((p) => [String(p.nodeId), p.data.mycelium!.hex_key])) : null;
}

/** The network workload's data in a node deployment, as the node holds it. */
function networkDataOf(d: node.Deployment__Output): NetworkData | undefined {
  const w = d.workloads.find((x) => x.type === 'network' && x.result?.state !== 'deleted');
  return w ? (JSON.parse(w.data) as NetworkData) : undefined;
}

function networkData(ipRange: string, self: NodePlan, all: NodePlan[]) {
  const mycelium: { hex_key: string; peers: string[] } | undefined = self.myceliumKey
    ? { hex_key: self.myceliumKey, peers: [] }
    : undefined;
  return {
    ...(mycelium ? { mycelium } : {}),
    ip_range: ipRange,
    subnet: self.subnet,
    wireguard_private_key: self.keys.privateKey,
    wireguard_listen_port: self.port,
    peers: all
      .filter((p) => p !== self)
      .map((p) => ({
        subnet: p.subnet,
        wireguard_public_key: p.keys.publicKey,
        allowed_ips: [p.subnet, `100.64.${p.subnet.split('.')[1]}.${p.subnet.split('.')[2]}/32`],
        endpoint: `${p.host}:${p.port}`,
      })),
  };
}

interface AccessPlan {
  node: NodePlan;
  keys: { privateKey: string; publicKey: string };
  externalIp: string;
  peer: ReturnType<typeof networkData>['peers'][number];
  /** the wg-quick file, with the port the public node holds when called */
  config(): string;
}

/** Your machine's place in the network: the next subnet, reached through a node with a public IPv4. */
async function accessPlan(ctx: GridContext, plans: NodePlan[], a: string, b: string): Promise<AccessPlan> {
  let node: NodePlan | undefined;
  let endpointIp = '';
  for (const p of plans) {
    const ipv4 = (await ctx.chain.node(p.nodeId)).publicConfig?.ipv4;
    if (ipv4) {
      node = p;
      endpointIp = ipv4.split('/')[0];
      break;
    }
  }
  if (!node)
    throw new GridError(
      `add_wg_access needs a node with a public IPv4 among nodes ${plans.map((p) => p.nodeId).join(', ')} to be your wireguard endpoint ` +
        `(on the local grid, the gateway nodes have one: gridform grid status)`,
    );
  const keys = newWgKeys();
  // the lowest third octet from 2 that no node's subnet has
  const taken = new Set(plans.map((p) => Number(p.subnet.split('.')[2])));
  let y = 2;
  while (taken.has(y)) y++;
  const publicNode = node;
  // the text upstream's grid client writes (GenerateWGConfig), byte for byte: the leading newline
  // and the trailing tab included, so `access_wg_config` outputs compare equal
  const config = () =>
    [
      '',
      '[Interface]',
      `Address = 100.64.${b}.${y}`,
      `PrivateKey = ${keys.privateKey}`,
      '[Peer]',
      `PublicKey = ${publicNode.keys.publicKey}`,
      `AllowedIPs = ${a}.${b}.0.0/16, 100.64.0.0/16`,
      'PersistentKeepalive = 25',
      `Endpoint = ${endpointIp}:${publicNode.port}`,
      '\t',
    ].join('\n');
  return { node, keys, externalIp: `${a}.${b}.${y}.2/24`, peer: accessPeer(a, b, y, keys.publicKey), config };
}

/** Your machine as a peer of the public node: subnet 10.A.Y.0/24, no endpoint (it dials in). */
function accessPeer(a: string, b: string, y: number, publicKey: string): NetworkData['peers'][number] {
  const subnet = `${a}.${b}.${y}.0/24`;
  return { subnet, wireguard_public_key: publicKey, allowed_ips: [subnet, `100.64.${b}.${y}/32`], endpoint: '' };
}

/** The access peer of a network made with add_wg_access, from its state (external_ip and external_sk). */
function existingAccessPeer(state: ObjectValue): NetworkData['peers'][number] {
  const [, a, b] = RANGE.exec(String(state.ip_range))!;
  const y = Number(String(state.external_ip).split('.')[2]);
  return accessPeer(a, b, y, wgPublicKey(String(state.external_sk)));
}
