// The grid commands as the command line sees them: usage, flags and arguments of `grid`, `chain`,
// `account` and `node`. The engine's runCli checks every command line against these before the
// command runs (so -help never starts anything and an unknown flag is refused first); the commands
// then read the checked arguments with node's parseArgs, whose options come from the same specs.
import type { ParseArgsConfig } from 'node:util';
import type { CommandSpec, FlagSpec } from '../../engine';

type Flags = Record<string, FlagSpec>;

const JSON_FLAG: Flags = { json: { kind: 'bool', help: 'Print JSON for programs.' } };
const CHAIN: Flags = { chain: { kind: 'value', arg: 'HOST:PORT', help: "The chain to ask (default: the local grid's)." } };
const DATA: Flags = { data: { kind: 'value', arg: 'DIR', help: 'The grid folder (default $GRIDFORM_HOME, else ~/.gridform/grid).' } };

const WHOLE = { pattern: /^\d+$/, what: 'a whole number' };
const TFT = { pattern: /^\d*\.?\d+$/, what: 'an amount of TFT such as 10 or 2.5' };
const ID = { pattern: /^\d+$/, what: 'a number (an id)' };
const VERSION_FLAG: FlagSpec = {
  kind: 'value',
  arg: 'VERSION',
  help: 'The zos-sim version (default: the latest, 0.2.0).',
  accepts: { pattern: /^[\w.+-]{1,64}$/, what: 'a version such as 0.2.0' },
};
const count = (help: string): FlagSpec => ({ kind: 'value', arg: 'N', help, accepts: WHOLE });

export const GRID_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'Start, stop or inspect the local grid (up|down|status)',
  description: 'A local grid: one chain and node daemons, each a process of its own, with their data in a folder.',
  flags: {},
  args: [0, 0],
  subcommands: {
    up: {
      usage: '[options]',
      summary: 'Start the local grid (or restart what is down) and print it',
      description: 'Starts a chain and N nodes, funds a dev account and prints the chain address, the nodes and the dev mnemonic.',
      flags: {
        ...DATA,
        ...JSON_FLAG,
        nodes: count('How many nodes (default 3).'),
        farms: count('How many farms the nodes are spread over (default 2).'),
        port: { kind: 'value', arg: 'PORT', help: 'The chain port (default 9944; 0 picks a free one).', accepts: WHOLE },
        profile: {
          kind: 'value',
          arg: 'small|medium|large',
          help: 'The capacity of each node (default medium).',
          accepts: { pattern: /^(small|medium|large)$/, what: 'small, medium or large' },
        },
        gateways: count('How many nodes are gateways with a domain (default 1).'),
        'gpu-nodes': count('How many nodes (the last ones) have a GPU, 0000:0e:00.0/1002/744c (default 0).'),
        'public-ips': count('Public IPv4 addresses per farm (default 16).'),
        'nodes-per-process': count('Nodes hosted by one process (default 1 up to 20 nodes, 500 above).'),
        'explorer-port': {
          kind: 'value',
          arg: 'PORT',
          accepts: WHOLE,
          help: "The explorer's port (default 8080, or a free one when 8080 is taken; 0 picks a free one).",
        },
      },
      args: [0, 0],
    },
    down: {
      usage: '[options]',
      summary: 'Stop the local grid',
      description: 'Stops every process of the local grid; its data is kept unless --purge.',
      flags: { ...DATA, purge: { kind: 'bool', help: 'Also remove the grid folder.' } },
      args: [0, 0],
    },
    upgrade: {
      usage: '[options]',
      summary: 'Upgrade every node of the local grid, one at a time',
      description:
        'Each node stops cleanly and starts on the new version from its data: its workloads are restored, not re-created. ' +
        'It returns once the chain shows every node on the new version.',
      flags: { ...DATA, to: VERSION_FLAG },
      args: [0, 0],
    },
    status: {
      usage: '[options]',
      summary: 'Show the local grid',
      description: 'Prints the chain, the nodes and the dev account; exits 1 when there is no local grid (--json prints null, exit 0).',
      flags: { ...DATA, ...JSON_FLAG },
      args: [0, 0],
    },
  },
};

