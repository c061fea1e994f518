#!/usr/bin/env node
// The composition root: the `gridform` command. It wires the engine's CLI with the grid provider
// and the commands that talk to the grid. Both are loaded only when used, so commands that do not
// need them (plan of terraform_data, state, output) start fast.
import { exitWhenWritten, quietOnClosedPipe, runCli, type ExtraCommand, type ProviderFactory } from '../../engine';
import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_VERSION } from '../src/provider-identity';

const gridProvider: ProviderFactory = {
  source: GRID_PROVIDER_SOURCE,
  version: GRID_PROVIDER_VERSION,
  create: () => (require('../src/grid-provider') as typeof import('../src/grid-provider')).gridProviderFactory(process.env).create(),
};

function lazy(summary: string, load: () => Pick<ExtraCommand, 'run'>): ExtraCommand {
  return { summary, run: (args, io) => load().run(args, io) };
}

quietOnClosedPipe();
runCli(process.argv.slice(2), {
  providers: [gridProvider],
  commands: {
    grid: lazy('Start, stop or inspect the local grid (up|down|status)', () => (require('./grid-command') as typeof import('./grid-command')).gridCommand),
    chain: lazy('Inspect the chain (nodes, farms, contracts, bills, events) or advance its time', () => (require('./chain-command') as typeof import('./chain-command')).chainCommand),
    account: lazy('Create a funded account on the local chain, show a balance, transfer TFT', () => (require('./account-command') as typeof import('./account-command')).accountCommand),
    node: lazy("Show a node's deployments and workload states (deployments NODE_ID)", () => (require('./node-command') as typeof import('./node-command')).nodeCommand),
  },
  version: GRID_PROVIDER_VERSION,
}).then(exitWhenWritten);
