// What the gridform command is made of: the engine's CLI, the grid provider and the grid commands,
// each loaded only when used. main.ts runs it; tests run it in-process.
import type { CliOptions, CommandSpec, ExtraCommand, ProviderFactory } from '../../engine';
import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_UPSTREAM_SOURCE, GRID_PROVIDER_VERSION } from '../src/provider-identity';
import { ACCOUNT_SPEC, CHAIN_SPEC, FARM_SPEC, GRID_SPEC, NODE_SPEC, PROVIDER_SPEC } from './command-specs';

function lazy(spec: CommandSpec, load: () => Pick<ExtraCommand, 'run'>): ExtraCommand {
  return { spec, run: (args, io) => load().run(args, io) };
}

export function gridformOptions(env: NodeJS.ProcessEnv): CliOptions {
  const gridProvider: ProviderFactory = {
    source: GRID_PROVIDER_SOURCE,
    alsoKnownAs: [GRID_PROVIDER_UPSTREAM_SOURCE],
    version: GRID_PROVIDER_VERSION,
    create: () => (require('../src/grid-provider') as typeof import('../src/grid-provider')).gridProviderFactory(env).create(),
  };
  return {
    providers: [gridProvider],
    commands: {
      grid: lazy(GRID_SPEC, () => (require('./grid-command') as typeof import('./grid-command')).gridCommand),
      chain: lazy(CHAIN_SPEC, () => (require('./chain-command') as typeof import('./chain-command')).chainCommand),
      account: lazy(ACCOUNT_SPEC, () => (require('./account-command') as typeof import('./account-command')).accountCommand),
      farm: lazy(FARM_SPEC, () => (require('./farm-command') as typeof import('./farm-command')).farmCommand),
      node: lazy(NODE_SPEC, () => (require('./node-command') as typeof import('./node-command')).nodeCommand),
      provider: lazy(PROVIDER_SPEC, () => (require('./provider-command') as typeof import('./provider-command')).providerCommand),
    },
    version: GRID_PROVIDER_VERSION,
  };
}
