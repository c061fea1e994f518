// Where the provider signs from and which chain it talks to: the provider block first, then the
// environment as terraform-provider-grid reads it (MNEMONIC, KEY_TYPE, SUBSTRATE_URL, RMB_TIMEOUT),
// then, for network "local", the local grid started by `gridform grid up`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GridSettings {
  mnemonic: string;
  chainAddress: string;
  /** the Grid Proxy (explorer) that grid_scheduler asks for nodes */
  proxyUrl: string;
  timeoutMs: number;
  /** how long one call to a node may take (upstream: rmb_timeout) */
  nodeCallTimeoutMs?: number;
}

export const DEFAULT_LOCAL_CHAIN = '127.0.0.1:9944';
export const DEFAULT_LOCAL_PROXY = 'http://127.0.0.1:8080';

export interface LocalGridFile {
  /** adminTokenFile: the chain's admin credential, for the faucet and time warp */
  chain: { address: string; adminTokenFile?: string };
  /** the local grid's explorer (Grid Proxy's API) */
  explorer?: { url: string };
  devAccount: { mnemonic: string; twinId: number };
  /** the account that owns the local grid's farms */
  farmer?: { mnemonic: string; twinId: number };
  nodes: { id: number; address: string }[];
}

export function localGridDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.GRIDFORM_HOME ? path.resolve(env.GRIDFORM_HOME) : path.join(env.HOME ?? os.homedir(), '.gridform', 'grid');
}

interface LoadedLocalGrid {
  readonly grid?: LocalGridFile;
  readonly problem?: string;
  readonly warning?: string;
}

/**
 * The local grid's grid.json, if there is one: `problem` when it cannot be used (not JSON, not a
 * grid file), `warning` when others may read it (it holds the dev account's mnemonic).
 */
export function loadLocalGrid(env: Readonly<Record<string, string | undefined>>): LoadedLocalGrid {
  const file = path.join(localGridDir(env), 'grid.json');
  if (!fs.existsSync(file)) return {};
  const mode = (fs.statSync(file).mode & 0o777).toString(8).padStart(4, '0');
  const warning =
    fs.statSync(file).mode & 0o077
      ? `${file} is readable by others, yet it holds the mnemonic of the local grid's dev account (mode ${mode}). Run: chmod 600 ${file}`
      : undefined;
  const fix = 'Start the local grid again (gridform grid down, then gridform grid up), or remove the file.';
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { problem: `the local grid's file ${file} is not JSON. ${fix}`, warning };
  }
  const g = doc as Partial<LocalGridFile> | null;
  if (!g || typeof g.chain?.address !== 'string' || typeof g.devAccount?.mnemonic !== 'string' || !Array.isArray(g.nodes)) {
    const problem = `the local grid's file ${file} does not describe a grid (its chain address, dev account and nodes). ${fix}`;
    return { problem, warning };
  }
  return { grid: g as LocalGridFile, warning };
}

/** The local grid's grid.json, if there is one; an error saying what to do when it is damaged. */
export function readLocalGrid(env: Readonly<Record<string, string | undefined>>): LocalGridFile | undefined {
  const { grid, problem } = loadLocalGrid(env);
  if (problem) throw new Error(problem);
  return grid;
}

