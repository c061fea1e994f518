// Creates are idempotent across crashes, on a local grid of real processes: `gridform apply` is
// SIGKILLed at a moment read from the chain or the nodes (a contract just created, a VM coming
// up), then applied again. What the killed run made is adopted or cancelled, never made twice: the
// chain then holds exactly the contracts of the state, and destroy leaves nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { Unknown, type ObjectValue } from '../../../engine';
import { GridProviderImpl } from '../../src/grid-provider';
import { applyActingWhen, devNodeClient, gridform, leftOnGrid, readGrid, type Run } from './cli';

jest.setTimeout(240_000);

type StateFile = { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };

describe('an apply killed while it creates grid resources', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-killed-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-killed-stack-'));
  let chain: ChainClient;
  let twin: number;
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const write = (resource: Record<string, unknown>) =>
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
        provider: { grid: [{ network: 'local' }] },
        resource,
      }),
    );
  const vm = (name: string, node: number, publicip: boolean) => ({
    node,
    network_name: '${grid_network.net.name}',
    vms: [{ name, flist: 'https://hub/base.flist', cpu: 1, memory: 512, publicip }],
  });
  const networkAndTwoVms = {
    grid_network: { net: { name: 'killed', nodes: [1, 2], ip_range: '10.81.0.0/16' } },
    grid_deployment: { a: vm('a', 1, true), b: vm('b', 2, false) },
  };
  const live = async () => (await chain.contracts({ twinId: twin })).filter((c) => c.state !== 'Deleted');

  /** Starts `gridform apply` and SIGKILLs it as soon as `moment` holds (polled every 10 ms). */
  async function applyKilledWhen(moment: () => Promise<boolean>): Promise<Run & { killed: boolean }> {
    const r = await applyActingWhen({ cwd: dir, home }, moment, (child) => child.kill('SIGKILL'));
    return { ...r, killed: r.acted };
  }

  /** Every contract id the state names (node contracts and name contracts). */
  function contractsInState(): number[] {
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
    const ids: unknown[] = [];
    for (const r of state.resources) {
      for (const { attributes: a } of r.instances) {
        if (r.type === 'grid_network' || r.type === 'grid_kubernetes')
          ids.push(...Object.values(a.node_deployment_id as Record<string, unknown>));
        else ids.push(a.id, ...(a.name_contract_id ? [a.name_contract_id] : []));
      }
    }
    return ids.map(Number).sort((x, y) => x - y);
  }

  async function expectChainHoldsExactlyTheState(): Promise<void> {
    expect((await live()).map((c) => Number(c.id)).sort((x, y) => x - y)).toEqual(contractsInState());
  }

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
    twin = readGrid(home).devAccount.twinId;
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Destroys, then runs an apply killed when `moment` holds, up to three times until the next apply
   * shows the `recovered` warning: a busy machine may see the moment only after the apply recorded
   * it, and then that recovery is not what gets tested. Returns the next apply's run.
   */
  async function killBeforeRecordedThenApply(moment: () => Promise<boolean>, recovered: RegExp): Promise<Run> {
    for (let attempt = 1; ; attempt++) {
      expect((await run('destroy', '-auto-approve')).code).toBe(0);
      const killed = await applyKilledWhen(moment);
      const again = await run('apply', '-auto-approve');
      expect(again.code).toBe(0);
      if (killed.killed && recovered.test(again.stderr)) return again;
      // the kill came later than the moment (the apply had recorded it, or finished): try again
      await expectChainHoldsExactlyTheState();
      if (attempt === 3) throw new Error('three applies finished before the kill came: the moment was never caught in time');
    }
  }

  it('killed right after the first contract appears: the next apply cancels a cut network or adopts a whole one', async () => {
    write(networkAndTwoVms);
    // the nodes get their shares at once, in any order: a network the kill cut short (a node without
    // its deployment) is cancelled and made anew; one whose every node has its deployment is adopted
    const cut = /grid_network\.net: cancelled contracts? \d+ \(node [12]\).*interrupted apply created \(a network cut/;
    const whole = /grid_network\.net: adopted contracts \d+ on node 1, \d+ on node 2, which an interrupted apply created/;
    const again = await killBeforeRecordedThenApply(async () => (await live()).length > 0, new RegExp(`${cut.source}|${whole.source}`));
    expect(again.stderr).not.toContain('Error');
    // a cut network is made anew with the VMs; a whole one is adopted before the plan, which then adds the VMs only
    const added = cut.test(again.stderr) ? 3 : 2;
    expect(again.stdout).toContain(`Apply complete! Resources: ${added} added, 0 changed, 0 destroyed.`);
    await expectChainHoldsExactlyTheState();
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('grid_network imports by its node contract ids, and the next plan has no changes', async () => {
    const networks = (await live()).filter((c) => JSON.parse(c.deploymentData).type === 'network');
    const ids = networks.sort((x, y) => Number(x.nodeId) - Number(y.nodeId)).map((c) => c.id);
    expect(ids).toHaveLength(2);
    expect((await run('state', 'rm', 'grid_network.net')).code).toBe(0);
    const bad = await run('import', 'grid_network.net', String(ids[0]));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/network killed on node 1 \(contract \d+\) has a peer with subnet 10\.81\.3\.0\/24 that none of/);
    const imported = await run('import', 'grid_network.net', ids.join(','));
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const plan = await run('plan', '-detailed-exitcode');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    await expectChainHoldsExactlyTheState();
  });

  it("killed as the network's last share comes up: the next apply adopts the network whole", async () => {
    write({ grid_network: networkAndTwoVms.grid_network });
    // the nodes get their shares at once, in any order: the last share is up when both nodes hold one
    const nodes = readGrid(home).nodes.map((n) => devNodeClient(readGrid(home), n));
    try {
      const isNetwork = (w: { type: string; result?: { state: string } | null }) => w.type === 'network' && w.result?.state !== 'deleted';
      const networkOn = async (n: (typeof nodes)[number]) => (await n.list(twin)).some((d) => d.workloads.some(isNetwork));
      const networkOnBoth = async () => (await Promise.all(nodes.map(networkOn))).every(Boolean);
      // contracts in the order the chain made them, which may be either node first
      const adopted = /grid_network\.net: adopted contracts \d+ on node [12], \d+ on node [12], which an interrupted apply created/;
      const again = await killBeforeRecordedThenApply(networkOnBoth, adopted);
      expect(again.stdout).toContain('No changes.');
    } finally {
      nodes.forEach((n) => n.close());
    }
    await expectChainHoldsExactlyTheState();
    write(networkAndTwoVms);
  });

  it('killed while a VM comes up on its node: the next apply adopts its contract instead of making another', async () => {
    const grid = readGrid(home);
    const nodes = grid.nodes.map((n) => devNodeClient(grid, n));
    try {
      const vmOnANode = async () => {
        const deployments = (await Promise.all(nodes.map((n) => n.list(twin)))).flat();
        return deployments.some((d) => d.workloads.some((w) => w.type === 'zmachine' && w.result?.state !== 'deleted'));
      };
      await killBeforeRecordedThenApply(
        vmOnANode,
        /grid_deployment\.[ab]: adopted contract \d+ on node [12], which an interrupted apply created/,
      );
    } finally {
      nodes.forEach((n) => n.close());
    }
    await expectChainHoldsExactlyTheState();
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('destroy after the recovered applies leaves no contract, public IP or workload', async () => {
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });

  it('the same deployment created again without a key (its record lost) adopts the live contract, not a second one', async () => {
    const provider = new GridProviderImpl({ GRIDFORM_HOME: home, MNEMONIC: readGrid(home).devAccount.mnemonic });
    try {
      expect((await provider.configure({ config: { network: 'local' } })).diagnostics).toEqual([]);
      const config: ObjectValue = {
        node: 2,
        name: 'same',
        disks: [{ name: 'data', size: 1, description: null }],
        vms: [],
        containers: [],
        zdbs: [],
        network_name: null,
        solution_type: null,
      };
      const plannedState: ObjectValue = { ...config, id: Unknown, ip_range: Unknown };
      const create = () => provider.applyResourceChange({ typeName: 'grid_deployment', priorState: null, plannedState, config });
      const first = await create();
      expect(first.diagnostics).toEqual([]);
      const second = await create();
      expect(second.diagnostics).toEqual([]);
      expect(second.newState?.id).toBe(first.newState?.id);
      expect((await live()).map((c) => String(c.id))).toEqual([first.newState?.id]);
      await provider.applyResourceChange({ typeName: 'grid_deployment', priorState: first.newState, plannedState: null, config: null });
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      await provider.close();
    }
  });

  it("a kubernetes cluster killed after its master's contract: the next apply cancels what was made and converges", async () => {
    const k3s = (name: string, node: number) => ({ name, node, cpu: 1, memory: 1024, disk_size: 2 });
    write({
      grid_network: networkAndTwoVms.grid_network,
      grid_kubernetes: {
        k8s: { network_name: '${grid_network.net.name}', token: 'killed-token', master: k3s('master', 1), workers: [k3s('worker', 2)] },
      },
    });
    const killed = await applyKilledWhen(async () => (await live()).some((c) => JSON.parse(c.deploymentData).type === 'kubernetes'));
    expect(killed.killed).toBe(true);
    const again = await run('apply', '-auto-approve');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/grid_kubernetes\.k8s: cancelled contracts? \d+ \(node 1\).*\(a cluster cannot be imported\)/);
    await expectChainHoldsExactlyTheState();
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });

  it('a name gateway killed as its contracts appear: the next apply converges with one name contract, in the state', async () => {
    write({ grid_name_proxy: { gw: { node: 1, name: 'killedgw', backends: ['http://10.81.2.2:8080'] } } });
    const killed = await applyKilledWhen(async () => (await live()).some((c) => c.type === 'name'));
    expect(killed.killed).toBe(true);
    const again = await run('apply', '-auto-approve');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/grid_name_proxy\.gw: (adopted|cancelled) contract/);
    expect((await live()).filter((c) => c.type === 'name').map((c) => c.name)).toEqual(['killedgw']);
    await expectChainHoldsExactlyTheState();
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
  describe('an update that adds a node, killed once the new contract exists', () => {
    const isOn = (node: number, type: string) => async () =>
      (await live()).some((c) => Number(c.nodeId) === node && JSON.parse(c.deploymentData).type === type);
    const cancelledByRefresh = /Cancelled contract \d+ \(node 2\), which an interrupted update created/;

    it('grid_network: the next plan cancels the contract the update made, and apply adds the node again', async () => {
      const net = (nodes: number[]) => ({ grid_network: { net: { name: 'grow', nodes, ip_range: '10.82.0.0/16' } } });
      write(net([1]));
      expect((await run('apply', '-auto-approve')).code).toBe(0);
      write(net([1, 2]));
      expect((await applyKilledWhen(isOn(2, 'network'))).killed).toBe(true);
      const plan = await run('plan');
      expect(plan.stdout + plan.stderr).toMatch(cancelledByRefresh);
      expect((await live()).filter((c) => Number(c.nodeId) === 2)).toEqual([]);
      expect((await run('apply', '-auto-approve')).code).toBe(0);
      await expectChainHoldsExactlyTheState();
      expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
    });

    it('grid_kubernetes: a worker contract on the added node is cancelled, and destroy leaves nothing', async () => {
      const k3s = (name: string, node: number) => ({ name, node, cpu: 1, memory: 1024, disk_size: 2 });
      const cluster = (workers: ReturnType<typeof k3s>[]) => ({
        grid_network: { net: { name: 'grow', nodes: [1, 2], ip_range: '10.82.0.0/16' } },
        grid_kubernetes: { k8s: { network_name: '${grid_network.net.name}', token: 'grow-token', master: k3s('master', 1), workers } },
      });
      write(cluster([]));
      expect((await run('apply', '-auto-approve')).code).toBe(0);
      write(cluster([k3s('worker', 2)]));
      expect((await applyKilledWhen(isOn(2, 'kubernetes'))).killed).toBe(true);
      const again = await run('apply', '-auto-approve');
      expect(again.code).toBe(0);
      expect(again.stdout + again.stderr).toMatch(cancelledByRefresh);
      await expectChainHoldsExactlyTheState();
      expect((await run('destroy', '-auto-approve')).code).toBe(0);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    });
  });
});
