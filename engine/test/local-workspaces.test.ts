// Workspaces with the local backend: each its own state under terraform.tfstate.d, the current
// one remembered in .terraform/environment or taken from TF_WORKSPACE, and terraform.workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('local workspaces', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (args: string[], env: Record<string, string> = {}) => runEngine(folder.dir, provider, args, env);
  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
    folder.write(fakeStack({ a: { name: 'app-${terraform.workspace}' } }));
  });
  afterEach(() => folder.remove());

  it('a new workspace has its own state, named by terraform.workspace in expressions', async () => {
    await run(['apply', '-auto-approve']);
    expect((await run(['workspace', 'new', 'staging'])).code).toBe(0);
    expect((await run(['workspace', 'show'])).out).toBe('staging\n');
    const apply = await run(['apply', '-auto-approve']);
    expect(apply.out).toContain('+ name = "app-staging"');
    const staging = JSON.parse(fs.readFileSync(path.join(folder.dir, 'terraform.tfstate.d', 'staging', 'terraform.tfstate'), 'utf8'));
    expect(staging.resources[0].instances[0].attributes.name).toBe('app-staging');
    expect(folder.state().resources[0].instances[0].attributes.name).toBe('app-default');
    expect((await run(['workspace', 'list'])).out).toBe('  default\n* staging\n\n');
  });

  it('TF_WORKSPACE picks the workspace without selecting it; an unknown name is refused', async () => {
    await run(['workspace', 'new', 'prod']);
    await run(['workspace', 'select', 'default']);
    expect((await run(['plan'], { TF_WORKSPACE: 'prod' })).out).toContain('"app-prod"');
    const bad = await run(['workspace', 'select', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Workspace "nope" doesn\'t exist.');
    expect((await run(['workspace', 'delete', 'default'])).err).toContain('Cannot delete the default workspace');
  });
});
