#!/usr/bin/env node
// chain-sim on its own: `chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
// [--billing-period-seconds 3600] [--grace-period-seconds 1209600] [--no-admin]`.
// Prints `chain-sim ready on HOST:PORT` once serving; SIGTERM/SIGINT stop it cleanly.
import { createServer } from './src/server/create-server';
import { parseFlags } from './src/flags';

const USAGE = `usage: chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
                 [--billing-period-seconds 3600] [--grace-period-seconds 1209600] [--no-admin]`;

async function main(): Promise<number> {
  const parsed = parseFlags(process.argv.slice(2), {
    data: 'string', host: 'string', port: 'number', 'block-time-ms': 'number',
    'billing-period-seconds': 'number', 'grace-period-seconds': 'number', 'no-admin': 'boolean', help: 'boolean',
  });
  if (!parsed.ok) {
    process.stderr.write(`chain-sim: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const f = parsed.flags;
  if (f.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (typeof f.data !== 'string') {
    process.stderr.write(`chain-sim: --data DIR is required (the folder that keeps the ledger)\n${USAGE}\n`);
    return 2;
  }
  const server = createServer({
    dataDir: f.data,
    host: (f.host as string) ?? '127.0.0.1',
    port: (f.port as number) ?? 9944,
    admin: !f['no-admin'],
    params: {
      ...(f['block-time-ms'] !== undefined ? { blockTimeMs: f['block-time-ms'] as number } : {}),
      ...(f['billing-period-seconds'] !== undefined ? { billingPeriodSeconds: f['billing-period-seconds'] as number } : {}),
      ...(f['grace-period-seconds'] !== undefined ? { gracePeriodSeconds: f['grace-period-seconds'] as number } : {}),
    },
  });
  let address: string;
  try {
    address = await server.start();
  } catch (err) {
    process.stderr.write(`chain-sim: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`chain-sim ready on ${address}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.stop().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

main().then((code) => process.exit(code));
