#!/usr/bin/env node
// The local grid launcher behind `gridform grid up|down|status`.
import { parseArgs } from 'node:util';
import { exitWhenWritten, quietOnClosedPipe } from '../../proto';
import { defaultGridDir } from './grid-file';
import { down, HOSTED_NODES_PER_PROCESS, LARGE_GRID, status, up, type Status } from './grid';
import {
  joinNode,
  LATEST_VERSION,
  LifecycleRefusal,
  restartNodeCommand,
  startNode,
  stopNode,
  upgradeGrid,
  upgradeNode,
} from './node-lifecycle';

// the grid folder holds the dev mnemonic, the nodes' stores and logs: owner only
process.umask(0o077);

const USAGE = `usage: gridform grid up [--data DIR] [--nodes 3] [--farms 2] [--port 9944] [--profile small|medium|large]
                         [--gateways 1] [--public-ips 16] [--nodes-per-process N] [--explorer-port 8080]
                         [--gpu-nodes 0]    the last N nodes get a GPU (0000:0e:00.0/1002/744c)
       gridform grid down [--data DIR] [--purge]
       gridform grid status [--data DIR] [--json]
       gridform grid upgrade [--data DIR] [--to VERSION]                every node, one at a time
       gridform node stop|start|restart ID [--data DIR]                 stop: the process is killed (a crash)
       gridform node upgrade ID [--data DIR] [--to VERSION]             (default VERSION: ${LATEST_VERSION})
       gridform node join --farm ID [--data DIR] [--chain HOST:PORT --node-data DIR] [--host IP] [--profile P]
DIR defaults to $GRIDFORM_HOME or ~/.gridform/grid. Up to ${LARGE_GRID} nodes run as one process each;
larger grids host ${HOSTED_NODES_PER_PROCESS} nodes per process (--nodes-per-process to choose).`;

function render(s: Status): string {
  const state = (p: { state: string; pid: number }) => (p.state === 'dead' ? `dead (process ${p.pid} is gone)` : p.state);
  const lines = [
    `Local grid in ${s.dataDir}: ${s.running ? 'running' : 'not fully running (gridform grid up restarts what is down)'}`,
    `  chain    ${s.chain.address.padEnd(22)} ${state(s.chain)}`,
    `  explorer ${(s.explorer?.url ?? '(none yet: grid up starts it)').padEnd(22)} ${s.explorer ? state(s.explorer) : ''}`,
    ...(s.nodes.length > 30
      ? [
          `  nodes    ${s.nodes.length} (${s.nodes.filter((n) => n.running).length} running, ` +
            `${s.nodes.filter((n) => n.state === 'dead').length} dead), ` +
            `ids ${s.nodes[0].id}-${s.nodes[s.nodes.length - 1].id}; gateways ${
              s.nodes
                .filter((n) => n.domain)
                .map((n) => `${n.id} (${n.domain})`)
                .join(', ') || 'none'
            }`,
        ]
      : s.nodes.map((n) => {
          const extra = `${n.version ? `  v${n.version}` : ''}${n.domain ? `  gateway ${n.domain}` : ''}`;
          return `  node ${String(n.id).padEnd(3)} ${n.address.padEnd(22)} farm ${n.farmId}  ${state(n)}${extra}`;
        })),
    `  farms    ${s.farms.map((f) => `${f.id} (${f.name}, ${f.publicIps.length} public IPs)`).join(', ')}`,
    '',
    `Dev account (twin ${s.devAccount.twinId}, account ${s.devAccount.accountId}):`,
    `  mnemonic: ${s.devAccount.mnemonic}`,
    `  The provider uses it for network "local" when no mnemonic is set; or export MNEMONIC="<mnemonic>".`,
  ];
  return lines.join('\n') + '\n';
}

