// The services loaded from the generated protobufjs JSON (and, without it, from the parsed .proto
// files) must put the same bytes on the wire and hand the same objects to every client and server
// as @grpc/proto-loader with the options gridform has always used. Samples cover every message of
// every method: all fields set (64-bit numbers past 2^32, bytes, doubles, nested and repeated
// messages), each member of each oneof in turn, and the empty message (defaults filled in).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type * as protobuf from 'protobufjs';
import { grpcServices, loadProtoRoot } from '../src/grpc-services';
import { PROTO_DIR, PROTO_JSON_DIR } from '../src/load';
import { PLUGIN_PROTO_DIR, PLUGIN_PROTOCOL_JSON } from '../src/plugin-protos';

/** What every client and server was built with before the JSON: the reference. */
const PROTO_LOADER_OPTIONS = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };

type Sample = Record<string, unknown>;

const SCALARS: Record<string, unknown[]> = {
  uint64: [9_007_199_254_740_991, 2 ** 40 + 7],
  fixed64: [9_007_199_254_740_991, 2 ** 40 + 7],
  int64: [-(2 ** 40) - 3, 2 ** 50],
  sint64: [-(2 ** 40) - 3, 2 ** 50],
  sfixed64: [-(2 ** 40) - 3, 2 ** 50],
  uint32: [4_000_000_000, 1],
  fixed32: [4_000_000_000, 1],
  int32: [-123_456, 7],
  sint32: [-123_456, 7],
  sfixed32: [-123_456, 7],
  double: [52.123456789, -0.5],
  float: [1.5, -2.25],
  bool: [true, true],
  string: ['héllo ✓', 'b'],
  bytes: [Buffer.from([0, 1, 2, 255]), Buffer.from('second')],
};

function fieldValue(field: protobuf.Field, depth: number, second = false): unknown {
  const type = field.resolvedType;
  if (type && 'fieldsArray' in type) return depth > 3 ? {} : fullSamples(type as protobuf.Type, depth + 1)[0];
  if (type) {
    const names = Object.keys((type as protobuf.Enum).values);
    return names[second ? 1 : names.length - 1] ?? names[0];
  }
  const values = SCALARS[field.type];
  if (!values) throw new Error(`no sample for field type ${field.type} (${field.fullName})`);
  return values[second ? 1 : 0];
}

/** One sample per member of the widest oneof (a single sample without oneofs), every other field set. */
function fullSamples(type: protobuf.Type, depth = 0): Sample[] {
  const oneofs = type.oneofsArray.filter((o) => o.fieldsArray.length > 0);
  const count = Math.max(1, ...oneofs.map((o) => o.fieldsArray.length));
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const sample: Sample = {};
    for (const field of type.fieldsArray) {
      field.resolve();
      const oneof = field.partOf;
      if (oneof && oneof.fieldsArray[i % oneof.fieldsArray.length] !== field) continue;
      if (field.map) sample[field.name] = { k1: fieldValue(field, depth) };
      else if (field.repeated) sample[field.name] = [fieldValue(field, depth), fieldValue(field, depth, true)];
      else sample[field.name] = fieldValue(field, depth);
    }
    samples.push(sample);
  }
  return samples;
}

function servicesOf(definition: protoLoader.PackageDefinition): Record<string, grpc.ServiceDefinition> {
  const services: Record<string, grpc.ServiceDefinition> = {};
  for (const [name, value] of Object.entries(definition)) {
    if (!('format' in value)) services[name] = value as grpc.ServiceDefinition;
  }
  return services;
}

function loadedServices(root: protobuf.Root): Record<string, grpc.ServiceDefinition> {
  const services: Record<string, grpc.ServiceDefinition> = {};
  const walk = (object: grpc.GrpcObject, prefix: string) => {
    for (const [name, value] of Object.entries(object)) {
      if ('service' in value) services[prefix + name] = (value as grpc.ServiceClientConstructor).service;
      else walk(value as grpc.GrpcObject, `${prefix}${name}.`);
    }
  };
  walk(grpcServices(root), '');
  return services;
}

function expectSameConversions(
  reference: grpc.ServiceDefinition,
  candidate: grpc.ServiceDefinition,
  type: (method: string) => protobuf.Type[],
) {
  expect(Object.keys(candidate).sort()).toEqual(Object.keys(reference).sort());
  for (const [name, ref] of Object.entries(reference)) {
    const got = candidate[name];
    expect([got.path, got.requestStream, got.responseStream, got.originalName]).toEqual([
      ref.path,
      ref.requestStream,
      ref.responseStream,
      ref.originalName,
    ]);
    const [requestType, responseType] = type(name);
    const sides = [
      {
        samples: [{}, ...fullSamples(requestType)],
        ref: [ref.requestSerialize, ref.requestDeserialize],
        got: [got.requestSerialize, got.requestDeserialize],
      },
      {
        samples: [{}, ...fullSamples(responseType)],
        ref: [ref.responseSerialize, ref.responseDeserialize],
        got: [got.responseSerialize, got.responseDeserialize],
      },
    ] as const;
    for (const side of sides) {
      const [refEncode, refDecode] = side.ref as [(o: unknown) => Buffer, (b: Buffer) => unknown];
      const [gotEncode, gotDecode] = side.got as [(o: unknown) => Buffer, (b: Buffer) => unknown];
      for (const sample of side.samples) {
        const bytes = Buffer.from(refEncode(sample));
        expect(Buffer.from(gotEncode(sample))).toEqual(bytes);
        const decoded = refDecode(bytes);
        expect(decoded).toMatchObject(sample); // the sample survives the round trip: the comparison is not vacuous
        expect(gotDecode(bytes)).toStrictEqual(decoded);
      }
      expect(outcome(() => gotEncode([]))).toStrictEqual(outcome(() => refEncode([])));
      for (const garbage of GARBAGE) expect(outcome(() => gotDecode(garbage))).toStrictEqual(outcome(() => refDecode(garbage)));
    }
  }
}

