#!/usr/bin/env node
// chain-sim on its own: `chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
// [--billing-period-seconds 3600] [--grace-period-seconds 1209600] [--no-admin]`.
// Prints `chain-sim ready on HOST:PORT` once serving; SIGTERM/SIGINT stop it cleanly.
import { parseArgs } from 'node:util';
import { exitWhenWritten, quietOnClosedPipe } from '../proto';
import { createServer } from './src/server/create-server';

const USAGE = `usage: chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
                 [--billing-period-seconds 3600] [--grace-period-seconds 1209600] [--no-admin]`;

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
        data: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '9944' },
        'block-time-ms': { type: 'string' }, 'billing-period-seconds': { type: 'string' }, 'grace-period-seconds': { type: 'string' },
        'no-admin': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!values.data) throw new Error('--data DIR is required (the folder that keeps the ledger)');
    const params = {
      blockTimeMs: wholeNumber('block-time-ms', values['block-time-ms']),
      billingPeriodSeconds: wholeNumber('billing-period-seconds', values['billing-period-seconds']),
      gracePeriodSeconds: wholeNumber('grace-period-seconds', values['grace-period-seconds']),
    };
    options = {
      dataDir: values.data, host: values.host, port: wholeNumber('port', values.port), admin: !values['no-admin'],
      params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
    };
  } catch (err) {
    process.stderr.write(`chain-sim: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const server = createServer(options);
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

quietOnClosedPipe();
void main().then(exitWhenWritten);
