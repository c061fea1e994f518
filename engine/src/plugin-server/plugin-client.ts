// The terraform side of a plugin's start, for benchmarks and tests: starts the plugin process as
// terraform does (magic cookie, protocol versions, a client certificate), reads its handshake line,
// connects with mutual TLS and calls tfplugin6.Provider methods. Reports the process's CPU time
// (Linux /proc) at each step, which holds on a busy machine where wall time does not.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type * as Grpc from '@grpc/grpc-js';
import { makeServerCertificate } from './certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './serve';
import { loadServiceDefinitions } from './service-definitions';

export interface StartedPlugin {
  /** wall ms from spawn to the handshake line */
  readonly handshakeMs: number;
  readonly handshakeCpuMs: number;
  call(method: string, request: object): Promise<Record<string, unknown>>;
  /** the process's CPU ms so far */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface PluginCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly protoDir: string;
  readonly protocolJson?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** CPU ms (user + system) a process used so far, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function pemOf(unpaddedBase64Der: string): string {
  const padded = unpaddedBase64Der + '='.repeat((4 - (unpaddedBase64Der.length % 4)) % 4);
  return `-----BEGIN CERTIFICATE-----\n${padded.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function handshakeLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString();
      if (!text.includes('\n')) return;
      child.stdout!.off('data', onData);
      resolve(text.split('\n')[0]);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the plugin exited (${code}) before its handshake`)));
  });
}

export async function startPlugin(plugin: PluginCommand): Promise<StartedPlugin> {
  const grpc = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const client = makeServerCertificate();
  const started = process.hrtime.bigint();
  const child = spawn(plugin.command, [...plugin.args], {
    env: {
      ...process.env,
      ...plugin.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_CLIENT_CERT: client.certPem,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await handshakeLine(child);
  const handshakeMs = Number(process.hrtime.bigint() - started) / 1e6;
  const handshakeCpuMs = cpuMsOf(child.pid!);
  const [, , network, address, , cert] = line.split('|');
  const Provider = grpc.makeGenericClientConstructor(
    loadServiceDefinitions(plugin.protocolJson, plugin.protoDir)('tfplugin6.Provider'),
    'Provider',
  );
  const credentials = grpc.credentials.createSsl(Buffer.from(pemOf(cert)), Buffer.from(client.keyPem), Buffer.from(client.certPem));
  const target = network === 'unix' ? `unix://${address}` : address;
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const grpcClient = new Provider(target, credentials, options);
  const stub = grpcClient as unknown as Record<
    string,
    (request: object, done: (e: Grpc.ServiceError | null, r: Record<string, unknown>) => void) => void
  >;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    handshakeMs,
    handshakeCpuMs,
    cpuMs: () => cpuMsOf(child.pid!),
    call: (method, request) => new Promise((resolve, reject) => stub[method].call(stub, request, (e, r) => (e ? reject(e) : resolve(r)))),
    stop: async () => {
      grpcClient.close();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
