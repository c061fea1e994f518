// Kubernetes: grid_kubernetes, a k3s cluster (a master and workers) on your network.
import { ComplexList, ComplexObject, TerraformResource, booleanToTerraform, listMapper, numberToTerraform, stringToTerraform, type IInterpolatingParent, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

export interface KubernetesNode {
  readonly name: string;
  readonly node: number;
  readonly cpu: number;
  /** MB */
  readonly memory: number;
  /** GB, the data disk of k3s */
  readonly diskSize: number;
  readonly publicip?: boolean;
  readonly planetary?: boolean;
  /** default: the k3s flist */
  readonly flist?: string;
  readonly description?: string;
}

export interface KubernetesConfig extends TerraformMetaArguments {
  readonly networkName: string;
  readonly token: string;
  readonly sshKey?: string;
  readonly solutionType?: string;
  readonly master: KubernetesNode;
  readonly workers?: KubernetesNode[];
}

function nodeToTerraform(n: KubernetesNode): Record<string, unknown> {
  return {
    name: stringToTerraform(n.name), node: numberToTerraform(n.node), cpu: numberToTerraform(n.cpu), memory: numberToTerraform(n.memory), disk_size: numberToTerraform(n.diskSize),
    publicip: booleanToTerraform(n.publicip), planetary: booleanToTerraform(n.planetary), flist: stringToTerraform(n.flist), description: stringToTerraform(n.description),
  };
}

/** The master or a worker, for references to its addresses. */
export class KubernetesNodeOutputReference extends ComplexObject {
  constructor(parent: IInterpolatingParent, attribute: string, index?: number) {
    super(parent, attribute, false, index);
  }
  get name(): string {
    return this.getStringAttribute('name');
  }
  get ip(): string {
    return this.getStringAttribute('ip');
  }
  get computedip(): string {
    return this.getStringAttribute('computedip');
  }
  get planetaryIp(): string {
    return this.getStringAttribute('planetary_ip');
  }
  get consoleUrl(): string {
    return this.getStringAttribute('console_url');
  }
}

export class KubernetesWorkersList extends ComplexList {
  constructor(parent: IInterpolatingParent, attribute: string) {
    super(parent, attribute, false);
  }
  get(index: number): KubernetesNodeOutputReference {
    return new KubernetesNodeOutputReference(this.terraformResource, this.terraformAttribute, index);
  }
}

export class Kubernetes extends TerraformResource {
  static readonly tfResourceType = 'grid_kubernetes';
  private readonly _master = new KubernetesNodeOutputReference(this, 'master');
  private readonly _workers = new KubernetesWorkersList(this, 'workers');

  constructor(scope: Construct, id: string, private readonly cfg: KubernetesConfig) {
    super(scope, id, {
      terraformResourceType: 'grid_kubernetes', terraformGeneratorMetadata: { providerName: 'grid', providerVersion: '0.1.0' },
      provider: cfg.provider, dependsOn: cfg.dependsOn, count: cfg.count, lifecycle: cfg.lifecycle, forEach: cfg.forEach,
    });
  }
  /** the master's node contract id */
  get id(): string {
    return this.getStringAttribute('id');
  }
  get master(): KubernetesNodeOutputReference {
    return this._master;
  }
  get workers(): KubernetesWorkersList {
    return this._workers;
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      network_name: stringToTerraform(this.cfg.networkName), token: stringToTerraform(this.cfg.token), ssh_key: stringToTerraform(this.cfg.sshKey),
      solution_type: stringToTerraform(this.cfg.solutionType), master: nodeToTerraform(this.cfg.master), workers: listMapper(nodeToTerraform, true)(this.cfg.workers),
    };
  }
}
