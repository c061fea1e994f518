// gRPC services for @grpc/grpc-js from protobufjs JSON (written by `npm run gen`), loaded with
// protobufjs/light: no .proto parser and no @grpc/proto-loader, whose loading and parsing cost every
// process that opens a client or a server about a third of a second at start. When the JSON is
// absent (sources not generated), the .proto file is parsed instead. Either way the methods serialize
// and convert messages exactly as @grpc/proto-loader does with the same options.
import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type * as Protobuf from 'protobufjs';

/** How received messages become plain objects (@grpc/proto-loader's options, with keepCase at parse time). */
export const CONVERSION: Protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, oneofs: true };

/**
 * The types and services of .proto files: from their protobufjs JSON when it is there and not older
 * than any of them (a .proto edited since `npm run gen` is parsed, never served stale), else parsed.
 */
export function loadProtoRoot(jsonFile: string, protoFiles: string | string[]): Protobuf.Root {
  const files = typeof protoFiles === 'string' ? [protoFiles] : protoFiles;
  if (isFresh(jsonFile, files)) {
    const protobuf = require('protobufjs/light') as typeof Protobuf;
    return protobuf.Root.fromJSON(JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Protobuf.INamespace);
  }
  const protobuf = require('protobufjs') as typeof Protobuf;
  // camelCase field names, as @grpc/proto-loader's keepCase: false parses them
  return new protobuf.Root().loadSync(files, { keepCase: false });
}

function isFresh(jsonFile: string, protoFiles: string[]): boolean {
  const json = fs.statSync(jsonFile, { throwIfNoEntry: false });
  if (!json) return false;
  return protoFiles.every((file) => (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) <= json.mtimeMs);
}

/** Every service of `root` as grpc-js client constructors (each with its `.service`), by package path. */
export function grpcServices(root: Protobuf.Root): grpc.GrpcObject {
  root.resolveAll();
  const definitions: Record<string, grpc.ServiceDefinition> = {};
  for (const service of servicesOf(root)) {
    const name = service.fullName.slice(1);
    definitions[name] = serviceDefinition(service, name);
  }
  return grpc.loadPackageDefinition(definitions);
}

function servicesOf(namespace: Protobuf.NamespaceBase): Protobuf.Service[] {
  const found: Protobuf.Service[] = [];
  for (const nested of namespace.nestedArray) {
    if ('methodsArray' in nested) found.push(nested as Protobuf.Service);
    else if ('nestedArray' in nested && !('fieldsArray' in nested)) found.push(...servicesOf(nested as Protobuf.NamespaceBase));
  }
  return found;
}

function serviceDefinition(service: Protobuf.Service, name: string): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    const request = method.resolvedRequestType!;
    const response = method.resolvedResponseType!;
    definition[method.name] = {
      path: `/${name}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
      // grpc-js also names client methods by this: `client.getTwin` beside `client.GetTwin`
      originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
    };
  }
  return definition;
}

function serializer(type: Protobuf.Type): (message: object) => Buffer {
  return (message) => {
    if (Array.isArray(message))
      throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    return type.encode(type.fromObject(message)).finish() as Buffer;
  };
}

function deserializer(type: Protobuf.Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), CONVERSION);
}
