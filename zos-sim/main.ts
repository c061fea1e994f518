#!/usr/bin/env node
// A node daemon on its own: `zos-sim --chain HOST:PORT --farm ID --data DIR [--host 127.0.0.1]
// [--port 0] [--profile small|medium|large]`. Prints `zos-sim node <ID> ready on HOST:PORT` once it
// is registered on chain and serving; SIGTERM/SIGINT stop it cleanly.
import { parseArgs } from 'node:util';
import { createNodeServer } from './src/server/create-node-server';
import { PROFILES } from './src/capacity';

const USAGE = 'usage: zos-sim --chain HOST:PORT --farm ID --data DIR [--host 127.0.0.1] [--port 0] [--profile small|medium|large]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        chain: { type: 'string' }, farm: { type: 'string' }, data: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' }, profile: { type: 'string', default: 'medium' }, help: { type: 'boolean', default: false },
      },
    }));
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!values.chain || !/^[^\s:]+:\d+$/.test(values.chain)) throw new Error('--chain HOST:PORT of the chain is required');
    if (!values.farm || !/^\d+$/.test(values.farm)) throw new Error('--farm ID (the farm this node belongs to) is required');
    if (!values.data) throw new Error('--data DIR is required (the folder that keeps the node identity and deployments)');
    if (!/^\d+$/.test(values.port!)) throw new Error(`--port must be a whole number, not ${JSON.stringify(values.port)}`);
    if (!(values.profile! in PROFILES)) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  } catch (err) {
    process.stderr.write(`zos-sim: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  let node;
  try {
    node = await createNodeServer({
      chainAddress: values.chain, farmId: Number(values.farm), dataDir: values.data, host: values.host, port: Number(values.port),
      profile: values.profile as keyof typeof PROFILES, log,
    });
  } catch (err) {
    process.stderr.write(`zos-sim: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`zos-sim node ${node.nodeId} ready on ${node.address}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void node.stop().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

main().then((code) => process.exit(code));
