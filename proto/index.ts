// proto/: the wire contract shared by the chain, the nodes and the provider. Imports nothing else of ours.
export * from './src/keys';
export * from './src/overlay-addresses';
export * from './src/gateway-backends';
export * from './src/canonical-json';
export * from './src/deployment';
export * from './src/units';
export * from './src/extrinsic';
export * from './src/load';
export * from './src/rpc';
export * from './src/chain-client';
export * from './src/node-client';
export * from './src/call-auth';
export * from './src/types';
export * from './src/ready-line';
export * from './src/exit';
export * from './src/undecodable-requests';
