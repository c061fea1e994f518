#!/usr/bin/env node
// Many node daemons in one process, for large local grids: `zos-sim-host --chain HOST:PORT --spec
// FILE`. The spec lists the nodes (key, farm, profile, public config) and the SQLite file they
// share; each node still has its own gRPC port and identity on chain. Prints `zos-sim node <ID>
// ready on HOST:PORT key=<KEY>` per node, then `zos-sim host ready`; SIGTERM/SIGINT stop all.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ChainClient, exitWhenWritten, quietOnClosedPipe } from '../proto';
import { CHAIN_RECONNECT_WAIT_MS, createNodeServer, type NodeServer } from './src/server/create-node-server';
import { NodeDatabase } from './src/store/node-store';
import { PROFILES } from './src/capacity';

// everything the nodes write (their store with workload secrets, logs) is their operator's alone
process.umask(0o077);

export interface HostSpec {
  /** the SQLite file the hosted nodes share */
  database: string;
  nodes: {
    key: string;
    farmId: number;
    profile: string;
    publicConfig?: { ipv4: string; gw4: string; ipv6: string; gw6: string; domain: string };
    gpus?: string[];
  }[];
  /** nodes started at once (registration waits on the chain) */
  concurrency?: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { chain: { type: 'string' }, spec: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  if (!values.chain || !values.spec) {
    process.stderr.write('usage: zos-sim-host --chain HOST:PORT --spec FILE [--host 127.0.0.1]\n');
    return 2;
  }
  const spec = JSON.parse(fs.readFileSync(values.spec, 'utf8')) as HostSpec;
  for (const n of spec.nodes) if (!(n.profile in PROFILES)) throw new Error(`node ${n.key}: unknown profile ${n.profile}`);
  const db = new NodeDatabase(spec.database);
  const chain = new ChainClient(values.chain, { awaitReconnectMs: CHAIN_RECONNECT_WAIT_MS });
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const started: NodeServer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < spec.nodes.length) {
      const n = spec.nodes[next++];
      const node = await createNodeServer({
        chainAddress: values.chain!,
        farmId: n.farmId,
        dataDir: '',
        shared: { db, key: n.key },
        chain,
        host: values.host,
        profile: n.profile as keyof typeof PROFILES,
        publicConfig: n.publicConfig,
        gpus: n.gpus,
        usagePollMs: 10_000,
        log: (l) => log(`node ${n.key}: ${l}`),
      });
      started.push(node);
      process.stdout.write(`zos-sim node ${node.nodeId} ready on ${node.address} key=${n.key}\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(spec.concurrency ?? 256, spec.nodes.length) }, worker));
  } catch (err) {
    process.stderr.write(`zos-sim-host: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`zos-sim host ready (${started.length} nodes)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void Promise.all(started.map((n) => n.stop())).then(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  chain.close();
  return 0;
}

if (require.main === module) {
  quietOnClosedPipe();
  void main().then(exitWhenWritten);
}
