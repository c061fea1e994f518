// The chain's gRPC server: the Chain service (reads, signed writes, the event stream) and, when
// enabled, the ChainAdmin service of a development chain. Exported apart from main.ts so tests
// and tools can run a chain in-process on 127.0.0.1:0.
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { chainProto, refusingUndecodable, statusError } from '../../../proto';
import { systemClock, type Clock } from '../clock';
import { openLedgerDb } from '../store/open';
import { Ledger, type ChainParams } from '../ledger/ledger';
import { chainHandlers } from './chain-handlers';
import { adminHandlers } from './admin-handlers';

export interface ChainServerOptions {
  dataDir: string;
  host?: string;
  port?: number;
  clock?: Clock;
  params?: Partial<ChainParams>;
  /** serve ChainAdmin (faucet, time warp, TFT price); default true */
  admin?: boolean;
  /** the credential ChainAdmin calls must carry; a random one when not given (see `adminToken`) */
  adminToken?: string;
}

export interface ChainServer {
  readonly ledger: Ledger;
  /** the credential ChainAdmin calls must carry (undefined when admin is off) */
  readonly adminToken?: string;
  /** HOST:PORT it listens on, once started */
  address(): string;
  start(): Promise<string>;
  stop(): Promise<void>;
}

export const DEFAULT_PARAMS: ChainParams = { billingPeriodSeconds: 3600, gracePeriodSeconds: 14 * 24 * 3600, blockTimeMs: 0 };

export function createServer(options: ChainServerOptions): ChainServer {
  const db = openLedgerDb(options.dataDir);
  const ledger = new Ledger(db, options.clock ?? systemClock, { ...DEFAULT_PARAMS, ...options.params });
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  const streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const proto = chainProto().gridform.chain;
  const untyped = (impl: unknown) => impl as grpc.UntypedServiceImplementation;
  const chain = refusingUndecodable(proto.Chain.service, untyped(chainHandlers(ledger, streams)), 'proto/defs/chain.proto');
  server.addService(chain.service, chain.impl);
  const adminToken = options.admin === false ? undefined : (options.adminToken ?? randomBytes(32).toString('hex'));
  if (adminToken) {
    const admin = refusingUndecodable(proto.ChainAdmin.service, untyped(adminHandlers(ledger, adminToken)), 'proto/defs/chain.proto');
    server.addService(admin.service, admin.impl);
  }
  let bound = '';
  // bills what falls due as chain time passes; AdvanceTime bills on its own
  const billing = setInterval(() => ledger.billDue(), 1000);
  billing.unref();
  // block-interval mode: what was submitted since the last block is sealed in the next one
  const blocks = ledger.params.blockTimeMs > 0 ? setInterval(() => ledger.sealQueued(), ledger.params.blockTimeMs) : undefined;

  return {
    ledger,
    adminToken,
    address: () => bound,
    start: () =>
      new Promise((resolve, reject) => {
        const host = options.host ?? '127.0.0.1';
        server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
          if (err) return reject(statusError(grpc.status.UNAVAILABLE, `cannot listen on ${host}:${options.port}: ${err.message}`));
          bound = `${host}:${port}`;
          resolve(bound);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        clearInterval(billing);
        clearInterval(blocks);
        ledger.sealQueued();
        for (const s of streams) s.end();
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          db.close();
          resolve();
        };
        server.tryShutdown(finish);
        // clients that keep idle connections open (a thousand nodes) do not hold the chain up
        setTimeout(() => (server.forceShutdown(), finish()), 300).unref();
      }),
  };
}
