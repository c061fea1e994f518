// A chain-sim process and zos-sim nodes in this process, with the steps a deploying tool takes:
// create the contract with the deployment's hash, sign, deploy or update, wait for every workload
// to leave init; cancel on chain. For tests of node behaviour.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeClient, deploymentHashHex, signDeployment, type KeyPair, type node } from '../../../proto';
import { createNodeServer, type NodeServer, type NodeServerOptions } from '../../src/server/create-node-server';
import { startChainProcess, twinFor, type ChainProcess } from '../chain-process';

export interface User {
  key: KeyPair;
  twinId: number;
}

export type WorkloadSpec = { name: string; type: string; data: Record<string, unknown>; version?: number };

export class NodeHarness {
  readonly nodes: NodeServer[] = [];
  readonly clients: NodeClient[] = [];
  private readonly dirs: string[] = [];
  private readonly readers = new Map<string, NodeClient>();
  farmId = 0;

  private constructor(readonly chain: ChainProcess) {}

  static async start(): Promise<NodeHarness> {
    const h = new NodeHarness(await startChainProcess());
    const farmer = await twinFor(h.chain.client);
    h.farmId = (
      await h.chain.client.submit(farmer.key, {
        createFarm: {
          name: `farm-${Date.now()}`,
          publicIps: Array.from({ length: 32 }, (_, i) => ({ ip: `203.0.113.${100 + i}/24`, gateway: '203.0.113.1' })),
        },
      })
    ).createdIds[0];
    return h;
  }

  async addNode(o: Partial<NodeServerOptions> = {}): Promise<{ server: NodeServer; client: NodeClient; dataDir: string }> {
    const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zos-node-'));
    this.dirs.push(dataDir);
    const server = await createNodeServer({
      chainAddress: this.chain.address,
      farmId: this.farmId,
      dataDir,
      provisionDelayMs: { zmachine: 5, container: 5, network: 1, ip: 1, zdb: 1, zmount: 1, volume: 1 },
      usagePollMs: 200,
      ...o,
    });
    const client = new NodeClient(server.address);
    this.nodes.push(server);
    this.clients.push(client);
    return { server, client, dataDir };
  }

  /** A client of node `n` that signs its calls as `user`: a node answers reads to the deployment's owner only. */
  as(user: User, n = 0): NodeClient {
    const id = `${n}/${user.twinId}`;
    let client = this.readers.get(id);
    if (!client) {
      client = new NodeClient(this.nodes[n].address, { signer: { twinId: user.twinId, key: user.key, nodeId: this.nodes[n].nodeId } });
      this.readers.set(id, client);
    }
    return client;
  }

  user(): Promise<User> {
    return twinFor(this.chain.client);
  }

  deployment(user: User, workloads: WorkloadSpec[], version = 0, contractId = 0): node.Deployment {
    return {
      version,
      twinId: user.twinId,
      contractId,
      metadata: '',
      description: '',
      signatureRequirement: { requests: [{ twinId: user.twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
      workloads: workloads.map((w) => ({
        version: w.version ?? version,
        name: w.name,
        type: w.type,
        data: JSON.stringify(w.data),
        metadata: '',
        description: '',
      })),
    };
  }

  /** Creates the contract and deploys; resolves once no workload is in init. */
  async deploy(user: User, workloads: WorkloadSpec[], o: { node?: number; publicIps?: number } = {}): Promise<node.Deployment__Output> {
    const n = o.node ?? 0;
    const d = this.deployment(user, workloads);
    d.contractId = (
      await this.chain.client.submit(user.key, {
        createNodeContract: { nodeId: this.nodes[n].nodeId, deploymentHash: deploymentHashHex(d), publicIps: o.publicIps ?? 0 },
      })
    ).createdIds[0];
    await this.clients[n].deploy(signDeployment(d, user.twinId, user.key));
    return this.settled(user, d.contractId, n);
  }

  /** Updates to `workloads` at `version` (workloads changed carry that version); resolves once settled. */
  async update(user: User, contractId: number, version: number, workloads: WorkloadSpec[], n = 0): Promise<node.Deployment__Output> {
    const d = this.deployment(user, workloads, version, contractId);
    await this.chain.client.submit(user.key, {
      updateNodeContract: { contractId, deploymentHash: deploymentHashHex(d), deploymentData: '' },
    });
    await this.clients[n].update(signDeployment(d, user.twinId, user.key));
    return this.settled(user, contractId, n, version);
  }

  async cancel(user: User, contractId: number, n = 0): Promise<node.Deployment__Output> {
    await this.chain.client.submit(user.key, { cancelContract: { contractId } });
    return this.until(user, contractId, n, (d) => d.workloads.every((w) => w.result?.state === 'deleted'));
  }

  settled(user: User, contractId: number, n = 0, version = 0): Promise<node.Deployment__Output> {
    return this.until(user, contractId, n, (d) => d.version === version && d.workloads.every((w) => w.result?.state !== 'init'));
  }

  async until(
    user: User,
    contractId: number,
    n: number,
    done: (d: node.Deployment__Output) => boolean,
    timeoutMs = 20_000,
  ): Promise<node.Deployment__Output> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = await this.as(user, n).get(user.twinId, contractId);
      if (done(d)) return d;
      if (Date.now() > deadline)
        throw new Error(
          `contract ${contractId} did not settle: ${JSON.stringify(d.workloads.map((w) => [w.name, w.result?.state, w.result?.message]))}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.clients.forEach((c) => c.close());
    this.readers.forEach((c) => c.close());
    for (const n of this.nodes) await n.stop().catch(() => undefined);
    await this.chain.stop();
    this.dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  }
}

export function resultOf(d: node.Deployment__Output, name: string): { state: string; message: string; data: Record<string, unknown> } {
  const w = d.workloads.find((x) => x.name === name)!;
  return { state: w.result!.state, message: w.result!.message, data: JSON.parse(w.result!.data || '{}') as Record<string, unknown> };
}
