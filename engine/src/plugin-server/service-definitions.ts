// gRPC service definitions for @grpc/grpc-js from the protocol's protobufjs JSON, loaded with
// protobufjs/light (no .proto parser, no descriptor extension: what @grpc/proto-loader would
// add costs about 100 ms of start-up in each of the 3-4 provider processes of a terraform command).
// Messages as plain objects: camelCase fields, 64-bit integers as numbers, enums as names,
// defaults filled in, the set field of a oneof named.
import * as fs from 'node:fs';
import type * as Grpc from '@grpc/grpc-js';
import type * as Protobuf from 'protobufjs';

const CONVERSION = { longs: Number, enums: String, defaults: true, oneofs: true };

export type ServiceDefinitions = (name: string) => Grpc.ServiceDefinition;

/** `protocolJson`: protobufjs JSON; else the .proto files in `protoDir` are parsed (slower). */
export function loadServiceDefinitions(protocolJson: string | undefined, protoDir: string): ServiceDefinitions {
  let root: Protobuf.Root;
  if (protocolJson && fs.existsSync(protocolJson)) {
    const protobuf = require('protobufjs/light') as typeof Protobuf;
    root = protobuf.Root.fromJSON(JSON.parse(fs.readFileSync(protocolJson, 'utf8')) as Protobuf.INamespace);
  } else {
    const protobuf = require('protobufjs') as typeof Protobuf;
    root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (fs.existsSync(`${protoDir}/${target}`) ? `${protoDir}/${target}` : target);
    root.loadSync(['tfplugin6.proto', 'go-plugin.proto'], { keepCase: false });
  }
  return (name) => {
    const service = root.lookupService(name);
    const definition: Record<string, Grpc.MethodDefinition<object, object>> = {};
    for (const method of service.methodsArray) {
      method.resolve();
      const request = method.resolvedRequestType!;
      const response = method.resolvedResponseType!;
      definition[method.name] = {
        path: `/${name}/${method.name}`,
        requestStream: !!method.requestStream,
        responseStream: !!method.responseStream,
        requestSerialize: (o: object) => Buffer.from(request.encode(request.fromObject(o)).finish()),
        requestDeserialize: (b: Buffer) => request.toObject(request.decode(b), CONVERSION),
        responseSerialize: (o: object) => Buffer.from(response.encode(response.fromObject(o)).finish()),
        responseDeserialize: (b: Buffer) => response.toObject(response.decode(b), CONVERSION),
        originalName: method.name,
      };
    }
    return definition;
  };
}
