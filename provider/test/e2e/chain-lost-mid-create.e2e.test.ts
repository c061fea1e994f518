// The chain lost while an apply creates a network, on a local grid of real processes: the apply
// reaches the chain through a TCP relay, which is cut once the first contract exists. The create
// fails and cannot cancel what it made (the chain is out of reach), so the object is kept in the
// state, tainted, with the key its contracts carry; the next apply replaces it, cancelling those
// contracts, and nothing is left billed that no state knows of.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { applyActingWhen, gridform, leftOnGrid, readGrid, type Run } from './cli';

jest.setTimeout(180_000);

/** A TCP relay to `target` on a fixed loopback port that can be cut (connections dropped, port closed) and opened again. */
class Relay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  cut(): void {
    this.server?.close();
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
  }
}

type StateFile = { resources: { type: string; instances: { status?: string; attributes: Record<string, unknown> }[] }[] };

describe('the chain lost while an apply creates a network', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chainlost-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chainlost-stack-'));
  let chain: ChainClient;
  let relay: Relay;
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const live = async () => (await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state !== 'Deleted');
  const state = () => JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;

  /** `gridform apply`, with the relay cut as soon as a contract of this twin is live (polled every 10 ms). */
  async function applyCutWhenAContractExists(): Promise<Run & { cut: boolean }> {
    const r = await applyActingWhen(
      { cwd: dir, home },
      async () => (await live()).length > 0,
      () => relay.cut(),
    );
    if (!r.acted) relay.cut();
    return { ...r, cut: r.acted };
  }

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3'], { home })).code).toBe(0);
    const [host, port] = readGrid(home).chain.address.split(':');
    chain = new ChainClient(readGrid(home).chain.address);
    relay = new Relay({ host, port: Number(port) });
    await relay.open();
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
        provider: { grid: [{ network: 'local', chain_url: `127.0.0.1:${relay.port}`, timeout_seconds: 20 }] },
        resource: { grid_network: { net: { name: 'chainlost', nodes: [1, 2, 3], ip_range: '10.82.0.0/16' } } },
      }),
    );
  });
  afterAll(async () => {
    relay.cut();
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a create cut from the chain is kept tainted with what it made, or completes if done with the chain; then converges', async () => {
    const failed = await applyCutWhenAContractExists();
    expect(failed.cut).toBe(true);
    if (failed.code === 0) {
      // the three nodes' shares are created at once: all were on chain before the cut, and the
      // rest of a network's create talks to the nodes only; the state must then hold them all
      await relay.open();
      await expectChainHoldsTheNetworkOfTheState();
      return;
    }
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/the chain at 127\.0\.0\.1:\d+ is unreachable/);
    const orphans = (await live()).map((c) => Number(c.id));
    expect(orphans.length).toBeGreaterThan(0);
    expect(failed.stderr).toContain('The failed create is kept in the state, tainted');
    const kept = state().resources.find((r) => r.type === 'grid_network')?.instances[0];
    expect(kept?.status).toBe('tainted');

    await relay.open();
    const plan = await run('plan');
    expect(plan.stdout).toContain('grid_network.net is tainted, so must be replaced');
    const again = await run('apply', '-auto-approve');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const nowLive = (await live()).map((c) => Number(c.id));
    for (const id of orphans) expect(nowLive).not.toContain(id);
    await expectChainHoldsTheNetworkOfTheState();
  });

  /** The live contracts are exactly the network's in the state, and a plan has nothing to do. */
  async function expectChainHoldsTheNetworkOfTheState(): Promise<void> {
    const nowLive = (await live()).map((c) => Number(c.id));
    const network = state().resources.find((r) => r.type === 'grid_network')!.instances[0];
    const ids = Object.values(network.attributes.node_deployment_id as object);
    expect(nowLive.sort((a, b) => a - b)).toEqual(ids.map(Number).sort((a, b) => a - b));
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  }

  it('destroy afterwards leaves no contract, public IP or workload', async () => {
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
