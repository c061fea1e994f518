// grid_deployment: the VMs, disks and 0-db namespaces of one node contract, the VMs on a network
// of yours already on that node. Public IPs are reserved by the contract; computed addresses and
// namespaces come back from the node.
import type { AttributePath, ObjectValue, ResourceSchema, Value } from '../../../engine';
import { isUnknown, Unknown } from '../../../engine';
import type { node } from '../../../proto';
import { deploymentDecl, deploymentSchema } from '../schema/deployment';
import type { GridContext } from '../grid/context';
import { cancelContract, createNodeDeployment, GridError, resultOf, updateNodeDeployment, waitReady } from '../grid/node-deployment';
import { adoptedNote, cancelAll, contractsWithKey, deployedOn, type Contract, type Recovered } from '../grid/recovery';
import { Checks } from './checks';
import { checkQsfs, qsfsNames, qsfsState, qsfsWorkloads } from './qsfs';
import { durationMs } from '../grid/duration';
import type { GridResource } from './resource';

const MB = 2 ** 20;
const COMPUTED_VM = ['computedip', 'computedip6', 'planetary_ip', 'mycelium_ip', 'console_url'] as const;

/** The value when set in the configuration (not null or unknown). */
function attr(v: Value | undefined): Value | undefined {
  return v === null || v === undefined || isUnknown(v) ? undefined : v;
}
const GB = 2 ** 30;

/** The name when unset, as upstream's ("vm"). */
const DEFAULT_NAME = String(deploymentDecl.block.attributes.name.default);

/**
 * The contract metadata's name and project name, as terraform-provider-grid fills them: the name
 * "vm" when unset, the project "vm/NAME" when solution_type is unset or empty.
 */
export function deploymentMetadata(planned: ObjectValue): { type: 'vm'; name: string; projectName: string } {
  const name = String(planned.name ?? DEFAULT_NAME);
  return { type: 'vm', name, projectName: String(planned.solution_type || `vm/${name}`) };
}

