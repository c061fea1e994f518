// cdktf-cli drives gridform in place of terraform: with TERRAFORM_BINARY_NAME naming gridform,
// `cdktf diff`, `deploy`, `output` and `destroy` work on examples/quickstart against a local grid
// (cdktf runs apply and destroy in a pseudo-terminal).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { copyExample, gridform, GRIDFORM, readGrid, run, REPO } from './cli';

jest.setTimeout(240_000);

describe('cdktf-cli with gridform as its terraform', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-cdktf-'));
  const app = copyExample('quickstart');
  const cdktf = (...args: string[]) =>
    run(path.join(REPO, 'node_modules', '.bin', 'cdktf'), args, {
      cwd: app,
      home,
      env: { TERRAFORM_BINARY_NAME: GRIDFORM, CI: '1', FORCE_COLOR: '0' },
    });

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('cdktf diff shows the plan gridform made', async () => {
    const diff = await cdktf('diff');
    expect(diff.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(diff.code).toBe(0);
  });

  it('cdktf deploy --auto-approve applies through gridform and prints the outputs', async () => {
    const deploy = await cdktf('deploy', '--auto-approve');
    expect(deploy.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(deploy.code).toBe(0);
  });

  it('cdktf output reads the outputs through gridform output -json', async () => {
    const output = await cdktf('output');
    expect(output.stdout).toMatch(/private_ip = 10\.1\.\d+\.\d+/);
    expect(output.code).toBe(0);
  });

  it('cdktf destroy --auto-approve destroys through gridform, leaving no contract', async () => {
    const destroy = await cdktf('destroy', '--auto-approve');
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(destroy.code).toBe(0);
    const chain = new ChainClient(readGrid(home).chain.address);
    try {
      const live = (await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state === 'Created');
      expect(live).toEqual([]);
    } finally {
      chain.close();
    }
  });
});