export function resolveSettings(
  config: {
    mnemonic?: unknown;
    network?: unknown;
    chain_url?: unknown;
    substrate_url?: unknown;
    rmb_timeout?: unknown;
    proxy_url?: unknown;
    key_type?: unknown;
    timeout_seconds?: unknown;
  },
  env: Readonly<Record<string, string | undefined>>,
): { settings?: GridSettings; problem?: { attribute: string; message: string }; warnings?: string[] } {
  const warnings: string[] = [];
  const fromEnv = fromEnvironment(config, env);
  config = { ...config, ...fromEnv.values };
  const keyType = config.key_type ?? null;
  if (keyType !== null && keyType !== '' && keyType !== 'ed25519') {
    const from = 'key_type' in fromEnv.texts ? ' (from KEY_TYPE in the environment)' : '';
    return { problem: { attribute: 'key_type', message: `key_type ${JSON.stringify(keyType)}${from} is not supported: use ed25519` } };
  }
  const network = typeof config.network === 'string' && config.network ? config.network : 'local';
  const substrate = chainFromSubstrateUrl(config.substrate_url);
  if (substrate.problem) {
    const from = 'substrate_url' in fromEnv.texts ? ' (from SUBSTRATE_URL in the environment)' : '';
    return { problem: { attribute: 'substrate_url', message: `${substrate.problem}${from}` } };
  }
  // terraform-provider-grid's names, where gridform's own are not set
  if (!(typeof config.chain_url === 'string' && config.chain_url) && substrate.address)
    config = { ...config, chain_url: substrate.address };
  const loaded = network === 'local' ? loadLocalGrid(env) : {};
  if (loaded.warning) warnings.push(loaded.warning);
  const local = loaded.grid;
  // a damaged grid.json matters only when the chain or the mnemonic would come from it
  const givenChain = typeof config.chain_url === 'string' && !!config.chain_url;
  const givenMnemonic = (typeof config.mnemonic === 'string' && !!config.mnemonic) || !!env.MNEMONIC;
  if (loaded.problem && !(givenChain && givenMnemonic)) return { problem: { attribute: 'network', message: loaded.problem }, warnings };
  let chainAddress: string;
  if (typeof config.chain_url === 'string' && config.chain_url) chainAddress = config.chain_url;
  else if (network === 'local') chainAddress = local?.chain.address ?? DEFAULT_LOCAL_CHAIN;
  else
    return {
      problem: {
        attribute: 'network',
        message:
          `network ${JSON.stringify(network)} is not reachable from here: use "local" or set substrate_url (or chain_url) ` +
          `to the address of a chain`,
      },
    };
  const mnemonic = (typeof config.mnemonic === 'string' && config.mnemonic) || env.MNEMONIC || local?.devAccount.mnemonic;
  if (!mnemonic) {
    return {
      problem: {
        attribute: 'mnemonic',
        message:
          'no mnemonic: set mnemonic in the provider, or export MNEMONIC, ' +
          'or start a local grid (gridform grid up) whose dev account is used by default',
      },
    };
  }
  const timeout = config.timeout_seconds ?? null;
  if (timeout !== null && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 1 && timeout <= 86_400)) {
    const message = `timeout_seconds is ${JSON.stringify(timeout)}; it must be a whole number of seconds from 1 to 86400 (default 300)`;
    return { problem: { attribute: 'timeout_seconds', message } };
  }
  const seconds = typeof timeout === 'number' ? timeout : 300;
  const givenProxy = typeof config.proxy_url === 'string' && config.proxy_url ? config.proxy_url : undefined;
  const proxyUrl = givenProxy ?? local?.explorer?.url ?? DEFAULT_LOCAL_PROXY;
  if (!/^https?:\/\/[^/\s]+/.test(proxyUrl)) {
    const message = `proxy_url ${JSON.stringify(proxyUrl)} is not an http(s) URL such as http://127.0.0.1:8080`;
    return { problem: { attribute: 'proxy_url', message } };
  }
  const rmb = config.rmb_timeout ?? null;
  if (rmb !== null && !(typeof rmb === 'number' && Number.isInteger(rmb) && rmb >= 1 && rmb <= 3600)) {
    const given = 'rmb_timeout' in fromEnv.texts ? `RMB_TIMEOUT in the environment is ${JSON.stringify(fromEnv.texts.rmb_timeout)}` : '';
    return {
      problem: {
        attribute: 'rmb_timeout',
        message: `${given || `rmb_timeout is ${JSON.stringify(rmb)}`}; it must be a whole number of seconds from 1 to 3600`,
      },
    };
  }
  const nodeCallTimeoutMs = typeof rmb === 'number' ? rmb * 1000 : undefined;
  const settings = { mnemonic, chainAddress, proxyUrl: proxyUrl.replace(/\/+$/, ''), timeoutMs: seconds * 1000, nodeCallTimeoutMs };
  return { settings, warnings };
}

/** The provider attributes terraform-provider-grid reads from the environment when unset, by variable. */
export const PROVIDER_ENV = { key_type: 'KEY_TYPE', substrate_url: 'SUBSTRATE_URL', rmb_timeout: 'RMB_TIMEOUT' } as const;

type EnvAttribute = keyof typeof PROVIDER_ENV;

/**
 * The attributes of PROVIDER_ENV unset in `config` (null or absent) whose environment variable is
 * set and not empty: their values, and the variables' text. RMB_TIMEOUT is a number when it reads
 * as a whole number (else its text is kept, and refused naming it).
 */
function fromEnvironment(
  config: Partial<Record<EnvAttribute, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): { values: Partial<Record<EnvAttribute, unknown>>; texts: Partial<Record<EnvAttribute, string>> } {
  const values: Partial<Record<EnvAttribute, unknown>> = {};
  const texts: Partial<Record<EnvAttribute, string>> = {};
  for (const [attribute, variable] of Object.entries(PROVIDER_ENV) as [EnvAttribute, string][]) {
    const text = env[variable];
    if ((config[attribute] ?? null) !== null || text === undefined || text === '') continue;
    texts[attribute] = text;
    values[attribute] = attribute === 'rmb_timeout' && /^\s*\d+\s*$/.test(text) ? Number(text) : text;
  }
  return { values, texts };
}

/**
 * The chain address in terraform-provider-grid's substrate_url: ws://HOST:PORT, wss://HOST:PORT/ws,
 * or HOST:PORT of a chain-sim; the path is dropped. `problem` when it names no HOST:PORT.
 */
export function chainFromSubstrateUrl(url: unknown): { address?: string; problem?: string } {
  if (url === null || url === undefined || url === '') return {};
  if (typeof url !== 'string') return { problem: `substrate_url must be a string such as ws://127.0.0.1:9944` };
  const m = /^(?:(?:wss?|https?):\/\/)?([^/\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})(?:\/\S*)?$/.exec(url);
  if (!m)
    return {
      problem: `substrate_url ${JSON.stringify(url)} names no HOST:PORT of a chain; use ws://HOST:PORT such as ws://127.0.0.1:9944`,
    };
  return { address: `${m[1]}:${m[2]}` };
}