const chainSub = (usage: string, summary: string, flags: Flags, args: readonly [number, number] = [0, 0]): CommandSpec => ({
  usage,
  summary,
  flags: { ...CHAIN, ...flags },
  args,
});
const TWIN: Flags = { twin: { kind: 'value', arg: 'ID', help: 'Only those of this twin.', accepts: ID } };
const NODE: Flags = { node: { kind: 'value', arg: 'ID', help: 'Only those on this node.', accepts: ID } };

export const CHAIN_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'Inspect the chain (nodes, farms, contracts, bills, events) or advance its time',
  description: 'What a user would otherwise need an explorer for, and the time warp of a local chain.',
  flags: {},
  args: [0, 0],
  subcommands: {
    nodes: chainSub('[options]', 'List the nodes with their status (up, standby, down by Grid Proxy rule) and version', JSON_FLAG),
    farms: chainSub('[options]', 'List the farms and their public IPs', { ...TWIN, ...JSON_FLAG }),
    contracts: chainSub('[options]', 'List the contracts', { ...TWIN, ...NODE, ...JSON_FLAG }),
    bills: chainSub('[options] CONTRACT_ID', 'List the bills of a contract', JSON_FLAG, [1, 1]),
    events: chainSub('[options]', 'List the chain events', {
      from: { kind: 'value', arg: 'BLOCK', help: 'From this block on (default 0).', accepts: WHOLE },
      ...JSON_FLAG,
    }),
    advance: chainSub('--hours H', 'Advance the time of a local chain', {
      hours: {
        kind: 'value',
        arg: 'H',
        help: 'How many hours (above 0).',
        accepts: { pattern: /^(?!0*\.?0*$)\d*\.?\d+$/, what: 'a number above 0' },
      },
    }),
  },
};

export const ACCOUNT_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'Create a funded account on the local chain, show a balance, transfer TFT',
  description: 'Accounts on a local chain (its faucet funds them). balance and transfer act as MNEMONIC, else the local dev account.',
  flags: {},
  args: [0, 0],
  subcommands: {
    create: chainSub('[options]', 'Create and fund an account with a twin', {
      fund: { kind: 'value', arg: 'TFT', help: 'TFT to fund it with (default 1000).', accepts: TFT },
      ...JSON_FLAG,
    }),
    balance: chainSub('[options] [ACCOUNT_ID]', 'Show the balance of an account', JSON_FLAG, [0, 1]),
    transfer: chainSub('--to ACCOUNT_ID --amount TFT', 'Transfer TFT to another account', {
      to: { kind: 'value', arg: 'ACCOUNT_ID', help: 'The account to pay.' },
      amount: { kind: 'value', arg: 'TFT', help: 'How much.', accepts: TFT },
    }),
  },
};

const FARM: Flags = { farm: { kind: 'value', arg: 'ID', help: 'The farm.', accepts: ID } };
const lifecycle = (summary: string, flags: Flags = {}): CommandSpec => ({
  usage: '[options] NODE_ID',
  summary,
  flags: { ...DATA, ...JSON_FLAG, ...flags },
  args: [1, 1],
});

