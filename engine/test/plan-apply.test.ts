// Plan and apply through the CLI with a fake provider: actions, ordering, state and outputs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine } from './support/engine-cli';

const stack = (resources: Record<string, unknown>, outputs: Record<string, unknown> = {}) => fakeStack(resources, { output: outputs });
const cli = (dir: string, provider: FakeProvider, ...args: string[]) => runEngine(dir, provider, args);

describe('plan and apply with a fake provider', () => {
  let dir: string;
  let provider: FakeProvider;
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const state = () => JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
    provider = new FakeProvider();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates dependencies first, passes computed values along, and records them in v4 state', async () => {
    write(stack({ b: { name: 'b', ref: '${fake_thing.a.id}' }, a: { name: 'a' } }, { b_ref: { value: '${fake_thing.b.ref}' } }));
    const plan = await cli(dir, provider, 'plan', '-detailed-exitcode');
    expect(plan.out).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(plan.code).toBe(2);
    const apply = await cli(dir, provider, 'apply', '-auto-approve');
    expect(apply.code).toBe(0);
    expect(provider.calls.filter((c) => c.method === 'create').map((c) => c.name)).toEqual(['a', 'b']);
    const s = state();
    expect(s).toMatchObject({ version: 4, serial: expect.any(Number), lineage: expect.any(String) });
    const b = s.resources.find((r: { name: string }) => r.name === 'b');
    expect(b.provider).toBe('provider["registry.terraform.io/example/fake"]');
    expect(b.instances[0].attributes.ref).toBe('fake-1');
    expect(b.instances[0].dependencies).toEqual(['fake_thing.a']);
    expect(s.outputs.b_ref).toEqual({ value: 'fake-1', type: 'string' });
  });

  it('orders a resource after one named in a property name of an object it reads (a map cdktf keys by a token)', async () => {
    const locals = { byId: { '${fake_thing.a.id}': 'picked' } };
    write(fakeStack({ b: { name: 'b', ref: '${keys(local.byId)[0]}' }, a: { name: 'a' } }, { locals }));
    const plan = await cli(dir, provider, 'plan');
    expect(plan.err).toBe('');
    expect(plan.out).toContain('ref  = (known after apply)');
    expect((await cli(dir, provider, 'apply', '-auto-approve')).code).toBe(0);
    expect(provider.calls.filter((c) => c.method === 'create').map((c) => c.name)).toEqual(['a', 'b']);
    expect(state().resources.find((r: { name: string }) => r.name === 'b').instances[0].attributes.ref).toBe('fake-1');
  });

  it('plans no changes after apply, an update in place, and a replacement naming the forcing attribute', async () => {
    write(stack({ a: { name: 'a', size: 1, zone: 'z1' } }));
    await cli(dir, provider, 'apply', '-auto-approve');
    expect((await cli(dir, provider, 'plan', '-detailed-exitcode')).code).toBe(0);
    write(stack({ a: { name: 'a', size: 2, zone: 'z1' } }));
    const update = await cli(dir, provider, 'plan');
    expect(update.out).toContain('# fake_thing.a will be updated in-place');
    expect(update.out).toContain('~ size = 1 -> 2');
    write(stack({ a: { name: 'a', size: 1, zone: 'z2' } }));
    const replace = await cli(dir, provider, 'plan');
    expect(replace.out).toContain('# fake_thing.a must be replaced');
    expect(replace.out).toContain('~ zone = "z1" -> "z2" # forces replacement');
    expect(replace.out).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('takes a JSON key with ${...} as a template: known after apply in the plan, the value after apply', async () => {
    write(stack({ a: { name: 'a' } }, { keyed: { value: { '${fake_thing.a.id}': 'v', plain: 'w' } } }));
    const plan = await cli(dir, provider, 'plan');
    expect(plan.out).toContain('+ keyed = (known after apply)');
    expect((await cli(dir, provider, 'apply', '-auto-approve')).code).toBe(0);
    expect(state().outputs.keyed.value).toEqual({ 'fake-1': 'v', plain: 'w' });
  });

  it('refuses a JSON key that evaluates to null, naming the output and the key expression, and creates nothing', async () => {
    write(stack({ a: { name: 'a' } }, { keyed: { value: { '${null}': 'v' } } }));
    const apply = await cli(dir, provider, 'apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.err).toMatch(/output\.keyed[\s\S]*Invalid object key expression: the property name "\$\{null\}" is null/);
    expect(provider.writes()).toEqual([]);
  });

  it('deletes what left the configuration, dependents before their dependencies', async () => {
    write(stack({ a: { name: 'a' }, b: { name: 'b', ref: '${fake_thing.a.id}' } }));
    await cli(dir, provider, 'apply', '-auto-approve');
    write(stack({}));
    const apply = await cli(dir, provider, 'apply', '-auto-approve');
    expect(apply.out).toContain('Apply complete! Resources: 0 added, 0 changed, 2 destroyed.');
    expect(provider.calls.filter((c) => c.method === 'delete').map((c) => c.name)).toEqual(['b', 'a']);
    expect(state().resources).toEqual([]);
  });

  it('shows drift as a re-creation when the object vanished outside gridform', async () => {
    write(stack({ a: { name: 'a' } }));
    await cli(dir, provider, 'apply', '-auto-approve');
    provider.world.clear();
    expect((await cli(dir, provider, 'plan')).out).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
  });

  it('stops only what depends on a failure, keeps what succeeded, and reports the error with its address', async () => {
    write(stack({ a: { name: 'a' }, b: { name: 'b', ref: '${fake_thing.a.id}' }, c: { name: 'c' } }));
    provider.failOn.add('a');
    const apply = await cli(dir, provider, 'apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('fake failure creating a');
    expect(apply.err).toContain('with fake_thing.a');
    expect(
      provider.calls
        .filter((c) => c.method === 'create')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(state().resources.map((r: { name: string }) => r.name)).toEqual(['c']);
  });

  it('reports a dependency cycle with its path', async () => {
    write(stack({ a: { name: '${fake_thing.b.id}' }, b: { name: '${fake_thing.a.id}' } }));
    const plan = await cli(dir, provider, 'plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('fake_thing.a -> fake_thing.b -> fake_thing.a');
  });

  it('refuses an unknown function, naming the resource and the expression', async () => {
    write(stack({ a: { name: '${frobnicate("x")}' } }));
    const plan = await cli(dir, provider, 'plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('frobnicate');
    expect(plan.err).toContain('fake_thing.a');
  });

  it('will not apply without approval when there is no terminal to ask', async () => {
    write(stack({ a: { name: 'a' } }));
    const apply = await cli(dir, provider, 'apply');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('run with -auto-approve');
    expect(provider.calls.some((c) => c.method === 'create')).toBe(false);
  });

  it('hides sensitive values in the plan', async () => {
    write(stack({ a: { name: 'a', secret: 'hunter2' } }));
    const plan = await cli(dir, provider, 'plan');
    expect(plan.out).toContain('+ secret = (sensitive value)');
    expect(plan.out).not.toContain('hunter2');
  });
});
