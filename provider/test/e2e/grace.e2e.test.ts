// A twin that runs out of funds, as a user meets it: after the next bill the VM's contract is in
// the grace period and the node pauses its workloads; the next plan has nothing to change but
// warns, naming the contract; after a top-up and the next bill, the VM runs and the warning is gone.
// (The network's contract uses no capacity, so it costs nothing and never enters grace.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromMnemonic, keyPairFromSeed, tftToUnits } from '../../../proto';
import { copyExample, gridform, leftOnGrid, readGrid, devNodeClient } from './cli';

jest.setTimeout(180_000);

describe('a stack whose twin runs out of funds', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-grace-'));
  const app = copyExample('quickstart');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('plans no changes but warns while the contracts are in the grace period, and stops warning once paid', async () => {
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const grid = readGrid(home);
    const chain = new ChainClient(grid.chain.address, { adminToken: fs.readFileSync(grid.chain.adminTokenFile!, 'utf8').trim() });
    const node = devNodeClient(grid, grid.nodes[0]);
    try {
      const dev = keyPairFromMnemonic(grid.devAccount.mnemonic);
      const vmContract = Number(
        JSON.parse((await run('state', 'pull')).stdout).resources.find((r: { type: string }) => r.type === 'grid_deployment').instances[0]
          .attributes.id,
      );
      const states = async () => (await node.get(grid.devAccount.twinId, vmContract)).workloads.map((w) => w.result?.state);
      // the node has reported what the VM uses: the next bill charges for it
      const reported = Date.now() + 10_000;
      while (!Number((await chain.contract(vmContract)).used?.mru ?? 0) && Date.now() < reported)
        await new Promise((r) => setTimeout(r, 100));

      // everything but a few units leaves the account; the next hourly bill cannot be paid
      const balance = BigInt((await chain.account(dev.publicKey)).balance);
      await chain.submit(dev, { transfer: { to: keyPairFromSeed(Buffer.alloc(32, 9)).publicKey, amount: String(balance - 10n) } });
      expect((await gridform(['chain', 'advance', '--hours', '1'], { home })).code).toBe(0);
      expect((await chain.contract(vmContract)).state).toBe('GracePeriod');
      const deadline = Date.now() + 10_000;
      while (!(await states()).every((s) => s === 'paused') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await states()).toEqual(['paused', 'paused']); // the VM and its public IP

      const inGrace = await run('plan', '-skip-synth', '-detailed-exitcode');
      expect(inGrace.code).toBe(0);
      expect(inGrace.stdout).toContain('No changes.');
      const said = inGrace.stdout + inGrace.stderr;
      expect(said).toContain(`Warning: Contract ${vmContract} is in the grace period: workloads paused`);
      expect(said).toContain(
        `The balance of twin ${grid.devAccount.twinId} does not pay for it, so the workloads on node ${grid.nodes[0].id} are paused`,
      );
      expect(said.match(/grace period: workloads paused/g)).toHaveLength(1);

      // a top-up: the next bill ends the grace period, the node resumes the workloads, the warning goes
      await chain.fund(dev.publicKey, tftToUnits('1000'));
      expect((await gridform(['chain', 'advance', '--hours', '1'], { home })).code).toBe(0);
      expect((await chain.contract(vmContract)).state).toBe('Created');
      const resumed = Date.now() + 10_000;
      while (!(await states()).every((s) => s === 'ok') && Date.now() < resumed) await new Promise((r) => setTimeout(r, 100));
      expect((await states()).every((s) => s === 'ok')).toBe(true);
      const paid = await run('plan', '-skip-synth', '-detailed-exitcode');
      expect(paid.code).toBe(0);
      expect(paid.stdout + paid.stderr).not.toContain('grace period');

      expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      node.close();
      chain.close();
    }
  });
});