export const NODE_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: "Show a node's deployments; stop, start, restart, upgrade or join nodes",
  description:
    'deployments asks the node as MNEMONIC (else the local dev account). stop, start, restart and upgrade act on a node of the ' +
    "local grid; join starts a node daemon in a farm of yours (as MNEMONIC, else the local grid's farmer).",
  flags: {},
  args: [0, 0],
  subcommands: {
    deployments: chainSub('[options] NODE_ID', "List your deployments on a node and each workload's state", JSON_FLAG, [1, 1]),
    power: chainSub(
      '--target up|down [options] NODE_ID',
      "Set a node's power target, as the farmer (down: standby)",
      {
        target: { kind: 'value', arg: 'up|down', help: 'Up or down.', accepts: { pattern: /^(up|down)$/i, what: 'up or down' } },
      },
      [1, 1],
    ),
    rent: chainSub('[options] NODE_ID', 'Rent a node whole (a rent contract): a VM may use its GPUs only then', {}, [1, 1]),
    unrent: chainSub('[options] NODE_ID', 'Cancel your rent contract on a node', {}, [1, 1]),
    stop: lifecycle('Stop a node of the local grid as a crash would (its process is killed)'),
    start: lifecycle('Start a stopped node of the local grid from its data'),
    restart: lifecycle('Kill a node of the local grid and start it again'),
    upgrade: lifecycle('Restart a node of the local grid on another version, keeping its workloads', { to: VERSION_FLAG }),
    join: {
      usage: '--farm ID [options]',
      summary: 'Start a node daemon that registers itself in one of your farms',
      description: 'On the local grid by default (recorded in its grid.json); --chain and --node-data start it for another grid.',
      flags: {
        ...DATA,
        ...JSON_FLAG,
        ...FARM,
        ...CHAIN,
        'node-data': { kind: 'value', arg: 'DIR', help: "The node's data folder (default: a new folder of the local grid)." },
        host: { kind: 'value', arg: 'IP', help: 'The address the node serves on (default 127.0.0.1).' },
        profile: {
          kind: 'value',
          arg: 'small|medium|large',
          help: 'The capacity of the node (default medium).',
          accepts: { pattern: /^(small|medium|large)$/, what: 'small, medium or large' },
        },
      },
      args: [0, 0],
    },
  },
};

export const FARM_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'Create farms and manage their public IPs, as their farmer',
  description: "Signed by the farmer's own account: MNEMONIC, else the local grid's farmer account.",
  flags: {},
  args: [0, 0],
  subcommands: {
    create: chainSub('[options] NAME', 'Register a farm (3-40 characters of a-z, 0-9, - and _)', JSON_FLAG, [1, 1]),
    'add-ip': chainSub(
      '--farm ID [options] IP',
      'Add a public IP (CIDR) with its gateway to your farm',
      {
        ...FARM,
        gateway: { kind: 'value', arg: 'IP', help: "The IP's gateway, in its subnet." },
      },
      [1, 1],
    ),
    'remove-ip': chainSub('--farm ID [options] IP', 'Remove a public IP no contract uses from your farm', FARM, [1, 1]),
    list: chainSub('[options]', 'List your farms and their public IPs', JSON_FLAG),
  },
};

/** node:util parseArgs options for every flag of `spec` and its subcommands. */
export function parseOptions(spec: CommandSpec): NonNullable<ParseArgsConfig['options']> {
  const all = [spec, ...Object.values(spec.subcommands ?? {})].flatMap((s) => Object.entries(s.flags));
  return Object.fromEntries(
    all.map(([name, f]) => [
      name,
      f.kind === 'bool' ? { type: 'boolean' as const } : { type: 'string' as const, ...(f.kind === 'list' ? { multiple: true } : {}) },
    ]),
  );
}

export const PROVIDER_SPEC: CommandSpec = {
  usage: '<subcommand> [options]',
  summary: 'Install terraform-provider-grid where terraform finds it with no registry',
  description:
    'install puts the provider in the implied local mirror (~/.terraform.d/plugins/registry.terraform.io/threefoldtech/grid ' +
    'and .../gridform/grid), so `terraform init` works offline for configurations with source = "threefoldtech/grid" and ' +
    'for what cdktf synthesizes (source = "gridform/grid"); --dev-overrides writes a CLI configuration with dev_overrides ' +
    'for both instead (~/.gridform/terraform-dev/dev.tfrc), for working on the provider (no terraform init).',
  flags: {},
  args: [0, 0],
  subcommands: {
    install: {
      usage: '[options]',
      summary: 'Install the provider for terraform (the local mirror, or --dev-overrides)',
      flags: {
        'dev-overrides': { kind: 'bool', help: 'Write a terraform CLI configuration with dev_overrides instead of the mirror.' },
        ...JSON_FLAG,
      },
      args: [0, 0],
    },
  },
};
