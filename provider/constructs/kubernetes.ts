// Kubernetes: grid_kubernetes, a k3s cluster (a master and workers) on your network, as cdktf
// generates it; the master and the workers also take `node`, and the master must be given.
import type { IResolvable } from 'cdktf';
import type { Construct } from 'constructs';
import * as generated from './generated/providers/grid/kubernetes';
import { withNodeAttribute, type WithNode } from './node-alias';

export * from './generated/providers/grid/kubernetes';

/** The master or a worker (KubernetesMaster and KubernetesWorkers have the same attributes). */
export type KubernetesNode = WithNode<generated.KubernetesMaster>;
/** A reference to the master's or a worker's computed attributes (ip, computedip, ...). */
export type KubernetesNodeOutputReference = generated.KubernetesMasterOutputReference | generated.KubernetesWorkersOutputReference;

export type KubernetesConfig = Omit<generated.KubernetesConfig, 'master' | 'workers'> & {
  readonly master: KubernetesNode;
  readonly workers?: KubernetesNode[] | IResolvable;
};

export class Kubernetes extends generated.Kubernetes {
  constructor(scope: Construct, id: string, config: KubernetesConfig) {
    const { master, workers } = config;
    super(scope, id, {
      ...config,
      master: withNodeAttribute<generated.KubernetesMaster>(master),
      workers: Array.isArray(workers) ? workers.map((w: KubernetesNode) => withNodeAttribute<generated.KubernetesWorkers>(w)) : workers,
    });
  }
}