export const deploymentResource: GridResource = {
  schema: deploymentSchema,
  validate(config) {
    const c = new Checks(deploymentDecl, config);
    const vms = Array.isArray(config.vms) ? (config.vms as ObjectValue[]) : [];
    if (vms.length) c.required(config.network_name, ['network_name']);
    if (
      !vms.length &&
      !(config.containers as unknown[] | null)?.length &&
      !(config.disks as unknown[] | null)?.length &&
      !(config.zdbs as unknown[] | null)?.length &&
      !(config.qsfs as unknown[] | null)?.length
    ) {
      c.fail(['vms'], 'Empty deployment', 'A deployment needs at least one VM, container, disk, zdb or qsfs.');
    }
    const names = new Set<string>();
    const disks = Array.isArray(config.disks) ? (config.disks as ObjectValue[]) : [];
    const zdbs = Array.isArray(config.zdbs) ? (config.zdbs as ObjectValue[]) : [];
    const unique = (name: Value | undefined, path: (string | number)[], what: string) => {
      if (typeof name !== 'string') return;
      if (names.has(name))
        c.fail(
          path,
          `Duplicate ${what} name`,
          `Another workload of this deployment (VM, container, disk, zdb or qsfs) is named ${JSON.stringify(name)}; names must be unique.`,
        );
      names.add(name);
    };
    disks.forEach((disk, i) => unique(disk.name, ['disks', i, 'name'], 'disk'));
    zdbs.forEach((zdb, i) => unique(zdb.name, ['zdbs', i, 'name'], 'zdb'));
    ((config.qsfs ?? []) as ObjectValue[]).forEach((q, i) => unique(q.name, ['qsfs', i, 'name'], 'qsfs'));
    checkQsfs(c, config);
    const diskNames = new Set(disks.map((d) => d.name));
    const mountable = new Set<Value | undefined>([...diskNames, ...qsfsNames(config)]);
    const containers = Array.isArray(config.containers) ? (config.containers as ObjectValue[]) : [];
    if (containers.length && !vms.length) c.required(config.network_name, ['network_name']);
    containers.forEach((ct, i) => {
      unique(ct.name, ['containers', i, 'name'], 'container');
      checkMounts(c, ct, ['containers', i], diskNames);
    });
    vms.forEach((vm, i) => {
      unique(vm.name, ['vms', i, 'name'], 'VM');
      checkMounts(c, vm, ['vms', i], mountable);
      if (vm.publicip6 === true)
        c.fail(
          ['vms', i, 'publicip6'],
          'publicip6 is not supported yet',
          'The local grid farms have no IPv6 ranges; leave publicip6 unset.',
        );
    });
    return c.diags;
  },

  async create(given, planned, key) {
    const createTimeout = durationMs(String((planned.timeouts as ObjectValue | null)?.create ?? ''));
    const ctx = createTimeout ? given.withTimeout(createTimeout) : given;
    const nodeId = Number(planned.node);
    const networkName = String(planned.network_name ?? '');
    const vms = (planned.vms ?? []) as ObjectValue[];
    const subnet = vms.length || ((planned.containers ?? []) as unknown[]).length ? await networkSubnet(ctx, nodeId, networkName) : '';
    const workloads = [
      ...storageWorkloads(planned),
      ...qsfsWorkloads(planned),
      ...vms.flatMap((vm) => vmWorkloads(vm, networkName)),
      ...containerWorkloads(planned, networkName),
    ];
    const d = await createNodeDeployment(ctx, {
      nodeId,
      workloads,
      publicIps: vms.filter((vm) => vm.publicip === true).length,
      metadata: { ...deploymentMetadata(planned), ...(key ? { key } : {}) },
    });
    return { state: stateFrom(planned, d, subnet) };
  },

  async delete(ctx, prior) {
    await cancelContract(ctx, Number(prior.id));
  },

  async update(ctx, prior, planned, config) {
    const nodeId = Number(prior.node);
    const networkName = String(planned.network_name ?? '');
    const vms = (planned.vms ?? []) as ObjectValue[];
    const configured = (config.vms ?? []) as ObjectValue[];
    // the private IP asked for in the configuration, not the one the node picked (which the state carries)
    const workloads = [
      ...storageWorkloads(planned),
      ...qsfsWorkloads(planned),
      ...vms.flatMap((vm, i) => vmWorkloads({ ...vm, ip: configured[i]?.ip ?? null }, networkName)),
      ...containerWorkloads(planned, networkName),
    ];
    const d = await updateNodeDeployment(ctx, nodeId, Number(prior.id), { workloads, metadata: deploymentMetadata(planned) });
    return { state: stateFrom(planned, d, String(prior.ip_range ?? '')) };
  },

  /** A VM keeps its computed values by name (an added VM has them unknown until apply). */
  plan(prior, proposed) {
    const before = new Map(((prior?.vms ?? []) as ObjectValue[]).map((vm) => [String(vm.name), vm]));
    const vms = ((proposed.vms ?? []) as ObjectValue[]).map((vm) => {
      const old = before.get(String(vm.name));
      const out: ObjectValue = { ...vm };
      for (const attr of COMPUTED_VM) out[attr] = old ? (old[attr] ?? Unknown) : Unknown;
      if (attr(vm.ip) === undefined) out.ip = old?.ip ?? Unknown;
      if (old && old.publicip !== vm.publicip) {
        out.computedip = Unknown;
        out.computedip6 = Unknown;
      }
      overlayChanges(old, vm, out);
      return out;
    });
    const zdbsBefore = new Map(((prior?.zdbs ?? []) as ObjectValue[]).map((z) => [String(z.name), z]));
    const zdbs = ((proposed.zdbs ?? []) as ObjectValue[]).map((z): ObjectValue => {
      const old = zdbsBefore.get(String(z.name));
      return { ...z, ips: old?.ips ?? Unknown, namespace: old?.namespace ?? Unknown, port: old?.port ?? Unknown };
    });
    const ctBefore = new Map(((prior?.containers ?? []) as ObjectValue[]).map((x) => [String(x.name), x]));
    const containers = ((proposed.containers ?? []) as ObjectValue[]).map((x): ObjectValue => ({
      ...x,
      ip: ctBefore.get(String(x.name))?.ip ?? Unknown,
    }));
    const qsfsBefore = new Map(((prior?.qsfs ?? []) as ObjectValue[]).map((q) => [String(q.name), q]));
    const qsfs = ((proposed.qsfs ?? []) as ObjectValue[]).map((q): ObjectValue => ({
      ...q,
      metrics_endpoint: qsfsBefore.get(String(q.name))?.metrics_endpoint ?? Unknown,
    }));
    return { ...proposed, vms, containers, zdbs, qsfs, id: prior?.id ?? Unknown, ip_range: prior?.ip_range ?? Unknown };
  },

  /** The contract reserves its public IPs at creation: a different count means a new contract. */
  replacePaths(prior, proposed): AttributePath[] {
    const count = (s: ObjectValue) => ((s.vms ?? []) as ObjectValue[]).filter((vm) => vm.publicip === true).length;
    return count(prior) === count(proposed) ? [] : [['vms']];
  },

  async read(ctx, state, notes) {
    const contractId = Number(state.id);
    const contract = await ctx.reads.contract(contractId).catch(() => undefined);
    notes.seen(contract);
    if (!contract || contract.state === 'Deleted') return null;
    const d = await (await ctx.node(Number(state.node))).get(ctx.twinId, contractId).catch(() => undefined);
    if (!d) return null;
    return stateFrom(state, d, String(state.ip_range ?? ''));
  },

  async import(ctx, id) {
    const contractId = Number(id);
    if (!Number.isInteger(contractId) || contractId <= 0) throw new GridError(`import id ${JSON.stringify(id)} must be a node contract id`);
    const contract = await ctx.chain.contract(contractId);
    if (contract.type !== 'node' || contract.state === 'Deleted') throw new GridError(`contract ${contractId} is not a live node contract`);
    if (contract.twinId !== ctx.twinId)
      throw new GridError(`contract ${contractId} belongs to twin ${contract.twinId}, not to yours (${ctx.twinId})`);
    const d = await (await ctx.node(contract.nodeId)).get(ctx.twinId, contractId);
    const meta = JSON.parse(d.metadata || '{}') as { name?: string };
    const vms: ObjectValue[] = d.workloads
      .filter((w) => w.type === 'zmachine')
      .map((w) => {
        const data = JSON.parse(w.data) as {
          flist: string;
          compute_capacity: { cpu: number; memory: number };
          size: number;
          entrypoint?: string;
          env?: Record<string, string>;
          corex?: boolean;
          network: { public_ip?: string; planetary?: boolean; mycelium?: { hex_seed?: string } | null };
          mounts?: { name: string; mountpoint: string }[];
          gpu?: string[];
        };
        return {
          name: w.name,
          flist: data.flist,
          cpu: data.compute_capacity.cpu,
          memory: Math.round(data.compute_capacity.memory / MB),
          rootfs_size: Math.round((data.size ?? 0) / MB),
          entrypoint: data.entrypoint ?? '',
          env_vars: data.env ?? {},
          corex: !!data.corex,
          publicip: !!data.network.public_ip,
          publicip6: false,
          planetary: !!data.network.planetary,
          mycelium_ip_seed: data.network.mycelium?.hex_seed ?? null,
          ...(data.gpu?.length ? { gpus: data.gpu } : {}),
          description: w.description ?? '',
          ip: null,
          mounts: (data.mounts ?? []).map((m) => ({ name: m.name, mount_point: m.mountpoint })),
        };
      });
    const containers: ObjectValue[] = d.workloads
      .filter((w) => w.type === 'container')
      .map((w) => {
        const data = JSON.parse(w.data) as {
          flist: string;
          entrypoint?: string;
          env?: Record<string, string>;
          compute_capacity: { cpu: number; memory: number };
          mounts?: { name: string; mountpoint: string }[];
        };
        return {
          name: w.name,
          flist: data.flist,
          cpu: data.compute_capacity.cpu,
          memory: Math.round(data.compute_capacity.memory / MB),
          entrypoint: data.entrypoint ?? '',
          env_vars: data.env ?? {},
          description: w.description ?? '',
          mounts: (data.mounts ?? []).map((m) => ({ name: m.name, mount_point: m.mountpoint })),
        };
      });
    const disks: ObjectValue[] = d.workloads
      .filter((w) => w.type === 'zmount')
      .map((w) => ({
        name: w.name,
        size: Math.round((JSON.parse(w.data) as { size: number }).size / GB),
        description: w.description ?? '',
      }));
    const zdbs: ObjectValue[] = d.workloads
      .filter((w) => w.type === 'zdb')
      .map((w) => {
        const z = JSON.parse(w.data) as { size: number; mode?: string; password?: string; public?: boolean };
        return {
          name: w.name,
          size: Math.round(z.size / GB),
          mode: z.mode ?? 'user',
          password: z.password ?? '',
          public: !!z.public,
          description: w.description ?? '',
        };
      });
    const networkName =
      (JSON.parse(d.workloads.find((w) => w.type === 'zmachine')?.data ?? '{}') as { network?: { interfaces?: { network: string }[] } })
        .network?.interfaces?.[0]?.network ?? '';
    const subnet = networkName ? await networkSubnet(ctx, contract.nodeId, networkName).catch(() => '') : '';
    const imported = stateFrom(
      // the default name is left unset, as a configuration without a name has it
      {
        id,
        node: contract.nodeId,
        name: meta.name === DEFAULT_NAME ? '' : (meta.name ?? ''),
        network_name: networkName,
        solution_type: null,
        vms,
        containers,
        disks,
        zdbs,
      },
      d,
      subnet,
    );
    return unsetWhereZero(deploymentSchema.block, imported);
  },

  /** One contract: adopted as import would when its deployment is on the node and comes up, else cancelled. */
  recover: (ctx, key) => recoverSingleContract(ctx, key, (id) => deploymentResource.import(ctx, id)),
};

