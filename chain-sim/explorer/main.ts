#!/usr/bin/env node
// The explorer on its own: `explorer --chain-data DIR [--host 127.0.0.1] [--port 8080]
// [--probe-interval-ms 10000]`. Reads the chain's ledger in DIR (read-only), asks the nodes it
// names over gRPC, serves Grid Proxy's API and the page. Prints `explorer ready on http://HOST:PORT`
// once serving; SIGTERM/SIGINT stop it.
import { parseArgs } from 'node:util';
import { exitWhenWritten, quietOnClosedPipe } from '../../proto';
import { createExplorerServer } from './src/server';

const USAGE = 'usage: explorer --chain-data DIR [--host 127.0.0.1] [--port 8080] [--probe-interval-ms 10000]';

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        'chain-data': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        'probe-interval-ms': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) return (process.stdout.write(USAGE + '\n'), 0);
    if (!values['chain-data']) throw new Error("--chain-data DIR is required (the chain's data folder, with chain.sqlite)");
    options = {
      chainDataDir: values['chain-data'],
      host: values.host,
      port: wholeNumber('port', values.port),
      probeIntervalMs: wholeNumber('probe-interval-ms', values['probe-interval-ms']),
    };
  } catch (err) {
    process.stderr.write(`explorer: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let server;
  try {
    server = createExplorerServer(options);
    process.stdout.write(`explorer ready on ${await server.start()}\n`);
  } catch (err) {
    process.stderr.write(`explorer: ${(err as Error).message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => void server.stop().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

quietOnClosedPipe();
void main().then(exitWhenWritten);
