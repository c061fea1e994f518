// Where the provider signs from and which chain it talks to: the provider block first, then the
// environment (MNEMONIC), then, for network "local", the local grid started by `gridform grid up`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GridSettings {
  mnemonic: string;
  chainAddress: string;
  timeoutMs: number;
}

export const DEFAULT_LOCAL_CHAIN = '127.0.0.1:9944';

export interface LocalGridFile {
  /** adminTokenFile: the chain's admin credential, for the faucet and time warp */
  chain: { address: string; adminTokenFile?: string };
  devAccount: { mnemonic: string; twinId: number };
  nodes: { id: number; address: string }[];
}

export function localGridDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.GRIDFORM_HOME ? path.resolve(env.GRIDFORM_HOME) : path.join(env.HOME ?? os.homedir(), '.gridform', 'grid');
}

export function readLocalGrid(env: Readonly<Record<string, string | undefined>>): LocalGridFile | undefined {
  const file = path.join(localGridDir(env), 'grid.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalGridFile;
}

export function resolveSettings(
  config: { mnemonic?: unknown; network?: unknown; chain_url?: unknown; key_type?: unknown; timeout_seconds?: unknown },
  env: Readonly<Record<string, string | undefined>>,
): { settings?: GridSettings; problem?: { attribute: string; message: string } } {
  if (config.key_type && config.key_type !== 'ed25519') return { problem: { attribute: 'key_type', message: `key_type ${JSON.stringify(config.key_type)} is not supported: use ed25519` } };
  const network = typeof config.network === 'string' && config.network ? config.network : 'local';
  const local = network === 'local' ? readLocalGrid(env) : undefined;
  let chainAddress: string;
  if (typeof config.chain_url === 'string' && config.chain_url) chainAddress = config.chain_url;
  else if (network === 'local') chainAddress = local?.chain.address ?? DEFAULT_LOCAL_CHAIN;
  else return { problem: { attribute: 'network', message: `network ${JSON.stringify(network)} is not reachable from here: use "local" or set chain_url to HOST:PORT of a chain` } };
  const mnemonic = (typeof config.mnemonic === 'string' && config.mnemonic) || env.MNEMONIC || local?.devAccount.mnemonic;
  if (!mnemonic) {
    return { problem: { attribute: 'mnemonic', message: 'no mnemonic: set mnemonic in the provider, or export MNEMONIC, or start a local grid (gridform grid up) whose dev account is used by default' } };
  }
  const timeout = config.timeout_seconds ?? null;
  if (timeout !== null && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 1 && timeout <= 86_400)) {
    const message = `timeout_seconds is ${JSON.stringify(timeout)}; it must be a whole number of seconds from 1 to 86400 (default 300)`;
    return { problem: { attribute: 'timeout_seconds', message } };
  }
  const seconds = typeof timeout === 'number' ? timeout : 300;
  return { settings: { mnemonic, chainAddress, timeoutMs: seconds * 1000 } };
}
