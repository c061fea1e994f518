// Loads the .proto definitions once, for gRPC (servers and clients) and for plain protobuf
// encoding of the chain's signed calls. Field names are camelCase; 64-bit integers are numbers.
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import type { ProtoGrpcType as ChainGrpc } from '../generated/chain';
import type { ProtoGrpcType as NodeGrpc } from '../generated/node';

/** The folder of the .proto files, whether running from sources or from dist/. */
export const PROTO_DIR = path.resolve(__dirname, '..', 'defs').replace(`${path.sep}dist${path.sep}`, path.sep);

export const LOADER_OPTIONS: protoLoader.Options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };

let chainGrpc: ChainGrpc | undefined;
let nodeGrpc: NodeGrpc | undefined;
let chainRoot: protobuf.Root | undefined;

export function chainProto(): ChainGrpc {
  chainGrpc ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(path.join(PROTO_DIR, 'chain.proto'), LOADER_OPTIONS),
  ) as unknown as ChainGrpc;
  return chainGrpc;
}

export function nodeProto(): NodeGrpc {
  nodeGrpc ??= grpc.loadPackageDefinition(protoLoader.loadSync(path.join(PROTO_DIR, 'node.proto'), LOADER_OPTIONS)) as unknown as NodeGrpc;
  return nodeGrpc;
}

export function chainProtobufRoot(): protobuf.Root {
  chainRoot ??= protobuf.loadSync(path.join(PROTO_DIR, 'chain.proto'));
  return chainRoot;
}
