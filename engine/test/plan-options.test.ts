// Plan options Terraform users rely on: -target, -replace, -refresh-only, -destroy,
// -detailed-exitcode, saved plans (and stale ones), variables, and drift shown apart.
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('plan options', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (...args: string[]) => runEngine(folder.dir, provider, args);
  const calls = (method: string) => provider.calls.filter((c) => c.method === method).map((c) => c.name);

  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => folder.remove());

  it('-detailed-exitcode returns 0 with no changes, 2 with changes, 1 on error', async () => {
    folder.write(fakeStack({ a: { name: 'a' } }));
    expect((await run('plan', '-detailed-exitcode')).code).toBe(2);
    await run('apply', '-auto-approve');
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
    folder.write(fakeStack({ a: { name: '' } }));
    expect((await run('plan', '-detailed-exitcode')).code).toBe(1);
  });

  it('-target applies only the target and what it depends on', async () => {
    folder.write(fakeStack({ base: { name: 'base' }, app: { name: 'app', ref: '${fake_thing.base.id}' }, other: { name: 'other' } }));
    const apply = await run('apply', '-auto-approve', '-target=fake_thing.app');
    expect(apply.out).toContain('Resource targeting is in effect');
    expect(calls('create')).toEqual(['base', 'app']);
    expect((await run('plan')).out).toContain('Plan: 1 to add');
  });

  it('-target with -destroy destroys the target and what depends on it, nothing else', async () => {
    folder.write(fakeStack({ base: { name: 'base' }, app: { name: 'app', ref: '${fake_thing.base.id}' }, other: { name: 'other' } }));
    await run('apply', '-auto-approve');
    await run('destroy', '-auto-approve', '-target=fake_thing.base');
    expect(calls('delete')).toEqual(['app', 'base']);
  });

  it('-replace replaces an instance that has no changes, saying it was requested', async () => {
    folder.write(fakeStack({ a: { name: 'a' } }));
    await run('apply', '-auto-approve');
    const plan = await run('plan', '-replace=fake_thing.a');
    expect(plan.out).toContain('# fake_thing.a will be replaced, as requested');
  });

  it('drift is shown apart from the plan, and -refresh-only records it without changing anything', async () => {
    folder.write(fakeStack({ a: { name: 'a', size: 1 } }));
    await run('apply', '-auto-approve');
    const id = [...provider.world.keys()][0];
    provider.world.set(id, { ...provider.world.get(id)!, size: 5 });
    const plan = await run('plan');
    expect(plan.out).toContain('Objects have changed outside of gridform');
    expect(plan.out).toContain('# fake_thing.a has changed');
    expect(plan.out).toContain('~ size = 5 -> 1');
    const refresh = await run('apply', '-refresh-only', '-auto-approve');
    expect(refresh.code).toBe(0);
    expect(calls('update')).toEqual([]);
    expect(folder.state().resources[0].instances[0].attributes.size).toBe(5);
  });

  it('-refresh=false plans from the state without reading the objects', async () => {
    folder.write(fakeStack({ a: { name: 'a' } }));
    await run('apply', '-auto-approve');
    provider.calls.length = 0;
    await run('plan', '-refresh=false');
    expect(calls('read')).toEqual([]);
  });

  it('a saved plan applies exactly its actions without asking', async () => {
    folder.write(fakeStack({ a: { name: 'a' } }));
    expect((await run('plan', '-out=tfplan')).out).toContain('Saved the plan to: tfplan');
    folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
    const apply = await run('apply', 'tfplan');
    expect(apply.code).toBe(0);
    expect(calls('create')).toEqual(['a']);
  });

  it('a saved plan is refused once the state changed since it was made', async () => {
    folder.write(fakeStack({ a: { name: 'a' } }));
    await run('plan', '-out=first');
    await run('apply', '-auto-approve');
    const stale = await run('apply', path.join(folder.dir, 'first'));
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('Saved plan is stale');
    expect(calls('create')).toEqual(['a']);
  });

  it('variables come from defaults, TF_VAR_ and -var, in that order, and a missing one is named', async () => {
    const doc = (def?: unknown) =>
      fakeStack(
        { a: { name: '${var.label}', size: '${var.size}' } },
        { variable: { label: def === undefined ? {} : { default: def }, size: { type: 'number', default: 1 } } },
      );
    folder.write(doc());
    const missing = await run('plan');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No value for required variable label');
    folder.write(doc('from-default'));
    expect((await runEngine(folder.dir, provider, ['plan'], { TF_VAR_label: 'from-env' })).out).toContain('"from-env"');
    const flagged = await runEngine(folder.dir, provider, ['apply', '-auto-approve', '-var', 'label=from-flag', '-var=size=3'], {
      TF_VAR_label: 'from-env',
    });
    expect(flagged.code).toBe(0);
    expect(folder.state().resources[0].instances[0].attributes).toMatchObject({ name: 'from-flag', size: 3 });
  });

  it('an unreadable -var is reported once, as invalid, not also as missing', async () => {
    folder.write(fakeStack({ a: { name: 'a', size: '${var.size}' } }, { variable: { size: { type: 'number' } } }));
    const plan = await run('plan', '-var', 'size=[');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Invalid value for variable size');
    expect(plan.err).not.toContain('No value for required variable');
  });

  it('validate asks the provider about each resource and names the attribute it refuses', async () => {
    folder.write(fakeStack({ good: { name: 'a' }, bad: { name: '' } }));
    const validate = await run('validate');
    expect(validate.code).toBe(1);
    expect(validate.err).toContain('name must not be empty');
    expect(validate.err).toContain('fake_thing.bad');
    folder.write(fakeStack({ good: { name: 'a' } }));
    expect((await run('validate')).out).toContain('Success! The configuration is valid.');
  });
});
