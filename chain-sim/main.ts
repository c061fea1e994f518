#!/usr/bin/env node
// chain-sim on its own: `chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
// [--billing-period-seconds 3600] [--grace-period-seconds 1209600] [--no-admin | --admin-token-file FILE]`.
// The admin service (faucet, time warp, TFT price) answers only calls carrying the credential kept
// in FILE (default DIR/admin.token, made when missing, owner-only).
// Prints `chain-sim ready on HOST:PORT` once serving; SIGTERM/SIGINT stop it cleanly.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exitWhenWritten, quietOnClosedPipe } from '../proto';
import { createServer } from './src/server/create-server';

// everything the chain writes (ledger, logs) is its operator's alone
process.umask(0o077);

const USAGE = `usage: chain-sim --data DIR [--host 127.0.0.1] [--port 9944] [--block-time-ms 0]
                 [--billing-period-seconds 3600] [--grace-period-seconds 1209600]
                 [--no-admin | --admin-token-file FILE (default DIR/admin.token)]`;

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** The admin credential kept in `file` (created with a random one, owner-only, when missing). */
function adminToken(file: string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  }
  const token = fs.readFileSync(file, 'utf8').trim();
  if (token.length < 16) throw new Error(`${file} holds no admin credential (at least 16 characters); remove it to have one made`);
  return token;
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        data: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '9944' },
        'block-time-ms': { type: 'string' },
        'billing-period-seconds': { type: 'string' },
        'grace-period-seconds': { type: 'string' },
        'no-admin': { type: 'boolean', default: false },
        'admin-token-file': { type: 'string' },
        help: { type: 'boolean', default: false },
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
    const admin = !values['no-admin'];
    options = {
      dataDir: values.data,
      host: values.host,
      port: wholeNumber('port', values.port),
      admin,
      adminToken: admin ? adminToken(values['admin-token-file'] ?? path.join(values.data, 'admin.token')) : undefined,
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