/**
 * The recovery of a resource made of one node contract: adopted when the node holds its deployment
 * and every workload comes up; cancelled when the node never got it (the create was cut between
 * contract and deployment) or it failed, so the plan creates it anew.
 */
export async function recoverSingleContract(
  ctx: GridContext,
  key: string,
  adopt: (id: string) => Promise<ObjectValue>,
  alsoCancel: (c: Contract[]) => Promise<string[]> = async () => [],
): Promise<Recovered> {
  const found = await contractsWithKey(ctx, key);
  const cancel = async (why: string): Promise<Recovered> => {
    const r = await cancelAll(ctx, found, why);
    return { ...r, notes: [...r.notes, ...(await alsoCancel(found))] };
  };
  if (!found.length) return { state: null, notes: [] };
  if (found.length > 1) return cancel(`one create makes one contract, and ${found.length} carry its key`);
  const c = found[0];
  if (!(await deployedOn(ctx, c))) return cancel(`node ${c.nodeId} never got its deployment`);
  try {
    await waitReady(ctx, Number(c.nodeId), Number(c.id), 0);
  } catch (err) {
    return cancel(`its workloads did not come up (${(err as Error).message})`);
  }
  return { state: await adopt(String(c.id)), notes: [adoptedNote(found)] };
}

/**
 * An imported object as a configuration that leaves optional attributes out would have it: the
 * node holds "" or false or {} where the configuration said nothing, and the state after a
 * create holds null there, so the next plan must not see a change.
 */
