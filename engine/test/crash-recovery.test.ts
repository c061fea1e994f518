// A killed apply loses nothing: SIGKILL in the middle of an apply of 200 resources, then apply
// again, converges with every resource created exactly once (a separate process, a real kill).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWorld } from './support/recording-provider';
import { StackFolder } from './support/engine-cli';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'engine', 'test', 'support', 'recording-cli.js');

function chained(n: number): unknown {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) resources[`r${i}`] = i % 10 === 0 ? { name: `r${i}` } : { name: `r${i}`, ref: `\${fake_thing.r${i - 1}.id}` };
  return {
    terraform: { required_providers: { fake: { source: 'example/fake' } } },
    provider: { fake: [{}] },
    resource: { fake_thing: resources },
  };
}

describe('crash recovery', () => {
  let folder: StackFolder;
  beforeEach(() => (folder = new StackFolder()));
  afterEach(() => folder.remove());

  const gridform = (killAfter: number | string, ...args: string[]) =>
    spawnSync(process.execPath, [CLI, path.join(folder.dir, 'world.jsonl'), '3', String(killAfter), '--', '-no-color', ...args], {
      cwd: folder.dir,
      encoding: 'utf8',
    });

  it('an apply killed with 200 resources half done converges on the next apply, nothing created twice or lost', () => {
    folder.write(chained(200));
    const killed = gridform(90, 'apply', '-auto-approve');
    expect(killed.signal).toBe('SIGKILL');
    const createdBefore = readWorld(path.join(folder.dir, 'world.jsonl')).length;
    expect(createdBefore).toBeGreaterThanOrEqual(90);
    expect(createdBefore).toBeLessThan(200);
    // the journal is the evidence of what finished and what was in flight
    expect(fs.existsSync(path.join(folder.dir, '.terraform.tfstate.journal'))).toBe(true);

    const again = gridform(0, 'apply', '-auto-approve');
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('A previous run was interrupted');
    expect(again.stdout).toContain(`Apply complete! Resources: ${200 - createdBefore} added, 0 changed, 0 destroyed.`);

    const world = readWorld(path.join(folder.dir, 'world.jsonl'));
    const names = world.filter((r) => r.op === 'create').map((r) => r.name);
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
    const state = JSON.parse(fs.readFileSync(path.join(folder.dir, 'terraform.tfstate'), 'utf8'));
    const ids = state.resources.map((r: { instances: { attributes: { id: string } }[] }) => r.instances[0].attributes.id).sort();
    expect(ids).toEqual(world.map((r) => r.id).sort());
    expect(gridform(0, 'plan', '-detailed-exitcode').status).toBe(0);
  });

  it('Ctrl-C lets what is in flight finish, saves the state and stops; the next apply finishes the rest', () => {
    folder.write(chained(200));
    const interrupted = gridform('INT:50', 'apply', '-auto-approve');
    expect(interrupted.status).toBe(1);
    expect(interrupted.stderr).toContain('Interrupt received');
    expect(interrupted.stdout).toContain('Stopped by interrupt');
    expect(fs.existsSync(path.join(folder.dir, '.terraform.tfstate.journal'))).toBe(false);
    const world = readWorld(path.join(folder.dir, 'world.jsonl'));
    const state = JSON.parse(fs.readFileSync(path.join(folder.dir, 'terraform.tfstate'), 'utf8'));
    expect(state.resources).toHaveLength(world.length);
    expect(world.length).toBeLessThan(200);
    const again = gridform(0, 'apply', '-auto-approve');
    expect(again.stderr).not.toContain('interrupted');
    expect(again.stdout).toContain(`Resources: ${200 - world.length} added`);
  });
});
