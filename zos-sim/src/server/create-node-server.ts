// A node daemon: binds its gRPC server, registers on chain, follows chain events, and serves
// deployments. Exported apart from main.ts so tests can run nodes in-process.
import * as grpc from '@grpc/grpc-js';
import { ChainClient, nodeProto, refusingUndecodable } from '../../../proto';
import { PROFILES, type Capacity } from '../capacity';
import { ChainWatcher, type WatcherRetry } from '../chain-watcher';
import { DeploymentManager, type DeploymentManagerOptions } from '../deployments';
import { UsageReporter } from '../usage-reporter';
import { ContractIndex } from '../contract-index';
import { loadOrCreateIdentity, storedIdentity } from '../identity';
import { registerNode } from '../registration';
import { NodeStore, type NodeDatabase } from '../store/node-store';
import { nodeHandlers, type NodeInfo } from './handlers';
import { UptimeReporter } from '../uptime-reporter';
import { FIRST_VERSION, typesOf, unknownVersion } from '../versions';
import type { RestoreReport } from '../restore';
import { nodeGpus } from '../gpus';

export interface NodeServerOptions {
  chainAddress: string;
  farmId: number;
  /** the node's own data folder; or, for nodes hosted together, `shared` */
  dataDir: string;
  /** a database shared by the nodes of one host process, and this node's key in it */
  shared?: { db: NodeDatabase; key: string };
  /** a chain client to share between the nodes of one process (not closed on stop) */
  chain?: ChainClient;
  host?: string;
  port?: number;
  profile?: keyof typeof PROFILES;
  capacity?: Capacity;
  provisionDelayMs?: Partial<Record<string, number>>;
  timing?: DeploymentManagerOptions['timing'];
  faults?: DeploymentManagerOptions['faults'];
  crash?: () => void;
  /** a gateway node: its public IPv4 and IPv6 (CIDR) and gateways, and its domain */
  publicConfig?: { ipv4: string; gw4: string; ipv6: string; gw6: string; domain: string };
  /** how often the node reconciles with the chain (default 60 s) and looks at chain time for usage reports (default 1 s) */
  reconcileEveryMs?: number;
  usagePollMs?: number;
  /** how the node resubscribes to chain events after the chain went away (default 0.5 s doubling to 30 s) */
  chainRetry?: WatcherRetry;
  log?: (line: string) => void;
  /** the node's GPU ids, "<pci slot>/<vendor>/<device>" (none by default) */
  gpus?: readonly string[];
  /** the software version to run (see versions.ts); default: the version this node ran last, else the first */
  version?: string;
}

export interface NodeServer {
  readonly nodeId: number;
  readonly twinId: number;
  readonly address: string;
  readonly deployments: DeploymentManager;
  readonly version: string;
  /** what the start found in the store and could or could not bring back */
  readonly restored: RestoreReport;
  /** subscriptions to chain events started so far (one at first, one more per reconnect) */
  subscriptions(): number;
  stop(): Promise<void>;
}

/**
 * How long a node's call to the chain waits for a connection being re-established: the channel
 * reconnects within 2 s (RECONNECT_QUICKLY), so a request just after the chain's return is served.
 */
export const CHAIN_RECONNECT_WAIT_MS = 3000;

export async function createNodeServer(o: NodeServerOptions): Promise<NodeServer> {
  const log = o.log ?? (() => undefined);
  const total = o.capacity ?? PROFILES[o.profile ?? 'medium'];
  if (!total) throw new Error(`unknown capacity profile ${o.profile}: use one of ${Object.keys(PROFILES).join(', ')}`);
  const gpus = nodeGpus(o.gpus ?? []);
  const store = o.shared ? o.shared.db.store(o.shared.key) : NodeStore.open(o.dataDir);
  const version = o.version ?? store.meta('version') ?? FIRST_VERSION;
  const supported = typesOf(version);
  if (!supported) {
    store.close();
    throw new Error(unknownVersion(version));
  }
  const key = o.shared ? storedIdentity(store) : loadOrCreateIdentity(o.dataDir);
  const chain = o.chain ?? new ChainClient(o.chainAddress, { awaitReconnectMs: CHAIN_RECONNECT_WAIT_MS });
  const closeChain = () => (o.chain ? undefined : chain.close());
  const server = new grpc.Server();
  let ready: { info: NodeInfo; deployments: DeploymentManager } | undefined;
  const handlers = nodeHandlers(store, () => ready) as unknown as grpc.UntypedServiceImplementation;
  const node = refusingUndecodable(nodeProto().gridform.node.Node.service, handlers, 'proto/defs/node.proto');
  server.addService(node.service, node.impl);
  const host = o.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${o.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const address = `${host}:${port}`;
  try {
    const reg = await registerNode(chain, key, store, o.farmId, total, address, o.publicConfig);
    const publicConfig = o.publicConfig ?? { ipv4: '', gw4: '', ipv6: '', gw6: '', domain: '' };
    const contracts = new ContractIndex(reg.nodeId);
    const deployments = new DeploymentManager({
      nodeId: reg.nodeId,
      store,
      chain,
      key,
      total,
      now: () => Math.floor(Date.now() / 1000),
      provisionDelayMs: o.provisionDelayMs,
      timing: o.timing,
      faults: o.faults,
      crash: o.crash,
      publicConfig,
      contracts,
      log,
      version,
      supported,
      gpus,
    });
    const before = store.meta('version');
    if (before && before !== version) log(`upgraded from zos-sim ${before} to zos-sim ${version}`);
    store.setMeta('version', version);
    const restored = await deployments.restore();
    ready = { info: { nodeId: reg.nodeId, total, publicConfig, version: `zos-sim ${version}`, supported }, deployments };
    const watcher = new ChainWatcher(chain, store, deployments, reg.nodeId, log, o.reconcileEveryMs, contracts, o.chainRetry);
    await watcher.start();
    deployments.resume();
    const usage = new UsageReporter(chain, key, store, log, o.usagePollMs);
    const uptime = new UptimeReporter(chain, key, version, log);
    usage.onChainBack = () => watcher.chainIsBack();
    usage.onChainTime = (now) => uptime.onChainTime(now);
    usage.start();
    // the first uptime report now, so the chain has the node up once it says ready; nodes hosted
    // together do not wait for it one by one (their host waits for all of them)
    const first = usage.tick();
    if (!o.shared) await first;
    return {
      nodeId: reg.nodeId,
      twinId: reg.twinId,
      address,
      deployments,
      version,
      restored,
      subscriptions: () => watcher.subscriptions,
      async stop() {
        watcher.stop();
        usage.stop();
        await deployments.drain();
        await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
        closeChain();
        store.close();
      },
    };
  } catch (err) {
    server.forceShutdown();
    closeChain();
    store.close();
    throw err;
  }
}
