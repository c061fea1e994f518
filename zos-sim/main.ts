#!/usr/bin/env node
// A node daemon on its own: `zos-sim --chain HOST:PORT --farm ID --data DIR [options]`. Prints
// `zos-sim node <ID> ready on HOST:PORT` once it is registered on chain and serving;
// SIGTERM/SIGINT stop it cleanly. Options for gateways (--domain, --public-ipv4), for simulated
// time (--provision-ms, --flist-ms-per-mib, --slow) and for failures on purpose (--fail,
// --crash-after-deploys).
import { parseArgs } from 'node:util';
import { createNodeServer } from './src/server/create-node-server';
import { PROFILES } from './src/capacity';
import { parseFailSpec } from './src/faults';
import { exitWhenWritten, quietOnClosedPipe } from '../proto';
import { FIRST_VERSION, typesOf, unknownVersion } from './src/versions';
import { restoreSummary } from './src/restore';

// everything a node writes (its store with workload secrets, logs) is its operator's alone
process.umask(0o077);

const USAGE = `usage: zos-sim --chain HOST:PORT --farm ID --data DIR [--host 127.0.0.1] [--port 0] [--profile small|medium|large]
  [--zos-version V]                                      the software version (default: the one it ran last, else ${FIRST_VERSION})
  [--domain gw1.example.net --public-ipv4 CIDR --gw4 IP [--public-ipv6 CIDR --gw6 IP]]   a gateway node
  [--provision-ms TYPE=MS,...] [--flist-ms-per-mib N] [--slow FACTOR]                   simulated time
  [--fail name=NAME,type=TYPE,p=0.5 ...] [--crash-after-deploys N]                      failures on purpose
  [--gpu 0000:0e:00.0/1002/744c ...]                                                    GPUs (pci slot/vendor/device)`;

function perType(spec: string | undefined): Record<string, number> | undefined {
  if (!spec) return undefined;
  return Object.fromEntries(
    spec.split(',').map((kv) => {
      const [k, v] = kv.split('=');
      if (!k || !/^\d+$/.test(v ?? '')) throw new Error(`--provision-ms ${spec}: use TYPE=MS,TYPE=MS`);
      return [k, Number(v)];
    }),
  );
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        chain: { type: 'string' },
        farm: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        profile: { type: 'string', default: 'medium' },
        help: { type: 'boolean', default: false },
        domain: { type: 'string' },
        'public-ipv4': { type: 'string' },
        gw4: { type: 'string' },
        'public-ipv6': { type: 'string' },
        gw6: { type: 'string' },
        'provision-ms': { type: 'string' },
        'flist-ms-per-mib': { type: 'string' },
        slow: { type: 'string' },
        fail: { type: 'string', multiple: true },
        'crash-after-deploys': { type: 'string' },
        'zos-version': { type: 'string' },
        gpu: { type: 'string', multiple: true },
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
    if (values['zos-version'] !== undefined && !typesOf(values['zos-version'])) throw new Error(unknownVersion(values['zos-version']));
    if (values.domain && !values['public-ipv4']) throw new Error('--domain makes a gateway node, which needs --public-ipv4 CIDR too');
  } catch (err) {
    process.stderr.write(`zos-sim: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  let node;
  try {
    node = await createNodeServer({
      chainAddress: values.chain,
      farmId: Number(values.farm),
      dataDir: values.data,
      host: values.host,
      port: Number(values.port),
      profile: values.profile as keyof typeof PROFILES,
      log,
      version: values['zos-version'],
      gpus: values.gpu ?? [],
      provisionDelayMs: perType(values['provision-ms']),
      timing: { flistMsPerMiB: Number(values['flist-ms-per-mib'] ?? 0), slowFactor: Number(values.slow ?? 1) },
      faults: {
        failWorkloads: (values.fail ?? []).map(parseFailSpec),
        ...(values['crash-after-deploys'] ? { crashAfterDeploys: Number(values['crash-after-deploys']) } : {}),
      },
      ...(values.domain
        ? {
            publicConfig: {
              ipv4: values['public-ipv4']!,
              gw4: values.gw4 ?? '',
              ipv6: values['public-ipv6'] ?? '',
              gw6: values.gw6 ?? '',
              domain: values.domain,
            },
          }
        : {}),
    });
  } catch (err) {
    process.stderr.write(`zos-sim: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${restoreSummary(node.nodeId, node.restored)}\n`);
  process.stdout.write(`zos-sim node ${node.nodeId} ready on ${node.address} version ${node.version}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void node.stop().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

quietOnClosedPipe();
void main().then(exitWhenWritten);
