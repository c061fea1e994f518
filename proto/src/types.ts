// The wire types generated from defs/: `chain.Contract__Output`, `node.Deployment`, ...
// (`X` is what a sender may pass, `X__Output` what a receiver gets, with defaults filled in).
export type * as chain from '../generated/chain-types';
export type * as node from '../generated/node-types';
