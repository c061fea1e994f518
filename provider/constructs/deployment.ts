// Deployment: grid_deployment, the workloads of one node contract (VMs, containers, disks, 0-db
// namespaces), as cdktf generates it; its configuration also takes `node`.
import type { Construct } from 'constructs';
import * as generated from './generated/providers/grid/deployment';
import { withNodeAttribute, type WithNode } from './node-alias';

export * from './generated/providers/grid/deployment';

export type DeploymentConfig = WithNode<generated.DeploymentConfig>;

export class Deployment extends generated.Deployment {
  constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id, withNodeAttribute(config));
  }
}