function count(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  // -help, --help and -h anywhere print the usage and do nothing else
  if (argv.some((a) => a === '-h' || a === '-help' || a === '--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values;
  let command: string | undefined;
  let nodeArgs: string[] = [];
  try {
    let positionals: string[];
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        nodes: { type: 'string' },
        farms: { type: 'string' },
        port: { type: 'string' },
        profile: { type: 'string', default: 'medium' },
        gateways: { type: 'string' },
        'gpu-nodes': { type: 'string' },
        'public-ips': { type: 'string' },
        'nodes-per-process': { type: 'string' },
        'explorer-port': { type: 'string' },
        json: { type: 'boolean', default: false },
        purge: { type: 'boolean', default: false },
        to: { type: 'string' },
        farm: { type: 'string' },
        chain: { type: 'string' },
        'node-data': { type: 'string' },
        host: { type: 'string' },
      },
    }));
    command = positionals[0];
    if (command === 'node') {
      nodeArgs = positionals.slice(1);
    } else if (positionals.length > 1) throw new Error(`unexpected argument ${JSON.stringify(positionals[1])}`);
  } catch (err) {
    process.stderr.write(`gridform grid: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const dataDir = values.data ?? defaultGridDir();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    switch (command) {
      case 'up': {
        const nodes = count('nodes', values.nodes, 3);
        const farms = Math.min(count('farms', values.farms, Math.min(2, nodes)), nodes);
        await up(
          {
            dataDir,
            nodes,
            farms,
            port: count('port', values.port, 9944, 0),
            profile: values.profile!,
            devFundsTft: '10000',
            publicIpsPerFarm: count('public-ips', values['public-ips'], 16, 0),
            gateways: Math.min(count('gateways', values.gateways, 1, 0), nodes),
            gpuNodes: Math.min(count('gpu-nodes', values['gpu-nodes'], 0, 0), nodes),
            nodesPerProcess: count('nodes-per-process', values['nodes-per-process'], nodes > LARGE_GRID ? HOSTED_NODES_PER_PROCESS : 1),
            explorerPort: values['explorer-port'] === undefined ? undefined : count('explorer-port', values['explorer-port'], 0, 0),
          },
          log,
        );
        const s = status(dataDir)!;
        process.stdout.write(values.json ? JSON.stringify(s, null, 2) + '\n' : render(s));
        return 0;
      }
      case 'down': {
        const grid = await down(dataDir, values.purge!);
        process.stdout.write(
          grid
            ? `Stopped the local grid in ${dataDir}` +
                `${values.purge ? ' and removed its data' : ' (its data is kept; grid up starts it again)'}.\n`
            : `No local grid in ${dataDir}.\n`,
        );
        return 0;
      }
      case 'status': {
        const s = status(dataDir);
        if (!s) {
          process.stdout.write(values.json ? 'null\n' : `No local grid in ${dataDir}: start one with gridform grid up.\n`);
          return values.json ? 0 : 1;
        }
        process.stdout.write(values.json ? JSON.stringify(s, null, 2) + '\n' : render(s));
        return 0;
      }
      case 'upgrade': {
        const nodes = await upgradeGrid(dataDir, values.to ?? LATEST_VERSION, log);
        process.stdout.write(`Upgraded ${nodes.length} node(s) to ${values.to ?? LATEST_VERSION}: ${nodes.map((n) => n.id).join(', ')}.\n`);
        return 0;
      }
      case 'node':
        return await nodeCommand(dataDir, nodeArgs, values, log);
      default:
        process.stderr.write(`${command ? `unknown grid command ${command}\n` : ''}${USAGE}\n`);
        return 1;
    }
  } catch (err) {
    if (err instanceof LifecycleRefusal) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`gridform grid ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

type NodeValues = { to?: string; farm?: string; chain?: string; 'node-data'?: string; host?: string; profile?: string; json?: boolean };

async function nodeCommand(dataDir: string, [sub, id, extra]: string[], v: NodeValues, log: (line: string) => void): Promise<number> {
  if (extra !== undefined) throw new LifecycleRefusal(`unexpected argument ${JSON.stringify(extra)}`);
  const print = (n: unknown, line: string) => process.stdout.write(v.json ? JSON.stringify(n, null, 2) + '\n' : `${line}\n`);
  if (sub === 'join') {
    if (id !== undefined) {
      throw new LifecycleRefusal(`join takes no node id (the node gets one when it registers), not ${JSON.stringify(id)}`);
    }
    if (!/^\d+$/.test(v.farm ?? '')) throw new LifecycleRefusal('join needs --farm ID (the farm the node joins)');
    const join = { farmId: Number(v.farm), chain: v.chain, nodeData: v['node-data'], host: v.host, profile: v.profile };
    const n = await joinNode(dataDir, join, log);
    print(n, `Node ${n.id} joined farm ${n.farmId} on ${n.address}.`);
    return 0;
  }
  if (!/^\d+$/.test(id ?? '')) throw new LifecycleRefusal(`node ${sub ?? ''} takes a node id (a number), not ${JSON.stringify(id)}`);
  const nodeId = Number(id);
  switch (sub) {
    case 'stop': {
      const n = await stopNode(dataDir, nodeId, log);
      print(n, `Node ${nodeId} stopped (its process was killed); gridform node start ${nodeId} brings it back.`);
      return 0;
    }
    case 'start': {
      const n = await startNode(dataDir, nodeId, log);
      print(n, `Node ${nodeId} started on ${n.address}.`);
      return 0;
    }
    case 'restart': {
      const n = await restartNodeCommand(dataDir, nodeId, log);
      print(n, `Node ${nodeId} restarted on ${n.address}.`);
      return 0;
    }
    case 'upgrade': {
      const n = await upgradeNode(dataDir, nodeId, v.to ?? LATEST_VERSION, log);
      print(n, `Node ${nodeId} runs ${n.version}.`);
      return 0;
    }
    default:
      throw new LifecycleRefusal(`unknown node command ${JSON.stringify(sub)}: stop, start, restart, upgrade or join`);
  }
}

quietOnClosedPipe();
void main(process.argv.slice(2)).then(exitWhenWritten);
