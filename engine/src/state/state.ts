// State in Terraform's v4 format, and the in-memory view the engine works with: resources with
// their instances (one without a key, or one per count index or for_each key), plus deposed
// objects left by a create_before_destroy replacement that has not finished.
import { randomUUID } from 'node:crypto';
import type { ObjectValue } from '../provider/interface';
import type { AttributePath } from '../values';
import { instanceAddress, moduleOf, parseInstanceAddress, type InstanceKey } from '../addresses/address';

export const ENGINE_TERRAFORM_VERSION = '1.11.0';

export interface StateInstance {
  index_key?: number | string;
  /** set on an object replaced by create_before_destroy and not yet destroyed */
  deposed?: string;
  schema_version: number;
  attributes: ObjectValue;
  sensitive_attributes: unknown[];
  private?: string;
  dependencies?: string[];
  /** set when the instance exists but its creation did not finish (Terraform's "tainted") */
  status?: 'tainted';
}

export interface StateResource {
  /** the module instance it belongs to (module.net["eu"]), absent at the root, as terraform writes it */
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider: string;
  instances: StateInstance[];
}

export type ResourceMeta = Omit<StateResource, 'instances'>;

export interface StateOutput {
  value: unknown;
  type: unknown;
  sensitive?: boolean;
}

export interface StateFile {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, StateOutput>;
  resources: StateResource[];
  check_results: null;
}

export function emptyState(): StateFile {
  return {
    version: 4,
    terraform_version: ENGINE_TERRAFORM_VERSION,
    serial: 0,
    lineage: randomUUID(),
    outputs: {},
    resources: [],
    check_results: null,
  };
}

export function addressOf(r: Pick<StateResource, 'mode' | 'type' | 'name' | 'module'>): string {
  const local = r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
  return r.module ? `${r.module}.${local}` : local;
}

/** The address of one object: the instance address, plus the deposed key when it is deposed. */
export function objectKey(address: string, deposed?: string): string {
  return deposed ? `${address} (deposed object ${deposed})` : address;
}

export interface DeposedObject {
  readonly address: string;
  readonly resource: StateResource;
  readonly instance: StateInstance;
}

/** A working copy of the state, indexed by resource and by object, that keeps the file's order. */
export class StateView {
  private readonly byResource = new Map<string, StateResource>();
  private readonly byObject = new Map<string, StateInstance>();

  constructor(readonly file: StateFile) {
    for (const r of file.resources) {
      const address = addressOf(r);
      this.byResource.set(address, r);
      for (const inst of r.instances) this.byObject.set(objectKey(instanceAddress(address, inst.index_key), inst.deposed), inst);
    }
  }

  resource(address: string): StateResource | undefined {
    return this.byResource.get(address);
  }

  resources(): StateResource[] {
    return this.file.resources;
  }

  /** The current (not deposed) object at an instance address. */
  instance(address: string): StateInstance | undefined {
    return this.byObject.get(address);
  }

  /** Addresses of every current instance, in file order. */
  instanceAddresses(): string[] {
    const out: string[] = [];
    for (const r of this.file.resources) for (const i of r.instances) if (!i.deposed) out.push(instanceAddress(addressOf(r), i.index_key));
    return out;
  }

  deposedObjects(): DeposedObject[] {
    const out: DeposedObject[] = [];
    for (const r of this.file.resources)
      for (const i of r.instances)
        if (i.deposed) out.push({ address: instanceAddress(addressOf(r), i.index_key), resource: r, instance: i });
    return out;
  }

  /** Sets the object at `address` (an instance address); meta describes its resource. */
  setInstance(meta: ResourceMeta, address: string, inst: StateInstance): void {
    const { resource, key } = parse(address);
    let r = this.byResource.get(resource);
    if (!r) {
      // the module comes from the address, so every caller that names an address in a module gets terraform's shape
      const { module: _given, ...rest } = meta;
      const module = moduleOf(resource);
      r = { ...(module ? { module } : {}), ...rest, instances: [] };
      this.file.resources.push(r);
      this.byResource.set(resource, r);
    } else r.provider = meta.provider;
    // the key comes from the address: an object moved from another instance carries its old one
    const { index_key: _old, ...rest } = inst;
    const stored: StateInstance = key === undefined ? rest : { index_key: key, ...rest };
    const id = objectKey(address, stored.deposed);
    const existing = this.byObject.get(id);
    if (existing) r.instances[r.instances.indexOf(existing)] = stored;
    else r.instances.push(stored);
    this.byObject.set(id, stored);
  }

  /** Removes one object; the resource goes when its last object does. */
  removeInstance(address: string, deposed?: string): void {
    const id = objectKey(address, deposed);
    const inst = this.byObject.get(id);
    if (!inst) return;
    this.byObject.delete(id);
    const resource = parse(address).resource;
    const r = this.byResource.get(resource)!;
    r.instances.splice(r.instances.indexOf(inst), 1);
    if (!r.instances.length) {
      this.byResource.delete(resource);
      this.file.resources.splice(this.file.resources.indexOf(r), 1);
    }
  }

  /** Marks the current object at `address` deposed, returning its deposed key. */
  depose(address: string): string | undefined {
    const inst = this.byObject.get(address);
    if (!inst) return undefined;
    const key = randomUUID().slice(0, 8);
    this.byObject.delete(address);
    inst.deposed = key;
    this.byObject.set(objectKey(address, key), inst);
    return key;
  }
}

function parse(address: string): { resource: string; key: InstanceKey } {
  const a = parseInstanceAddress(address);
  if (!a) throw new Error(`malformed instance address ${address}`);
  return a;
}

/** sensitive_attributes in the v4 shape: a list of paths, each a list of get_attr/index steps. */
export function sensitivePaths(paths: AttributePath[]): unknown[] {
  return paths.map((p) =>
    p.map((step) =>
      typeof step === 'number' ? { type: 'index', value: { value: step, type: 'number' } } : { type: 'get_attr', value: step },
    ),
  );
}
