// grid_kubernetes: the master's deployment first (a node contract with its data disk, public IP
// and the k3s VM), then one deployment per node for the workers, which join the master's private
// address with the token. Any failure cancels what this apply created. Workers change in place
// (per node: updated, created, or cancelled when none is left there); the master is replaced.
import { Unknown, type ObjectValue } from '../../../engine';
import type { node } from '../../../proto';
import type { GridContext } from '../grid/context';
import { cancelContract, createNodeDeployment, resultOf, updateNodeDeployment } from '../grid/node-deployment';
import { GridError } from '../grid/grid-error';
import { K3S_FLIST, kubernetesDecl, kubernetesSchema } from '../schema/kubernetes';
import { Checks } from './checks';
import { networkSubnet, overlayChanges, vmWorkloads } from './deployment';
import { cancelAll, contractsWithKey } from '../grid/recovery';
import { cancelStrays, cancelStraysSeen, ownerKey } from '../grid/stray-contracts';
import type { GridResource } from './resource';

export { K3S_FLIST };
const GB = 2 ** 30;
const COMPUTED = ['ip', 'computedip', 'computedip6', 'planetary_ip', 'mycelium_ip', 'console_url'] as const;
/** what each VM repeats of the cluster, as upstream's master and workers show it */
const SHARED = ['network_name', 'ssh_key', 'token'] as const;

/** The project name in the contracts' metadata: solution_type, else (unset or empty, as upstream) kubernetes/MASTER. */
export function kubernetesProjectName(planned: ObjectValue): string {
  return String(planned.solution_type || `kubernetes/${String((planned.master as ObjectValue | null)?.name)}`);
}
/**
 * Workers that leave `flist` unset, now and in the state, keep the flist their VM already runs:
 * the default follows upstream's and may change between releases, and a new flist makes the node
 * rebuild the VM, which no plan would have shown. (A flist removed from the configuration shows
 * in the plan, and the default is then what the user asked for.)
 */
async function keepingDeployedFlists(
  ctx: GridContext,
  nodeId: number,
  contractId: number,
  workers: ObjectValue[],
  prior: readonly ObjectValue[],
): Promise<ObjectValue[]> {
  const unset = (w: ObjectValue | undefined) => w !== undefined && (w.flist === null || w.flist === undefined);
  const keeps = (w: ObjectValue) => unset(w) && unset(prior.find((p) => p.name === w.name));
  if (!workers.some(keeps)) return workers;
  const deployed = await (await ctx.node(nodeId)).get(ctx.twinId, contractId);
  const flists = new Map<string, unknown>();
  for (const w of deployed.workloads) {
    if (w.type === 'zmachine') flists.set(w.name, (JSON.parse(w.data) as { flist?: unknown }).flist);
  }
  return workers.map((w) =>
    keeps(w) && typeof flists.get(String(w.name)) === 'string' ? { ...w, flist: flists.get(String(w.name)) as string } : w,
  );
}

/** A k3s VM and its data disk (and public IP when asked), with the k3s settings in its environment. */
function k3sWorkloads(vm: ObjectValue, networkName: string, env: Record<string, string>): node.Workload[] {
  const name = String(vm.name);
  const disk: node.Workload = {
    version: 0,
    name: `${name}_disk`,
    type: 'zmount',
    data: JSON.stringify({ size: Number(vm.disk_size) * GB }),
    metadata: '',
    description: '',
  };
  const machine = vmWorkloads(
    {
      name,
      flist: vm.flist ?? K3S_FLIST,
      cpu: vm.cpu,
      memory: vm.memory,
      rootfs_size: 0,
      entrypoint: '/sbin/zinit init',
      env_vars: env,
      publicip: vm.publicip === true,
      planetary: vm.planetary === true,
      mycelium_ip_seed: vm.mycelium_ip_seed ?? null,
      description: vm.description ?? '',
      ip: null,
      mounts: [{ name: `${name}_disk`, mount_point: '/mydisk' }],
    },
    networkName,
  );
  return [disk, ...machine];
}

function vmState(vm: ObjectValue, d: node.Deployment__Output): ObjectValue {
  const r = resultOf(d, String(vm.name));
  const pub = vm.publicip === true ? resultOf(d, `${String(vm.name)}_ip`) : {};
  return {
    ...vm,
    ...Object.fromEntries(SHARED.map((k) => [k, vm[k] ?? null])),
    ip: String(r.ip ?? ''),
    computedip: String(pub.ip ?? ''),
    computedip6: String(pub.ip6 ?? ''),
    planetary_ip: String(r.planetary_ip ?? ''),
    mycelium_ip: String(r.mycelium_ip ?? ''),
    console_url: String(r.console_url ?? ''),
  };
}

/** The nodes of the cluster, master first, each once. */
function clusterNodes(planned: ObjectValue): number[] {
  const master = planned.master as ObjectValue | undefined;
  return [...new Set([Number(master?.node), ...((planned.workers ?? []) as ObjectValue[]).map((w) => Number(w.node))])];
}

