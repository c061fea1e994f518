// Deployment: grid_deployment, the workloads of one node contract: VMs, disks, 0-db namespaces.
import {
  ComplexList, ComplexObject, TerraformResource, booleanToTerraform, hashMapper, listMapper, numberToTerraform, stringToTerraform,
  type IInterpolatingParent, type TerraformMetaArguments,
} from 'cdktf';
import type { Construct } from 'constructs';

export interface DeploymentVms {
  readonly name: string;
  readonly flist: string;
  readonly cpu: number;
  /** MB */
  readonly memory: number;
  /** MB */
  readonly rootfsSize?: number;
  readonly entrypoint?: string;
  readonly envVars?: Record<string, string>;
  readonly publicip?: boolean;
  readonly publicip6?: boolean;
  readonly planetary?: boolean;
  /** a private IP in the network; the node picks one when unset */
  readonly ip?: string;
  readonly description?: string;
  /** disks of this deployment mounted into the VM */
  readonly mounts?: DeploymentVmsMounts[];
}

export interface DeploymentVmsMounts {
  /** the name of a disk of this deployment */
  readonly name: string;
  /** an absolute path in the VM */
  readonly mountPoint: string;
}

export interface DeploymentContainers {
  readonly name: string;
  readonly flist: string;
  readonly cpu: number;
  /** MB */
  readonly memory: number;
  readonly entrypoint?: string;
  readonly envVars?: Record<string, string>;
  readonly mounts?: DeploymentVmsMounts[];
  readonly description?: string;
}

export interface DeploymentDisks {
  readonly name: string;
  /** GB; a disk can grow but not shrink */
  readonly size: number;
  readonly description?: string;
}

export interface DeploymentZdbs {
  readonly name: string;
  /** GB */
  readonly size: number;
  /** user (default) or seq */
  readonly mode?: string;
  readonly password?: string;
  /** reachable on the node's public IPv6 */
  readonly public?: boolean;
  readonly description?: string;
}

export interface DeploymentConfig extends TerraformMetaArguments {
  readonly node: number;
  readonly name?: string;
  readonly solutionType?: string;
  readonly networkName?: string;
  readonly vms?: DeploymentVms[];
  readonly containers?: DeploymentContainers[];
  readonly disks?: DeploymentDisks[];
  readonly zdbs?: DeploymentZdbs[];
}

export function deploymentVmsToTerraform(vm: DeploymentVms): Record<string, unknown> {
  return {
    name: stringToTerraform(vm.name),
    flist: stringToTerraform(vm.flist),
    cpu: numberToTerraform(vm.cpu),
    memory: numberToTerraform(vm.memory),
    rootfs_size: numberToTerraform(vm.rootfsSize),
    entrypoint: stringToTerraform(vm.entrypoint),
    env_vars: hashMapper(stringToTerraform)(vm.envVars),
    publicip: booleanToTerraform(vm.publicip),
    publicip6: booleanToTerraform(vm.publicip6),
    planetary: booleanToTerraform(vm.planetary),
    ip: stringToTerraform(vm.ip),
    description: stringToTerraform(vm.description),
    mounts: listMapper(mountToTerraform, true)(vm.mounts),
  };
}

function mountToTerraform(m: DeploymentVmsMounts): Record<string, unknown> {
  return { name: stringToTerraform(m.name), mount_point: stringToTerraform(m.mountPoint) };
}

export function deploymentContainersToTerraform(c: DeploymentContainers): Record<string, unknown> {
  return {
    name: stringToTerraform(c.name), flist: stringToTerraform(c.flist), cpu: numberToTerraform(c.cpu), memory: numberToTerraform(c.memory),
    entrypoint: stringToTerraform(c.entrypoint), env_vars: hashMapper(stringToTerraform)(c.envVars), mounts: listMapper(mountToTerraform, true)(c.mounts),
    description: stringToTerraform(c.description),
  };
}

/** One container of a deployment, for references to its address. */
export class DeploymentContainersOutputReference extends ComplexObject {
  constructor(parent: IInterpolatingParent, attribute: string, index: number, fromSet: boolean) {
    super(parent, attribute, fromSet, index);
  }
  get name(): string {
    return this.getStringAttribute('name');
  }
  /** the private IP in the network */
  get ip(): string {
    return this.getStringAttribute('ip');
  }
}

