// ThreeFold's own Grid Proxy client (@threefold/gridproxy_client 2.9) reads a local grid's explorer:
// nodes with filters, one node, farms, a twin's contracts and stats, and every answer matches what
// `gridform chain ... --json` says. Bad requests get 400/404 with {"error"}, never a 500 or a stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalGrid } from './local-grid';

jest.setTimeout(180_000);

// its ESM entry is broken: require it
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GridProxyClient = require('@threefold/gridproxy_client').default;

interface ChainNode {
  id: number;
  farmId: number;
  twinId: number;
  resources: { cru: number; mru: string | number; sru: string | number; hru: string | number };
}
interface ChainFarm {
  id: number;
  name: string;
  twinId: number;
  publicIps: { ip: string; contractId: number | string }[];
}
interface ChainContract {
  id: number;
  twinId: number;
  type: string;
  state: string;
  nodeId: number;
  deploymentHash: string;
}

describe('the explorer read by @threefold/gridproxy_client', () => {
  const grid = new LocalGrid();
  let client: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  let chainNodes: ChainNode[];

  beforeAll(async () => {
    await grid.up(3);
    client = new GridProxyClient(grid.explorerUrl);
    chainNodes = await grid.chain<ChainNode[]>('nodes');
  });
  afterAll(() => grid.down());

  it("lists the chain's nodes, up, with the count header", async () => {
    const { count, data } = await client.nodes.list({ status: 'up', retCount: true });
    expect(count).toBe(chainNodes.length);
    expect(data.map((n: { nodeId: number }) => n.nodeId)).toEqual(chainNodes.map((n) => n.id));
    expect(data.every((n: { healthy: boolean }) => n.healthy)).toBe(true);
  });

  it('filters nodes by farm and free memory, and pages them', async () => {
    const inFarm1 = chainNodes.filter((n) => n.farmId === 1).map((n) => n.id);
    const { data } = await client.nodes.list({ farmIds: '1', freeMru: 2 ** 30, availableFor: grid.devTwin }, { loadFarm: true });
    expect(data.map((n: { nodeId: number }) => n.nodeId)).toEqual(inFarm1);
    expect(data[0].farm.name).toBe('farm-1');
    const tooBig = await client.nodes.list({ freeMru: 2 ** 50 });
    expect(tooBig.data).toEqual([]);
    const page2 = await client.nodes.list({ size: 2, page: 2, retCount: true });
    expect(page2.data.map((n: { nodeId: number }) => n.nodeId)).toEqual([chainNodes[2].id]);
  });

  it('gets one node with its capacity as the chain registered it', async () => {
    const chainNode = chainNodes[1];
    const node = await client.nodes.byId(chainNode.id);
    expect(node.nodeId).toBe(chainNode.id);
    expect(node.farmId).toBe(chainNode.farmId);
    expect(node.twinId).toBe(chainNode.twinId);
    expect(node.total_resources).toEqual({
      cru: chainNode.resources.cru,
      mru: Number(chainNode.resources.mru),
      sru: Number(chainNode.resources.sru),
      hru: Number(chainNode.resources.hru),
    });
    expect(node.status).toBe('up');
  });

  it('lists the farms with their public IPs', async () => {
    const farms = await grid.chain<ChainFarm[]>('farms');
    const { data } = await client.farms.list({ retCount: true });
    expect(data.map((f: { farmId: number; name: string; twinId: number }) => [f.farmId, f.name, f.twinId])).toEqual(
      farms.map((f) => [f.id, f.name, f.twinId]),
    );
    expect(data[0].publicIps.map((ip: { ip: string }) => ip.ip)).toEqual(farms[0].publicIps.map((ip) => ip.ip));
  });

  it('lists the contracts of a twin after an apply, and the stats count them', async () => {
    const apply = await grid.apply({ grid_deployment: { db: { node: 2, zdbs: [{ name: 'db', size: 1, password: 'pw' }] } } });
    expect(apply.stderr).toBe('');
    const onChain = await grid.chain<ChainContract[]>('contracts', '--twin', String(grid.devTwin));
    expect(onChain.length).toBeGreaterThan(0);
    const { data } = await client.contracts.list({ twinId: grid.devTwin });
    expect(data.map((c: { contract_id: number; state: string; type: string }) => [c.contract_id, c.state, c.type])).toEqual(
      onChain.map((c) => [c.id, c.state, c.type]),
    );
    expect(data[0].details.nodeId).toBe(onChain[0].nodeId);
    expect(data[0].details.deployment_hash).toBe(onChain[0].deploymentHash);
    const stats = await client.stats.get({ status: 'up' });
    expect(stats.nodes).toBe(chainNodes.length);
    expect(stats.totalCru).toBe(chainNodes.reduce((sum, n) => sum + n.resources.cru, 0));
    expect(stats.farms).toBe(2);
    expect(stats.contracts).toBe(onChain.filter((c) => c.state !== 'Deleted').length);
    // the node reports what the deployment uses, and the explorer counts it against the node
    const used = (await client.nodes.byId(2)).used_resources;
    expect(used.sru + used.hru).toBeGreaterThanOrEqual(2 ** 30);
  });

  it('answers bad requests with 400 or 404 and an error body, never a 500 or a stack trace', async () => {
    const cases: [string, number][] = [
      ['/nodes?color=blue', 400],
      ['/nodes?free_mru=lots', 400],
      ['/nodes?healthy=yes', 400],
      ['/nodes?page=0', 400],
      ['/nodes?size=10000', 400],
      ['/nodes?size=0', 400],
      ['/nodes?status=sleeping', 400],
      ['/nodes?sort_by=password', 400],
      ['/nodes?sort_order=sideways', 400],
      ['/nodes?page=1&page=2', 400],
      ['/nodes?farm_ids=1,x', 400],
      ['/nodes?node_id=-1', 400],
      ['/nodes/999999', 404],
      ['/nodes/abc', 400],
      ['/nodes/0', 400],
      ['/nodes/99999999999999999999', 400],
      ['/nodes/1/status?x=1', 400],
      ['/nodes/999/statistics', 404],
      ['/gateways/2', 404],
      ['/contracts/424242', 404],
      ['/contracts/424242/bills', 404],
      ['/contracts?state=', 200],
      ['/contracts?type=lease', 400],
      ['/twins/999/consumption', 404],
      ['/twins?twin_id=1.5', 400],
      ['/farms?free_ips=-3', 400],
      ['/stats?status=dead', 400],
      ['/no/such/path', 404],
      ['/nodes/%E0%A4%A', 400],
      ['/ping?x=1', 400],
      ['/explorer/nodes/1/usage', 200],
      ['/explorer/twins/999/balance', 404],
      ['/explorer/contracts/0', 400],
      ['/explorer/nodes/1/usage?from=0', 400],
    ];
    for (const [path, status] of cases) {
      const res = await fetch(grid.explorerUrl + path);
      const text = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status });
      if (status !== 200) expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
      expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|\.js:\d+/);
    }
    const post = await fetch(`${grid.explorerUrl}/nodes`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
  });

  it('serves the ping, version and health endpoints and binds loopback only', async () => {
    expect(await (await fetch(`${grid.explorerUrl}/ping`)).json()).toEqual({ ping: 'pong' });
    expect(((await (await fetch(`${grid.explorerUrl}/version`)).json()) as { version: string }).version).toContain('gridform-explorer');
    expect(((await (await fetch(`${grid.explorerUrl}/health`)).json()) as { nodes_answering: number }).nodes_answering).toBe(3);
    expect(new URL(grid.explorerUrl).hostname).toBe('127.0.0.1');
  });

  it('a node that stops reporting uptime is down once 80 minutes of chain time pass, and leaves status=up', async () => {
    const node3 = (JSON.parse(fs.readFileSync(path.join(grid.home, 'grid.json'), 'utf8')) as { nodes: { id: number; pid: number }[] })
      .nodes[2];
    process.kill(node3.pid, 'SIGKILL');
    expect((await grid.run(['chain', 'advance', '--hours', '2'])).code).toBe(0);
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline && status !== 'down') {
      status = ((await (await fetch(`${grid.explorerUrl}/nodes/${node3.id}/status`)).json()) as { status: string }).status;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe('down');
    const { data } = await client.nodes.list({ status: 'up' });
    expect(data.map((n: { nodeId: number }) => n.nodeId)).not.toContain(node3.id);
    const statistics = await fetch(`${grid.explorerUrl}/nodes/${node3.id}/statistics`);
    expect(statistics.status).toBe(502);
    expect(((await statistics.json()) as { error: string }).error).toContain(`node ${node3.id}`);
  });
});
