// examples/gateway end to end on a local grid: real cdktf synth, apply (a name contract, a node
// contract per deployment, the gateway serving NAME.DOMAIN), no changes on the next plan, a
// backend change in place, a new name by replacement, a name contract left alone by a cut destroy
// taken again, and destroy leaving no contract at all.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromMnemonic } from '../../../proto';
import { copyExample, gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(240_000);

describe('examples/gateway on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-gateway-'));
  const app = copyExample('gateway');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  const setStack = (edit: (src: string) => string) =>
    fs.writeFileSync(path.join(app, 'stack.ts'), edit(fs.readFileSync(path.join(app, 'stack.ts'), 'utf8')));
  let chain: ChainClient;
  const live = async () => (await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state !== 'Deleted');

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('applies: the gateway serves hello.DOMAIN, held by a name contract', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(apply.stdout).toContain('fqdn = "hello.gw1.gridform.local"');
    expect(apply.stdout).toContain('expected_fqdn = "hello.gw1.gridform.local"');
    const contracts = await live();
    expect(contracts.filter((c) => c.type === 'name').map((c) => c.name)).toEqual(['hello']);
    expect(contracts.filter((c) => c.type === 'node')).toHaveLength(4); // the network on 2 nodes, the VM, the gateway
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('a new backend port is an update in place of the gateway', async () => {
    setStack((s) => s.replace('props.port ?? 8080}`]', 'props.port ?? 9090}`]'));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_name_proxy.proxy will be updated in-place');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('0 added, 1 changed, 0 destroyed');
  });

  it('a new name replaces the gateway and its name contract', async () => {
    setStack((s) => s.replace("props.name ?? 'hello'", "props.name ?? 'welcome'"));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_name_proxy.proxy must be replaced');
    const apply = await run('apply', '-skip-synth', '-auto-approve');
    expect(apply.stdout).toContain('fqdn = "welcome.gw1.gridform.local"');
    expect((await live()).filter((c) => c.type === 'name').map((c) => c.name)).toEqual(['welcome']);
  });

  it("a destroy cut between the gateway's two cancellations: the next apply takes the twin's own name contract again", async () => {
    const nameContract = (await live()).find((c) => c.type === 'name' && c.name === 'welcome')!;
    const gateway = (await live()).find((c) => c.type === 'node' && JSON.parse(c.deploymentData).type === 'gateway')!;
    // what a destroy killed after cancelling the node contract leaves: the name contract alone
    await chain.submit(keyPairFromMnemonic(readGrid(home).devAccount.mnemonic), { cancelContract: { contractId: Number(gateway.id) } });
    const apply = await run('apply', '-skip-synth', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const names = (await live()).filter((c) => c.type === 'name');
    expect(names.map((c) => c.id)).toEqual([nameContract.id]);
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('destroy leaves no node contract, no name contract and no workload', async () => {
    expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
    expect(await live()).toEqual([]);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
