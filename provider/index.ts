// The public API of the gridform package: CDKTF constructs for the grid, and the provider
// implementation for programs that embed the engine.
export { GridProvider, type GridProviderConfig } from './constructs/grid-provider';
export { Network, type NetworkConfig } from './constructs/network';
export {
  Deployment, type DeploymentConfig, type DeploymentVms, type DeploymentVmsMounts, type DeploymentDisks, type DeploymentZdbs, type DeploymentContainers,
  DeploymentContainersList, DeploymentContainersOutputReference,
  DeploymentVmsList, DeploymentVmsOutputReference, DeploymentZdbsList, DeploymentZdbsOutputReference,
} from './constructs/deployment';
export { NameProxy, type NameProxyConfig, FqdnProxy, type FqdnProxyConfig, GatewayDomain, type GatewayDomainConfig } from './constructs/gateways';
export { Scheduler, type SchedulerConfig, type SchedulerRequests } from './constructs/scheduler';
export { Kubernetes, type KubernetesConfig, type KubernetesNode, KubernetesNodeOutputReference, KubernetesWorkersList } from './constructs/kubernetes';
export { gridProviderFactory, GridProviderImpl, GRID_PROVIDER_SOURCE } from './src/grid-provider';