export class DeploymentContainersList extends ComplexList {
  internalValue?: DeploymentContainers[];
  constructor(parent: IInterpolatingParent, attribute: string, wrapsSet: boolean) {
    super(parent, attribute, wrapsSet);
  }
  get(index: number): DeploymentContainersOutputReference {
    return new DeploymentContainersOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

export function deploymentDisksToTerraform(d: DeploymentDisks): Record<string, unknown> {
  return { name: stringToTerraform(d.name), size: numberToTerraform(d.size), description: stringToTerraform(d.description) };
}

export function deploymentZdbsToTerraform(z: DeploymentZdbs): Record<string, unknown> {
  return {
    name: stringToTerraform(z.name), size: numberToTerraform(z.size), mode: stringToTerraform(z.mode), password: stringToTerraform(z.password),
    public: booleanToTerraform(z.public), description: stringToTerraform(z.description),
  };
}

/** One 0-db namespace of a deployment, for references to what the node made of it. */
export class DeploymentZdbsOutputReference extends ComplexObject {
  constructor(parent: IInterpolatingParent, attribute: string, index: number, fromSet: boolean) {
    super(parent, attribute, fromSet, index);
  }
  get name(): string {
    return this.getStringAttribute('name');
  }
  get namespace(): string {
    return this.getStringAttribute('namespace');
  }
  get ips(): string[] {
    return this.getListAttribute('ips');
  }
  get port(): number {
    return this.getNumberAttribute('port');
  }
}

export class DeploymentZdbsList extends ComplexList {
  internalValue?: DeploymentZdbs[];
  constructor(parent: IInterpolatingParent, attribute: string, wrapsSet: boolean) {
    super(parent, attribute, wrapsSet);
  }
  get(index: number): DeploymentZdbsOutputReference {
    return new DeploymentZdbsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/** One VM of a deployment, for references to its computed attributes. */
export class DeploymentVmsOutputReference extends ComplexObject {
  constructor(parent: IInterpolatingParent, attribute: string, index: number, fromSet: boolean) {
    super(parent, attribute, fromSet, index);
  }
  get name(): string {
    return this.getStringAttribute('name');
  }
  /** the private IP in the network */
  get ip(): string {
    return this.getStringAttribute('ip');
  }
  /** the public IPv4, with its prefix */
  get computedip(): string {
    return this.getStringAttribute('computedip');
  }
  get computedip6(): string {
    return this.getStringAttribute('computedip6');
  }
  get planetaryIp(): string {
    return this.getStringAttribute('planetary_ip');
  }
  get myceliumIp(): string {
    return this.getStringAttribute('mycelium_ip');
  }
  get consoleUrl(): string {
    return this.getStringAttribute('console_url');
  }
}

export class DeploymentVmsList extends ComplexList {
  internalValue?: DeploymentVms[];
  constructor(parent: IInterpolatingParent, attribute: string, wrapsSet: boolean) {
    super(parent, attribute, wrapsSet);
  }
  get(index: number): DeploymentVmsOutputReference {
    return new DeploymentVmsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

export class Deployment extends TerraformResource {
  static readonly tfResourceType = 'grid_deployment';
  private readonly cfg: DeploymentConfig;
  private readonly _vms = new DeploymentVmsList(this, 'vms', false);
  private readonly _zdbs = new DeploymentZdbsList(this, 'zdbs', false);
  private readonly _containers = new DeploymentContainersList(this, 'containers', false);

  constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id, {
      terraformResourceType: 'grid_deployment',
      terraformGeneratorMetadata: { providerName: 'grid', providerVersion: '0.1.0' },
      provider: config.provider, dependsOn: config.dependsOn, count: config.count, lifecycle: config.lifecycle, forEach: config.forEach,
    });
    this.cfg = config;
    this._vms.internalValue = config.vms;
    this._zdbs.internalValue = config.zdbs;
    this._containers.internalValue = config.containers;
  }

  get containers(): DeploymentContainersList {
    return this._containers;
  }

  get zdbs(): DeploymentZdbsList {
    return this._zdbs;
  }

  /** the node contract id */
  get id(): string {
    return this.getStringAttribute('id');
  }
  /** the node id (named as cdktf's generated bindings name it, since `node` is the construct tree node) */
  get nodeAttribute(): number {
    return this.getNumberAttribute('node');
  }
  get ipRange(): string {
    return this.getStringAttribute('ip_range');
  }
  get vms(): DeploymentVmsList {
    return this._vms;
  }
  putVms(value: DeploymentVms[]): void {
    this._vms.internalValue = value;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      node: numberToTerraform(this.cfg.node),
      name: stringToTerraform(this.cfg.name),
      solution_type: stringToTerraform(this.cfg.solutionType),
      network_name: stringToTerraform(this.cfg.networkName),
      vms: listMapper(deploymentVmsToTerraform, true)(this._vms.internalValue),
      containers: listMapper(deploymentContainersToTerraform, true)(this._containers.internalValue),
      disks: listMapper(deploymentDisksToTerraform, true)(this.cfg.disks),
      zdbs: listMapper(deploymentZdbsToTerraform, true)(this._zdbs.internalValue),
    };
  }
}
