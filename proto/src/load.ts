// Loads the chain's and the node's definitions once, for gRPC (servers and clients) and for plain
// protobuf encoding of the chain's signed calls. Field names are camelCase; 64-bit integers are
// numbers. They come from the protobufjs JSON `npm run gen` writes, else from the .proto files.
import * as path from 'node:path';
import type * as protobuf from 'protobufjs';
import type { ProtoGrpcType as ChainGrpc } from '../generated/chain';
import type { ProtoGrpcType as NodeGrpc } from '../generated/node';
import { grpcServices, loadProtoRoot } from './grpc-services';

/** The folder of the .proto files, whether running from sources or from dist/. */
export const PROTO_DIR = path.resolve(__dirname, '..', 'defs').replace(`${path.sep}dist${path.sep}`, path.sep);
/** The folder of the generated protobufjs JSON (chain.json, node.json), from sources or from dist/. */
export const PROTO_JSON_DIR = path.resolve(__dirname, '..', 'generated').replace(`${path.sep}dist${path.sep}`, path.sep);

/** The services only: message types are not needed to serve or call them. */
export type ChainServices = { gridform: { chain: Pick<ChainGrpc['gridform']['chain'], 'Chain' | 'ChainAdmin'> } };
export type NodeServices = { gridform: { node: Pick<NodeGrpc['gridform']['node'], 'Node'> } };

let chainServices: ChainServices | undefined;
let nodeServices: NodeServices | undefined;
let chainRoot: protobuf.Root | undefined;
let nodeRoot: protobuf.Root | undefined;

export function chainProto(): ChainServices {
  chainServices ??= grpcServices(chainProtobufRoot()) as unknown as ChainServices;
  return chainServices;
}

export function nodeProto(): NodeServices {
  nodeRoot ??= loadProtoRoot(path.join(PROTO_JSON_DIR, 'node.json'), path.join(PROTO_DIR, 'node.proto'));
  nodeServices ??= grpcServices(nodeRoot) as unknown as NodeServices;
  return nodeServices;
}

export function chainProtobufRoot(): protobuf.Root {
  chainRoot ??= loadProtoRoot(path.join(PROTO_JSON_DIR, 'chain.json'), path.join(PROTO_DIR, 'chain.proto'));
  return chainRoot;
}