/** The network's subnet on each node of the cluster (upstream copies it from grid_network.nodes_ip_range). */
async function ipRanges(ctx: GridContext, planned: ObjectValue): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const nodeId of clusterNodes(planned)) out[String(nodeId)] = await networkSubnet(ctx, nodeId, String(planned.network_name));
  return out;
}

function byNode(workers: ObjectValue[]): Map<number, ObjectValue[]> {
  const out = new Map<number, ObjectValue[]>();
  for (const w of workers) out.set(Number(w.node), [...(out.get(Number(w.node)) ?? []), w]);
  return out;
}

/** Puts the workers where they belong: updates, creates and cancels the per-node deployments. */
async function placeWorkers(
  ctx: GridContext,
  planned: ObjectValue,
  masterIp: string,
  existing: Record<string, string>,
  created: number[],
  key?: string,
  /** the workers as the state holds them, on an update */
  priorWorkers: readonly ObjectValue[] = [],
): Promise<{ ids: Record<string, string>; workers: ObjectValue[] }> {
  const networkName = String(planned.network_name);
  const env = (w: ObjectValue) => ({
    K3S_URL: `https://${masterIp}:6443`,
    K3S_TOKEN: String(planned.token),
    K3S_DATA_DIR: '/mydisk',
    K3S_FLANNEL_IFACE: 'eth0',
    K3S_NODE_NAME: String(w.name),
    SSH_KEY: String(planned.ssh_key ?? ''),
  });
  const ids: Record<string, string> = {};
  const states = new Map<string, ObjectValue>();
  const groups = byNode((planned.workers ?? []) as ObjectValue[]);
  for (const [nodeId, workers] of groups) {
    const contractId = existing[String(nodeId)];
    const deployed = contractId ? await keepingDeployedFlists(ctx, nodeId, Number(contractId), workers, priorWorkers) : workers;
    const workloads = deployed.flatMap((w) => k3sWorkloads(w, networkName, env(w)));
    const metadata = {
      type: 'kubernetes',
      name: `${String(planned.master && (planned.master as ObjectValue).name)}_workers`,
      projectName: kubernetesProjectName(planned),
      ...(key ? { key } : {}),
    };
    let d: node.Deployment__Output;
    if (contractId) d = await updateNodeDeployment(ctx, nodeId, Number(contractId), { workloads, metadata });
    else {
      await networkSubnet(ctx, nodeId, networkName);
      d = await createNodeDeployment(ctx, { nodeId, workloads, publicIps: workers.filter((w) => w.publicip === true).length, metadata });
      created.push(d.contractId);
    }
    ids[String(nodeId)] = String(d.contractId);
    for (const w of workers) states.set(String(w.name), vmState(w, d));
  }
  for (const [nodeId, id] of Object.entries(existing)) if (!groups.has(Number(nodeId))) await cancelContract(ctx, Number(id));
  return { ids, workers: ((planned.workers ?? []) as ObjectValue[]).map((w) => states.get(String(w.name))!) };
}

function sameNodes(a: ObjectValue, b: ObjectValue): boolean {
  return clusterNodes(a).join(',') === clusterNodes(b).join(',');
}

