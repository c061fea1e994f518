#!/usr/bin/env node
// The composition root: the `gridform` command. It wires the engine's CLI with the grid provider
// and the commands that talk to the grid.
import { runCli } from '../../engine';
import { gridProviderFactory, GRID_PROVIDER_VERSION } from '../src/grid-provider';
import { accountCommand } from './account-command';
import { chainCommand } from './chain-command';
import { gridCommand } from './grid-command';
import { nodeCommand } from './node-command';

runCli(process.argv.slice(2), {
  providers: [gridProviderFactory(process.env)],
  commands: { grid: gridCommand, chain: chainCommand, account: accountCommand, node: nodeCommand },
  version: GRID_PROVIDER_VERSION,
}).then((code) => process.exit(code));