function unsetWhereZero(block: ResourceSchema['block'], value: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...value };
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = out[name];
    const zero =
      v === '' ||
      v === false ||
      v === 0 ||
      (Array.isArray(v) && !v.length) ||
      (typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v) && !Object.keys(v).length);
    if (attr.optional && !attr.computed && zero) out[name] = null;
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    if (Array.isArray(out[name])) out[name] = (out[name] as ObjectValue[]).map((item) => unsetWhereZero(nested.block, item));
  }
  return out;
}

/** The subnet of `networkName` on the node, from the twin's network workload there. */
export async function networkSubnet(ctx: GridContext, nodeId: number, networkName: string): Promise<string> {
  const deployments = await (await ctx.node(nodeId)).list(ctx.twinId);
  for (const d of deployments) {
    const w = d.workloads.find((x) => x.type === 'network' && x.name === networkName && x.result?.state === 'ok');
    if (w) return String((JSON.parse(w.data) as { subnet: string }).subnet);
  }
  throw new GridError(`network ${networkName} is not deployed on node ${nodeId}: add node ${nodeId} to the nodes of that grid_network`);
}

export function vmWorkloads(vm: ObjectValue, networkName: string): node.Workload[] {
  const name = String(vm.name);
  const out: node.Workload[] = [];
  const ipName = `${name}_ip`;
  if (vm.publicip === true)
    out.push({ version: 0, name: ipName, type: 'ip', data: JSON.stringify({ v4: true, v6: false }), metadata: '', description: '' });
  const ip = typeof vm.ip === 'string' && !isUnknown(vm.ip) ? vm.ip : '';
  const data = {
    flist: vm.flist,
    network: {
      public_ip: vm.publicip === true ? ipName : '',
      planetary: vm.planetary === true,
      mycelium: myceliumOf(vm, networkName),
      interfaces: [{ network: networkName, ip }],
    },
    size: Number(vm.rootfs_size ?? 0) * MB,
    compute_capacity: { cpu: Number(vm.cpu ?? 1), memory: Number(vm.memory) * MB },
    mounts: ((vm.mounts ?? []) as ObjectValue[]).map((m) => ({ name: m.name, mountpoint: m.mount_point })),
    entrypoint: vm.entrypoint ?? '',
    env: (vm.env_vars ?? {}) as Record<string, Value>,
    corex: vm.corex === true,
    gpu: Array.isArray(vm.gpus) ? vm.gpus.map(String) : [],
  };
  out.push({ version: 0, name, type: 'zmachine', data: JSON.stringify(data), metadata: '', description: String(vm.description ?? '') });
  ((vm.zlogs ?? []) as Value[]).forEach((output, i) => {
    const zlogs = JSON.stringify({ zmachine: name, output: String(output) });
    out.push({ version: 0, name: `${name}_z${i + 1}`, type: 'zlogs', data: zlogs, metadata: '', description: '' });
  });
  return out;
}

