// Ctrl-C in the middle of `terraform apply` of 20 VMs: SIGINT goes to the whole process group
// (terraform and every provider process), as a terminal sends it. terraform-provider-grid ignores
// the signal and lets running creates finish after StopProvider, so everything made is in
// terraform's state; a second apply converges; nothing leaks after destroy.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { gridform, leftOnGrid, readGrid } from '../e2e/cli';
import { describeWithTerraform, terraform, terraformBin, terraformWorld, type TerraformWorld } from './terraform-cli';

jest.setTimeout(300_000);

const CONFIG = `
terraform {
  required_providers {
    grid = { source = "threefoldtech/grid" }
  }
}

resource "grid_network" "net" {
  name     = "many"
  nodes    = [1, 2]
  ip_range = "10.90.0.0/16"
}

resource "grid_deployment" "vm" {
  count        = 20
  node         = 1 + count.index % 2
  name         = "vm\${count.index}"
  network_name = grid_network.net.name
  vms {
    name   = "vm"
    flist  = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    cpu    = 1
    memory = 256
  }
}
`;

describeWithTerraform('Ctrl-C during terraform apply of 20 VMs', () => {
  const gridHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-int-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-int-config-'));
  let world: TerraformWorld;
  let chain: ChainClient;
  const tf = (...args: string[]) => terraform(world, dir, args);
  const live = async () => (await chain.contracts({ twinId: readGrid(gridHome).devAccount.twinId })).filter((c) => c.state !== 'Deleted');
  /** the contract ids terraform's state holds: each deployment's, and the network's on each node */
  const contractsInState = async (): Promise<string[]> => {
    const state = JSON.parse((await tf('show', '-json')).stdout) as {
      values?: { root_module: { resources?: { type: string; values: Record<string, unknown> }[] } };
    };
    return (state.values?.root_module.resources ?? []).flatMap((r) =>
      r.type === 'grid_network' ? Object.values(r.values.node_deployment_id as Record<string, number>).map(String) : [String(r.values.id)],
    );
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home: gridHome })).code).toBe(0);
    chain = new ChainClient(readGrid(gridHome).chain.address);
    world = await terraformWorld(gridHome);
    fs.writeFileSync(path.join(dir, 'main.tf'), CONFIG);
    expect((await tf('init', '-no-color')).code).toBe(0);
  });
  afterAll(async () => {
    chain?.close();
    await gridform(['grid', 'down', '--purge'], { home: gridHome });
    fs.rmSync(dir, { recursive: true, force: true });
    if (world) fs.rmSync(world.home, { recursive: true, force: true });
  });

  it('what was created before Ctrl-C is in the state, no contract is left out of it, and a second apply converges', async () => {
    const child = spawn(terraformBin(), ['-chdir=' + dir, 'apply', '-auto-approve', '-no-color', '-parallelism=4'], {
      env: { ...process.env, ...world.env, GRIDFORM_HOME: gridHome, MNEMONIC: '' },
      detached: true, // its own process group, as a shell gives a job
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const created = () => (stdout.match(/grid_deployment\.vm\[\d+\]: Creation complete/g) ?? []).length;
    while (created() < 3) await new Promise((r) => setTimeout(r, 20));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).not.toBe(0);
    expect(stdout).toContain('Interrupt received');
    const inState = await contractsInState();
    const deployments = inState.length - 2;
    expect(deployments).toBeGreaterThanOrEqual(3);
    expect(deployments).toBeLessThan(20);
    // every live contract on the chain is one terraform knows: nothing leaked
    expect((await live()).map((c) => String(c.id)).sort()).toEqual([...inState].sort());

    const again = await tf('apply', '-auto-approve', '-no-color');
    // stderr too, so a failure shows terraform's error
    expect(`${again.stdout}\n${again.stderr}`).toContain(`Apply complete! Resources: ${20 - deployments} added, 0 changed, 0 destroyed.`);
    expect((await tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    expect(await live()).toHaveLength(22);
  });

  it('destroy leaves nothing on the grid', async () => {
    expect((await tf('destroy', '-auto-approve', '-no-color')).code).toBe(0);
    expect(await leftOnGrid(gridHome)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