export const kubernetesResource: GridResource = {
  schema: kubernetesSchema,
  validate(config) {
    const c = new Checks(kubernetesDecl, config);
    if (!config.master) c.fail(['master'], 'Missing master', 'master must be set.');
    const noIpv6 = (vm: ObjectValue | undefined, path: (string | number)[]) => {
      if (vm?.publicip6 === true)
        c.fail(
          [...path, 'publicip6'],
          'publicip6 is not supported yet',
          'The local grid farms have no IPv6 ranges; leave publicip6 unset.',
        );
    };
    noIpv6(config.master as ObjectValue | undefined, ['master']);
    ((config.workers ?? []) as ObjectValue[]).forEach((w, i) => noIpv6(w, ['workers', i]));
    const names = new Set([String((config.master as ObjectValue | undefined)?.name)]);
    ((config.workers ?? []) as ObjectValue[]).forEach((w, i) => {
      if (typeof w.name === 'string' && names.has(w.name))
        c.fail(
          ['workers', i, 'name'],
          'Duplicate name',
          `Another VM of this cluster is named ${JSON.stringify(w.name)}; names must be unique.`,
        );
      names.add(String(w.name));
    });
    return c.diags;
  },

  /** Workers keep their computed values by name; an added worker has them unknown until apply. */
  plan(prior, proposed) {
    const before = new Map(((prior?.workers ?? []) as ObjectValue[]).map((w) => [String(w.name), w]));
    const withComputed = (vm: ObjectValue, old: ObjectValue | undefined): ObjectValue => {
      const out = { ...vm };
      for (const k of COMPUTED) out[k] = old?.[k] ?? Unknown;
      overlayChanges(old, vm, out);
      for (const k of SHARED) out[k] = proposed[k] ?? null;
      return out;
    };
    const master = proposed.master as ObjectValue;
    return {
      ...proposed,
      id: prior?.id ?? Unknown,
      node_deployment_id: prior?.node_deployment_id ?? Unknown,
      nodes_ip_range: prior && sameNodes(prior, proposed) ? (prior.nodes_ip_range ?? Unknown) : Unknown,
      master: withComputed(master, prior?.master as ObjectValue | undefined),
      workers: ((proposed.workers ?? []) as ObjectValue[]).map((w) => withComputed(w, before.get(String(w.name)))),
    };
  },

  async create(ctx, planned, key) {
    const master = planned.master as ObjectValue;
    const networkName = String(planned.network_name);
    await networkSubnet(ctx, Number(master.node), networkName);
    const created: number[] = [];
    try {
      const env = {
        K3S_URL: '',
        K3S_TOKEN: String(planned.token),
        K3S_DATA_DIR: '/mydisk',
        K3S_FLANNEL_IFACE: 'eth0',
        K3S_NODE_NAME: String(master.name),
        SSH_KEY: String(planned.ssh_key ?? ''),
      };
      const md = await createNodeDeployment(ctx, {
        nodeId: Number(master.node),
        workloads: k3sWorkloads(master, networkName, env),
        publicIps: master.publicip === true ? 1 : 0,
        metadata: {
          type: 'kubernetes',
          name: String(planned.name ?? master.name),
          projectName: kubernetesProjectName(planned),
          ...(key ? { key } : {}),
        },
      });
      created.push(md.contractId);
      const masterState = vmState(master, md);
      const { ids, workers } = await placeWorkers(ctx, planned, String(masterState.ip), {}, created, key);
      return {
        state: {
          ...planned,
          id: String(md.contractId),
          master: masterState,
          workers,
          node_deployment_id: { master: String(md.contractId), ...ids },
          nodes_ip_range: await ipRanges(ctx, planned),
        },
      };
    } catch (err) {
      for (const id of created.reverse()) await cancelContract(ctx, id).catch(() => undefined);
      throw err;
    }
  },

  async update(ctx, prior, planned) {
    const { master: _m, ...existing } = (prior.node_deployment_id ?? {}) as Record<string, string>;
    const created: number[] = [];
    const key = ownerKey('kubernetes', String(prior.id));
    await cancelStrays(ctx, key, Object.values(existing).map(Number));
    try {
      const masterState = prior.master as ObjectValue;
      const priorWorkers = (prior.workers ?? []) as ObjectValue[];
      const { ids, workers } = await placeWorkers(ctx, planned, String(masterState.ip), existing, created, key, priorWorkers);
      return {
        state: {
          ...planned,
          id: prior.id,
          master: masterState,
          workers,
          node_deployment_id: { master: String(prior.id), ...ids },
          nodes_ip_range: await ipRanges(ctx, planned),
        },
      };
    } catch (err) {
      for (const id of created) await cancelContract(ctx, id).catch(() => undefined);
      throw err;
    }
  },

  async delete(ctx, prior) {
    const ids = Object.values((prior.node_deployment_id ?? {}) as Record<string, string>)
      .map(Number)
      .sort((a, b) => b - a);
    for (const id of ids) await cancelContract(ctx, id);
    await cancelStrays(ctx, ownerKey('kubernetes', String(prior.id)), ids);
  },

  async read(ctx, state, notes) {
    const master = await ctx.reads.contract(Number(state.id)).catch(() => undefined);
    if (!master || master.state === 'Deleted') return null;
    const listed = Object.values((state.node_deployment_id ?? {}) as Record<string, string>).map(Number);
    await cancelStraysSeen(ctx, ownerKey('kubernetes', String(state.id)), listed, notes);
    const live: Record<string, string> = {};
    const entries = Object.entries((state.node_deployment_id ?? {}) as Record<string, string>);
    // asked together, so the chain answers them in one call
    const contracts = await Promise.all(entries.map(([, id]) => ctx.reads.contract(Number(id)).catch(() => undefined)));
    entries.forEach(([k, id], i) => {
      notes.seen(contracts[i]);
      if (contracts[i] && contracts[i].state !== 'Deleted') live[k] = id;
    });
    // a worker deployment gone outside gridform shows as drift and is made again by the next apply
    const workers = ((state.workers ?? []) as ObjectValue[]).filter((w) => live[String(w.node)]);
    return { ...state, workers, node_deployment_id: live };
  },

  async import() {
    throw new GridError(
      'importing a grid_kubernetes is not supported: import its VMs as grid_deployment resources by contract id, or recreate the cluster',
    );
  },

  /** A cluster cannot be imported, so what an interrupted create made of it is cancelled and made anew. */
  async recover(ctx, key) {
    return cancelAll(ctx, await contractsWithKey(ctx, key), 'a cluster cannot be imported');
  },
};