/** A VM whose seed or planetary flag changes gets its overlay address anew at apply. */
export function overlayChanges(old: ObjectValue | undefined, vm: ObjectValue, out: ObjectValue): void {
  if (!old) return;
  if ((old.mycelium_ip_seed ?? '') !== (vm.mycelium_ip_seed ?? '')) out.mycelium_ip = Unknown;
  if ((old.planetary ?? false) !== (vm.planetary ?? false)) out.planetary_ip = Unknown;
}

/** The VM's mycelium in its network when it has a seed (the node refuses it when the network runs no mycelium there). */
function myceliumOf(vm: ObjectValue, networkName: string): { network: string; hex_seed: string } | null {
  const seed = typeof vm.mycelium_ip_seed === 'string' && !isUnknown(vm.mycelium_ip_seed) ? vm.mycelium_ip_seed : '';
  return seed ? { network: networkName, hex_seed: seed.toLowerCase() } : null;
}

/** Container workloads on the deployment's network (the node picks their addresses). */
function containerWorkloads(planned: ObjectValue, networkName: string): node.Workload[] {
  return ((planned.containers ?? []) as ObjectValue[]).map((ct) => ({
    version: 0,
    name: String(ct.name),
    type: 'container',
    metadata: '',
    description: String(ct.description ?? ''),
    data: JSON.stringify({
      flist: ct.flist,
      entrypoint: ct.entrypoint ?? '',
      env: (ct.env_vars ?? {}) as Record<string, Value>,
      mounts: ((ct.mounts ?? []) as ObjectValue[]).map((m) => ({ name: m.name, mountpoint: m.mount_point })),
      network: { interfaces: [{ network: networkName, ip: '' }] },
      compute_capacity: { cpu: Number(ct.cpu), memory: Number(ct.memory) * MB },
    }),
  }));
}

