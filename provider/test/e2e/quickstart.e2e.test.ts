// The walking skeleton end to end, as a user runs it: a local grid of separate processes, real
// cdktf synth of examples/quickstart, plan, apply, output, a SIGKILL of every daemon, and destroy.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, deploymentHashHex } from '../../../proto';
import { copyExample, gridform, readGrid, run, REPO, devNodeClient } from './cli';

jest.setTimeout(180_000);

describe('quickstart on a local grid of separate processes', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-e2e-'));
  const app = copyExample('quickstart');
  const clients: { close(): void }[] = [];
  const chain = () => {
    const c = new ChainClient(readGrid(home).chain.address);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const up = await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home });
    expect(up.stderr + up.stdout).toContain('mnemonic:');
    expect(up.code).toBe(0);
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('synthesizes with the real cdktf synth into grid_network and grid_deployment', async () => {
    const synth = await run(path.join(REPO, 'node_modules', '.bin', 'cdktf'), ['synth'], { cwd: app, home });
    expect(synth.code).toBe(0);
    const stackFile = path.join(app, 'cdktf.out', 'stacks', 'quickstart', 'cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as { resource: Record<string, unknown> };
    expect(Object.keys(doc.resource).sort()).toEqual(['grid_deployment', 'grid_network']);
  });

  it('plans 2 to add from what cdktf synth wrote', async () => {
    // -skip-synth: the app was just synthesized (each synth costs ~9 s of CPU); that plan and apply
    // synthesize an edited app by themselves is shown below and in network-wireguard.e2e
    const plan = await gridform(['plan', '-skip-synth', '-no-color'], { cwd: app, home });
    expect(plan.stderr).not.toContain('Error');
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(plan.code).toBe(0);
  });

  it('applies: a node contract whose hash is the hash of what the node holds, and outputs the IPs', async () => {
    const apply = await gridform(['apply', '-skip-synth', '-auto-approve', '-no-color'], { cwd: app, home });
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    const grid = readGrid(home);
    const contracts = (await chain().contracts({ twinId: grid.devAccount.twinId })).filter((c) => c.state === 'Created');
    expect(contracts).toHaveLength(2); // the network's and the VM's
    for (const c of contracts) {
      const node = devNodeClient(
        grid,
        grid.nodes.find((n) => n.id === c.nodeId)!,
      );
      clients.push(node);
      const held = await node.get(grid.devAccount.twinId, c.id);
      expect(deploymentHashHex(held)).toBe(c.deploymentHash);
      expect(held.workloads.every((w) => w.result?.state === 'ok')).toBe(true);
    }

    const out = await gridform(['output', '-json'], { cwd: app, home });
    const outputs = JSON.parse(out.stdout) as Record<string, { value: string }>;
    expect(outputs.private_ip.value).toMatch(/^10\.1\.2\.\d+$/);
    expect(outputs.public_ip.value).toMatch(/^\d+\.\d+\.\d+\.\d+\/24$/);
    const vmContract = contracts.find((c) => c.publicIps === 1)!;
    expect(vmContract.publicIpsList.map((p) => p.ip)).toEqual([outputs.public_ip.value]);
  });

  it('leaves no file that holds a secret readable by group or others: state, saved plan, grid folder', async () => {
    expect((await gridform(['plan', '-skip-synth', '-out=tfplan', '-no-color'], { cwd: app, home })).code).toBe(0);
    const states = filesUnder(app).filter((f) => f.endsWith('.tfstate'));
    expect(states).toHaveLength(1);
    const secretFiles = [
      ...states,
      path.join(app, 'tfplan'),
      ...filesUnder(home).filter((f) => /grid\.json$|admin\.token$|\.sqlite(-wal|-shm)?$|\.log$/.test(f)),
    ];
    expect(secretFiles.filter((f) => f.endsWith('.sqlite')).length).toBeGreaterThanOrEqual(3); // the chain's and each node's
    expect(secretFiles.filter((f) => f.endsWith('admin.token'))).toHaveLength(1);
    const readable = secretFiles.filter((f) => (fs.statSync(f).mode & 0o077) !== 0);
    expect(readable).toEqual([]);
    fs.rmSync(path.join(app, 'tfplan'));
  });

  it('bills the VM hourly from what the node reported, as the chain and account commands show', async () => {
    const grid = readGrid(home);
    const vm = (await chain().contracts({ twinId: grid.devAccount.twinId })).find((c) => c.state === 'Created' && c.publicIps === 1)!;
    expect(vm.used).toMatchObject({ cru: 1, mru: 1024 * 2 ** 20 });
    const balance = async () => JSON.parse((await gridform(['account', 'balance', '--json'], { home })).stdout) as { balanceTft: string };
    const before = Number((await balance()).balanceTft);
    expect((await gridform(['chain', 'advance', '--hours', '2'], { home })).code).toBe(0);
    const bills = JSON.parse((await gridform(['chain', 'bills', String(vm.id), '--json'], { home })).stdout) as {
      amountTft: string;
      discountLevel: string;
    }[];
    expect(bills).toHaveLength(2);
    expect(bills.every((b) => Number(b.amountTft) > 0)).toBe(true);
    const after = Number((await balance()).balanceTft);
    expect(before - after).toBeGreaterThanOrEqual(bills.reduce((sum, b) => sum + Number(b.amountTft), 0) - 1e-7);
    const contracts = JSON.parse(
      (await gridform(['chain', 'contracts', '--twin', String(grid.devAccount.twinId), '--json'], { home })).stdout,
    ) as { id: number }[];
    expect(contracts.map((c) => c.id)).toContain(vm.id);
  });

  it('loses no twin, contract or workload when the chain and every node are SIGKILLed and restarted', async () => {
    const before = readGrid(home);
    const contractsBefore = await chain().contracts({ twinId: before.devAccount.twinId });
    for (const pid of [before.chain.pid, ...before.nodes.map((n) => n.pid)]) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const up = await gridform(['grid', 'up'], { home });
    expect(up.code).toBe(0);
    const after = readGrid(home);
    expect(after.chain.pid).not.toBe(before.chain.pid);
    const c = chain();
    expect((await c.twin(before.devAccount.twinId)).id).toBe(before.devAccount.twinId);
    expect(await c.contracts({ twinId: before.devAccount.twinId })).toEqual(contractsBefore);
    for (const contract of contractsBefore) {
      const node = devNodeClient(
        after,
        after.nodes.find((n) => n.id === contract.nodeId)!,
      );
      clients.push(node);
      const held = await node.get(before.devAccount.twinId, contract.id);
      expect(held.workloads.every((w) => w.result?.state === 'ok')).toBe(true);
    }
    const plan = await gridform(['plan', '-skip-synth', '-no-color', '-detailed-exitcode'], { cwd: app, home });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  it('more memory is an update in place; dropping the public IP replaces the deployment', async () => {
    const stackFile = path.join(app, 'stack.ts');
    const edit = (from: string, to: string) => fs.writeFileSync(stackFile, fs.readFileSync(stackFile, 'utf8').replace(from, to));
    edit('memory: 1024,', 'memory: 2048,');
    const update = await gridform(['plan', '-no-color'], { cwd: app, home });
    expect(update.stdout).toContain('# grid_deployment.vm will be updated in-place');
    expect(update.stdout).toMatch(/~ memory += 1024 -> 2048/);
    const synthesized = path.join(app, 'cdktf.out');
    const withPublicIp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-e2e-synth-'));
    fs.cpSync(synthesized, withPublicIp, { recursive: true });
    const saved = JSON.parse(fs.readFileSync(path.join(withPublicIp, 'stacks', 'quickstart', 'cdk.tf.json'), 'utf8')) as {
      resource: { grid_deployment: { vm: { vms: { memory: number; publicip: boolean }[] } } };
    };
    expect(saved.resource.grid_deployment.vm.vms[0]).toMatchObject({ memory: 2048, publicip: true });
    expect((await gridform(['apply', '-skip-synth', '-auto-approve', '-no-color'], { cwd: app, home })).stdout).toContain(
      '0 added, 1 changed, 0 destroyed',
    );
    edit('publicip: true,', 'publicip: false,');
    const replace = await gridform(['plan', '-no-color'], { cwd: app, home });
    expect(replace.stdout).toContain('# grid_deployment.vm must be replaced');
    expect((await gridform(['apply', '-skip-synth', '-auto-approve', '-no-color'], { cwd: app, home })).stdout).toContain(
      '1 added, 0 changed, 1 destroyed',
    );
    // back to the app as it was synthesized above: its output is put back rather than synthesized again
    edit('publicip: false,', 'publicip: true,');
    fs.rmSync(synthesized, { recursive: true });
    fs.cpSync(withPublicIp, synthesized, { recursive: true });
    fs.rmSync(withPublicIp, { recursive: true });
    expect((await gridform(['apply', '-skip-synth', '-auto-approve', '-no-color'], { cwd: app, home })).code).toBe(0);
    expect((await gridform(['plan', '-skip-synth', '-detailed-exitcode', '-no-color'], { cwd: app, home })).code).toBe(0);
  });

  it('destroys: the contracts are cancelled, the public IP is free and the node removed the workloads', async () => {
    const grid = readGrid(home);
    const live = (await chain().contracts({ twinId: grid.devAccount.twinId })).filter((c) => c.state === 'Created');
    const destroy = await gridform(['destroy', '-skip-synth', '-auto-approve', '-no-color'], { cwd: app, home });
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    const c = chain();
    for (const contract of live) expect((await c.contract(contract.id)).state).toBe('Deleted');
    expect((await c.farms()).flatMap((f) => f.publicIps).every((ip) => ip.contractId === 0)).toBe(true);
    for (const contract of live) {
      const node = devNodeClient(
        grid,
        grid.nodes.find((n) => n.id === contract.nodeId)!,
      );
      clients.push(node);
      const deadline = Date.now() + 10_000;
      let states: (string | undefined)[] = [];
      while (Date.now() < deadline) {
        states = (await node.get(grid.devAccount.twinId, contract.id)).workloads.map((w) => w.result?.state);
        if (states.every((s) => s === 'deleted')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(states.every((s) => s === 'deleted')).toBe(true);
      expect((await node.list(grid.devAccount.twinId)).map((d) => d.contractId)).not.toContain(contract.id);
    }
  });
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}
