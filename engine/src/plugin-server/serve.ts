// Serves a provider as a terraform plugin: go-plugin's handshake (the magic cookie terraform sets,
// one line on stdout naming the address and the server certificate), mutual TLS with the client
// certificate terraform passes, tfplugin6.Provider, GRPCController.Shutdown and GRPCStdio. The
// process ignores SIGINT: Ctrl-C reaches every process of the group, and terraform then calls
// StopProvider, which lets running changes finish so what they made is recorded.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Grpc from '@grpc/grpc-js';
import type { Provider } from '../provider/interface';
import { makeServerCertificate } from './certificate';
import { loadServiceDefinitions } from './service-definitions';
import { providerService } from './provider-service';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const CORE_PROTOCOL_VERSION = 1;
const APP_PROTOCOL_VERSION = 6;

export interface ServeOptions {
  /** the folder with tfplugin6.proto and go-plugin.proto */
  readonly protoDir: string;
  /** the same as protobufjs JSON, which loads faster; the .proto files are parsed when it is absent */
  readonly protocolJson?: string;
  /** the provider's name, for the message shown when someone runs the binary by hand */
  readonly name: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** where the handshake line goes (stdout) */
  readonly out?: (line: string) => void;
}

export interface RunningPlugin {
  readonly address: string;
  /** resolves when terraform asked the plugin to shut down (or `stop` was called) */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** The message for a person who started the plugin binary by hand; undefined when terraform started it. */
export function notStartedByTerraform(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) return undefined;
  return (
    `${name} is a terraform plugin: terraform starts it, it is not meant to be run by hand.\n` +
    `Install it with \`gridform provider install\`, then run terraform init / plan / apply in a folder\n` +
    `whose configuration says required_providers { grid = { source = "threefoldtech/grid" } }.\n`
  );
}

/** Which protocol versions terraform offered must include 6. */
function protocolProblem(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(',').map((v) => v.trim());
  if (offered.includes(String(APP_PROTOCOL_VERSION))) return undefined;
  const speaks = `This provider speaks plugin protocol ${APP_PROTOCOL_VERSION}`;
  return `${speaks}; terraform offered ${offered.join(', ')} (terraform 1.0 or newer speaks 6).`;
}

/**
 * `provider` may be a function that makes it: it is then called on the first RPC, after the
 * handshake, so terraform is not kept waiting while the provider's modules load.
 */
export async function servePlugin(provider: Provider | (() => Provider), options: ServeOptions): Promise<RunningPlugin> {
  const env = options.env ?? process.env;
  const problem = protocolProblem(env);
  if (problem) throw new Error(problem);
  // loaded here, not at the top: `--help` and the hand-run message stay fast
  const grpc = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const services = loadServiceDefinitions(options.protocolJson, options.protoDir);

  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const server = new grpc.Server();
  let made: Provider | undefined;
  const theProvider = () => (made ??= typeof provider === 'function' ? provider() : provider);
  const service = providerService(theProvider);
  const implementation: Record<string, Grpc.handleUnaryCall<unknown, unknown>> = {};
  for (const [method, handler] of Object.entries(service.handlers)) {
    implementation[method] = (call, callback) => {
      handler(call.request as Record<string, unknown>).then(
        (response) => callback(null, response),
        (err: Error) => callback({ code: grpc.status.INTERNAL, details: `${method}: ${err.message}` }),
      );
    };
  }
  server.addService(services('tfplugin6.Provider'), implementation);
  server.addService(services('plugin.GRPCController'), {
    Shutdown: (_call: unknown, callback: (e: null, r: object) => void) => {
      callback(null, {});
      setImmediate(finish);
    },
  });
  // nothing is streamed: the plugin's stderr goes to terraform's log as it is
  const stdioStreams = new Set<Grpc.ServerWritableStream<unknown, unknown>>();
  server.addService(services('plugin.GRPCStdio'), {
    StreamStdio: (call: Grpc.ServerWritableStream<unknown, unknown>) => {
      stdioStreams.add(call);
      call.on('cancelled', () => stdioStreams.delete(call));
    },
  });

  const clientCert = env.TF_DISABLE_PLUGIN_TLS ? undefined : env.PLUGIN_CLIENT_CERT;
  let credentials = grpc.ServerCredentials.createInsecure();
  let handshakeCert = '';
  if (clientCert) {
    const cert = makeServerCertificate();
    handshakeCert = cert.handshakeCert;
    credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true,
    );
  }

  const socketDir = fs.mkdtempSync(path.join(env.TMPDIR ?? os.tmpdir(), 'plugin'));
  const socket = path.join(socketDir, 'plugin.sock');
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, credentials, (err) => (err ? reject(err) : resolve())));
  const removeSocket = () => fs.rmSync(socketDir, { recursive: true, force: true });
  process.on('exit', removeSocket);

  const line = `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${socket}|grpc|${handshakeCert}\n`;
  (options.out ?? ((l: string) => process.stdout.write(l)))(line);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= shutDown());
  const shutDown = async () => {
    for (const call of stdioStreams) call.end();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    server.forceShutdown();
    await made?.close?.();
    removeSocket();
    finish();
  };
  void done.then(() => stop());
  // terraform ends a provider with Shutdown, else SIGKILL; a plain kill still removes the socket
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  return { address: socket, done, stop };
}