function checkMounts(c: Checks, owner: ObjectValue, at: (string | number)[], diskNames: ReadonlySet<Value | undefined>): void {
  ((Array.isArray(owner.mounts) ? owner.mounts : []) as ObjectValue[]).forEach((m, j) => {
    if (typeof m.name === 'string' && m.name !== '' && !diskNames.has(m.name)) {
      c.fail(
        [...at, 'mounts', j, 'name'],
        'Mount of a missing disk',
        `${String(owner.name)} mounts ${JSON.stringify(m.name)}, which is not a disk${at[0] === 'vms' ? ' or qsfs' : ''} ` +
          `of this deployment (${at[0] === 'vms' ? 'disks and qsfs' : 'disks'}: ${[...diskNames].join(', ') || 'none'}).`,
      );
    }
  });
}

/** Disks (zmount) and 0-db namespaces, installed before the VMs that mount them. */
function storageWorkloads(planned: ObjectValue): node.Workload[] {
  const disks = ((planned.disks ?? []) as ObjectValue[]).map((disk) => ({
    version: 0,
    name: String(disk.name),
    type: 'zmount',
    data: JSON.stringify({ size: Number(disk.size) * GB }),
    metadata: '',
    description: String(disk.description ?? ''),
  }));
  const zdbs = ((planned.zdbs ?? []) as ObjectValue[]).map((zdb) => ({
    version: 0,
    name: String(zdb.name),
    type: 'zdb',
    metadata: '',
    description: String(zdb.description ?? ''),
    data: JSON.stringify({
      size: Number(zdb.size) * GB,
      mode: zdb.mode ?? 'user',
      password: zdb.password ?? '',
      public: zdb.public === true,
    }),
  }));
  return [...disks, ...zdbs];
}

function stateFrom(base: ObjectValue, d: node.Deployment__Output, subnet: string): ObjectValue {
  const zdbs = ((base.zdbs ?? []) as ObjectValue[]).map((zdb) => {
    const r = resultOf(d, String(zdb.name));
    return { ...zdb, ips: ((r.ips ?? []) as string[]).map(String), namespace: String(r.namespace ?? ''), port: Number(r.port ?? 0) };
  });
  const vms = ((base.vms ?? []) as ObjectValue[]).map((vm) => {
    const r = resultOf(d, String(vm.name));
    const pub = vm.publicip === true ? resultOf(d, `${String(vm.name)}_ip`) : {};
    return {
      ...vm,
      ip: String(r.ip ?? ''),
      computedip: String(pub.ip ?? ''),
      computedip6: String(pub.ip6 ?? ''),
      planetary_ip: String(r.planetary_ip ?? ''),
      mycelium_ip: String(r.mycelium_ip ?? ''),
      console_url: String(r.console_url ?? ''),
    };
  });
  const containers = ((base.containers ?? []) as ObjectValue[]).map((ct) => ({ ...ct, ip: String(resultOf(d, String(ct.name)).ip ?? '') }));
  const qsfs = qsfsState(base, d);
  return { ...base, id: String(d.contractId), ip_range: subnet, vms, containers, disks: base.disks ?? [], zdbs, qsfs };
}
