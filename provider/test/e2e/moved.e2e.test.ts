// Renaming a construct on a local grid, as a user refactors a stack: with cdktf's moveFromId the
// real cdktf synth writes a moved block, and the plan moves the VM's deployment to its new
// address instead of destroying it and creating another: same contract, same addresses. Then the
// state forgets it, and cdktf's importFrom brings it back with no change to make.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExample, gridform } from './cli';

jest.setTimeout(180_000);

describe('a renamed construct keeps its deployment, and a forgotten one is imported back', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-moved-'));
  const app = copyExample('quickstart');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  const deployment = async () =>
    JSON.parse((await run('state', 'pull')).stdout)
      .resources.filter((r: { type: string }) => r.type === 'grid_deployment')
      .map((r: { name: string; instances: { attributes: { id: string } }[] }) => [r.name, r.instances[0].attributes.id]);

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('plans a move, not a replacement, and apply keeps the contract', async () => {
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const [[, contract]] = await deployment();
    const outputs = (await run('output', '-json')).stdout;
    const stackFile = path.join(app, 'stack.ts');
    const source = fs.readFileSync(stackFile, 'utf8');
    fs.writeFileSync(
      stackFile,
      source
        .replace("new Deployment(this, 'vm', {", "new Deployment(this, 'server', {")
        .replace(
          "    new TerraformOutput(this, 'private_ip'",
          "    deployment.moveFromId('grid_deployment.vm');\n    new TerraformOutput(this, 'private_ip'",
        ),
    );
    const plan = await run('plan', '-detailed-exitcode');
    expect(plan.stderr).not.toContain('Error');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('# grid_deployment.vm has moved to grid_deployment.server');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain(
      'Apply complete! Resources: 0 added, 0 changed, 0 destroyed.',
    );
    expect(await deployment()).toEqual([['server', contract]]);
    expect((await run('output', '-json')).stdout).toBe(outputs);
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);

    // forgotten by the state, the deployment comes back with cdktf's importFrom: imported, not created
    expect((await run('state', 'rm', 'grid_deployment.server')).code).toBe(0);
    const moved = fs.readFileSync(stackFile, 'utf8');
    fs.writeFileSync(stackFile, moved.replace("deployment.moveFromId('grid_deployment.vm');", `deployment.importFrom('${contract}');`));
    const importing = await run('plan', '-detailed-exitcode');
    expect(importing.stderr).not.toContain('Error');
    expect(importing.stdout).toContain('# grid_deployment.server will be imported');
    expect(importing.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain(
      'Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.',
    );
    expect(await deployment()).toEqual([['server', contract]]);
    expect((await run('output', '-json')).stdout).toBe(outputs);
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
    expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
  });
});
