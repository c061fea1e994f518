// Lifecycle spec: each meta-argument and lifecycle flag cdktf writes, as a user sees it through
// plan and apply with a fake provider.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('meta-arguments and lifecycle flags', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (...args: string[]) => runEngine(folder.dir, provider, args);
  const calls = (method: string) => provider.calls.filter((c) => c.method === method).map((c) => c.name);

  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => folder.remove());

  it('count makes one instance per index with count.index, and shrinking it deletes the highest indexes', async () => {
    folder.write(fakeStack({ web: { count: 3, name: 'web-${count.index}' } }));
    const plan = await run('plan');
    expect(plan.out).toContain('# fake_thing.web[2] will be created');
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(folder.state().resources[0].instances.map((i) => [i.index_key, i.attributes.name])).toEqual([
      [0, 'web-0'],
      [1, 'web-1'],
      [2, 'web-2'],
    ]);
    folder.write(fakeStack({ web: { count: 1, name: 'web-${count.index}' } }));
    const shrink = await run('apply', '-auto-approve');
    expect(shrink.out).toContain('# fake_thing.web[2] will be destroyed');
    expect(shrink.out).toContain('because the index is out of range for count');
    expect(calls('delete').sort()).toEqual(['web-1', 'web-2']);
  });

  it('for_each over a map gives each.key and each.value, and a removed key deletes only its instance', async () => {
    folder.write(fakeStack({ site: { for_each: { eu: 1, us: 2 }, name: '${each.key}', size: '${each.value}' } }));
    await run('apply', '-auto-approve');
    expect(folder.state().resources[0].instances.map((i) => [i.index_key, i.attributes.size])).toEqual([
      ['eu', 1],
      ['us', 2],
    ]);
    folder.write(fakeStack({ site: { for_each: { eu: 1 }, name: '${each.key}', size: '${each.value}' } }));
    const apply = await run('apply', '-auto-approve');
    expect(apply.out).toContain('# fake_thing.site["us"] will be destroyed');
    expect(calls('delete')).toEqual(['us']);
  });

  it('for_each over a set of strings (toset) and references to instances by key', async () => {
    folder.write(
      fakeStack({
        zone: { for_each: '${toset(["a", "b"])}', name: 'zone-${each.value}' },
        user: { name: 'u', ref: '${fake_thing.zone["b"].id}' },
      }),
    );
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const user = folder.state().resources.find((r) => r.name === 'user')!;
    const zoneB = folder
      .state()
      .resources.find((r) => r.name === 'zone')!
      .instances.find((i) => i.index_key === 'b')!;
    expect(user.instances[0].attributes.ref).toBe(zoneB.attributes.id);
  });

  it('a count that is known only after apply is refused, naming the resource', async () => {
    folder.write(fakeStack({ a: { name: 'a' }, b: { count: '${length(fake_thing.a.id)}', name: 'b' } }));
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Invalid count argument');
    expect(plan.err).toContain('fake_thing.b');
  });

  it('depends_on orders creation without any reference', async () => {
    folder.write(fakeStack({ a: { name: 'a', depends_on: ['fake_thing.z'] }, z: { name: 'z' } }));
    await run('apply', '-auto-approve');
    expect(calls('create')).toEqual(['z', 'a']);
  });

  it('prevent_destroy refuses a destroy and a replacement, naming the resource', async () => {
    folder.write(fakeStack({ keep: { name: 'keep', zone: 'z1', lifecycle: { prevent_destroy: true } } }));
    await run('apply', '-auto-approve');
    const destroy = await run('destroy', '-auto-approve');
    expect(destroy.code).toBe(1);
    expect(destroy.err).toContain('Instance cannot be destroyed');
    expect(destroy.err).toContain('fake_thing.keep');
    folder.write(fakeStack({ keep: { name: 'keep', zone: 'z2', lifecycle: { prevent_destroy: true } } }));
    expect((await run('plan')).code).toBe(1);
    expect(calls('delete')).toEqual([]);
  });

  it('create_before_destroy creates the replacement before destroying the old object', async () => {
    folder.write(fakeStack({ a: { name: 'a', zone: 'z1', lifecycle: { create_before_destroy: true } } }));
    await run('apply', '-auto-approve');
    folder.write(fakeStack({ a: { name: 'a', zone: 'z2', lifecycle: { create_before_destroy: true } } }));
    const apply = await run('apply', '-auto-approve');
    expect(apply.out).toContain('must be replaced (create before destroy)');
    expect(provider.calls.filter((c) => c.method === 'create' || c.method === 'delete').map((c) => c.method)).toEqual([
      'create',
      'create',
      'delete',
    ]);
    expect(folder.state().resources[0].instances).toHaveLength(1);
    expect(folder.state().resources[0].instances[0].attributes.zone).toBe('z2');
  });

  it('without create_before_destroy the old object is destroyed first', async () => {
    folder.write(fakeStack({ a: { name: 'a', zone: 'z1' } }));
    await run('apply', '-auto-approve');
    folder.write(fakeStack({ a: { name: 'a', zone: 'z2' } }));
    await run('apply', '-auto-approve');
    expect(provider.calls.filter((c) => c.method === 'create' || c.method === 'delete').map((c) => c.method)).toEqual([
      'create',
      'delete',
      'create',
    ]);
  });

  it('ignore_changes keeps listed attributes as they are, and "all" ignores every change', async () => {
    folder.write(
      fakeStack({
        a: { name: 'a', size: 1, lifecycle: { ignore_changes: ['size'] } },
        b: { name: 'b', size: 1, lifecycle: { ignore_changes: 'all' } },
      }),
    );
    await run('apply', '-auto-approve');
    folder.write(
      fakeStack({
        a: { name: 'a', size: 2, lifecycle: { ignore_changes: ['size'] } },
        b: { name: 'b', size: 9, zone: 'z', lifecycle: { ignore_changes: 'all' } },
      }),
    );
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('replace_triggered_by replaces an instance when the referenced resource changes', async () => {
    folder.write(
      fakeStack({ image: { name: 'image', size: 1 }, vm: { name: 'vm', lifecycle: { replace_triggered_by: ['fake_thing.image'] } } }),
    );
    await run('apply', '-auto-approve');
    folder.write(
      fakeStack({ image: { name: 'image', size: 2 }, vm: { name: 'vm', lifecycle: { replace_triggered_by: ['fake_thing.image'] } } }),
    );
    const plan = await run('plan');
    expect(plan.out).toContain('# fake_thing.vm will be replaced due to changes in replace_triggered_by');
    expect(plan.out).toContain('Plan: 1 to add, 1 to change, 1 to destroy.');
  });

  it('a provider alias routes a resource to that provider configuration', async () => {
    const doc = fakeStack({ a: { name: 'a', provider: 'fake.second' } }, { provider: { fake: [{}, { alias: 'second' }] } });
    folder.write(doc);
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(JSON.stringify(folder.state().resources[0])).toContain('provider[\\"registry.terraform.io/example/fake\\"].second');
  });
});