/** Bytes no message decodes cleanly from: cut short, an invalid wire type, a length past the end. */
const GARBAGE = [Buffer.from([0x0a, 0x0a, 0x41]), Buffer.from([0x0f, 0x01]), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])];

/** What a call returned, or the error it threw: refusals must be the same too. */
function outcome(fn: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const CONTRACTS = [
  { name: 'chain.proto', json: path.join(PROTO_JSON_DIR, 'chain.json'), protos: [path.join(PROTO_DIR, 'chain.proto')] },
  { name: 'node.proto', json: path.join(PROTO_JSON_DIR, 'node.json'), protos: [path.join(PROTO_DIR, 'node.proto')] },
  {
    // no enum in chain.proto or node.proto: terraform's protocol has enums and google.protobuf types
    name: 'the terraform plugin protocol',
    json: PLUGIN_PROTOCOL_JSON,
    protos: [path.join(PLUGIN_PROTO_DIR, 'tfplugin6.proto'), path.join(PLUGIN_PROTO_DIR, 'go-plugin.proto')],
  },
];

describe.each(CONTRACTS)('$name loaded from protobufjs JSON', ({ json, protos }) => {
  const reference = servicesOf(protoLoader.loadSync(protos, { ...PROTO_LOADER_OPTIONS, includeDirs: [path.dirname(protos[0])] }));
  const missing = path.join(os.tmpdir(), 'gridform-no-such-definitions.json');

  it('is generated by npm run gen and read without the .proto files', () => {
    expect(fs.existsSync(json)).toBe(true);
    const fromJsonOnly = loadProtoRoot(json, path.join(os.tmpdir(), 'gridform-no-such.proto'));
    expect(Object.keys(loadedServices(fromJsonOnly)).sort()).toEqual(Object.keys(reference).sort());
  });

  it.each([
    ['the generated JSON', () => loadProtoRoot(json, protos)],
    ['the parsed .proto files (no JSON)', () => loadProtoRoot(missing, protos)],
  ])('encodes and decodes every message of every method as @grpc/proto-loader does, from %s', (_from, load) => {
    const root = load();
    const services = loadedServices(root);
    expect(Object.keys(services).sort()).toEqual(Object.keys(reference).sort());
    for (const [serviceName, ref] of Object.entries(reference)) {
      const service = root.lookupService(serviceName);
      expectSameConversions(ref, services[serviceName], (method) => [
        service.methods[method].resolvedRequestType!,
        service.methods[method].resolvedResponseType!,
      ]);
    }
  });
});

describe('chain.proto from protobufjs JSON, by example', () => {
  const root = loadProtoRoot(path.join(PROTO_JSON_DIR, 'chain.json'), path.join(PROTO_DIR, 'chain.proto'));
  const submit = loadedServices(root)['gridform.chain.Chain'].Submit;

  it('names the set member of a oneof, keeps 64-bit nonces exact as numbers and bytes as bytes', () => {
    const extrinsic = { signer: 'ab'.repeat(32), nonce: 2 ** 53 - 1, call: Buffer.from([1, 2, 3]), signature: Buffer.alloc(64, 7) };
    expect(submit.requestDeserialize(submit.requestSerialize(extrinsic))).toStrictEqual(extrinsic);
    const call = root.lookupType('gridform.chain.Call');
    const decoded = call.toObject(call.decode(call.encode(call.fromObject({ createTwin: { relay: 'r' } })).finish()), {
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    expect(decoded.call).toBe('createTwin');
    expect(decoded.createTwin).toEqual({ relay: 'r' });
  });

  it('parses a .proto edited after npm run gen instead of serving the stale JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-proto-json-'));
    try {
      const proto = path.join(dir, 'x.proto');
      const json = path.join(dir, 'x.json');
      fs.writeFileSync(json, JSON.stringify({ nested: { x: { nested: { Old: { fields: { a: { type: 'string', id: 1 } } } } } } }));
      fs.writeFileSync(proto, 'syntax = "proto3"; package x; message New { string b = 1; }');
      const later = new Date(Date.now() + 5_000);
      fs.utimesSync(proto, later, later);
      expect(loadProtoRoot(json, proto).lookup('x.New')).not.toBeNull();
      fs.utimesSync(json, later, later);
      expect(loadProtoRoot(json, proto).lookup('x.Old')).not.toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
