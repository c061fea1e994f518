// State commands, import, show -json, graph and outputs, as a user runs them after an apply.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('state commands, import, show and graph', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (...args: string[]) => runEngine(folder.dir, provider, args);

  beforeEach(async () => {
    folder = new StackFolder();
    provider = new FakeProvider();
    folder.write(
      fakeStack(
        { a: { name: 'a', secret: 's3cret' }, b: { count: 2, name: 'b${count.index}', ref: '${fake_thing.a.id}' } },
        { output: { a_id: { value: '${fake_thing.a.id}' }, token: { value: 'x', sensitive: true } } },
      ),
    );
    await run('apply', '-auto-approve');
  });
  afterEach(() => folder.remove());

  it('state list names every instance; a resource address matches all its instances', async () => {
    expect((await run('state', 'list')).out).toBe('fake_thing.a\nfake_thing.b[0]\nfake_thing.b[1]\n');
    expect((await run('state', 'list', 'fake_thing.b')).out).toBe('fake_thing.b[0]\nfake_thing.b[1]\n');
  });

  it('state show prints the attributes with sensitive ones hidden', async () => {
    const show = await run('state', 'show', 'fake_thing.a');
    expect(show.out).toContain('resource "fake_thing" "a" {');
    expect(show.out).toContain('name   = "a"');
    expect(show.out).toContain('(sensitive value)');
    expect(show.out).not.toContain('s3cret');
  });

  it('state rm forgets an object without destroying it, and the next plan creates it again', async () => {
    expect((await run('state', 'rm', 'fake_thing.b[1]')).code).toBe(0);
    expect(provider.calls.some((c) => c.method === 'delete')).toBe(false);
    expect((await run('plan')).out).toContain('# fake_thing.b[1] will be created');
  });

  it('state mv renames an address, and a plan for the new name has no changes', async () => {
    expect((await run('state', 'mv', 'fake_thing.a', 'fake_thing.main')).code).toBe(0);
    folder.write(
      fakeStack({ main: { name: 'a', secret: 's3cret' }, b: { count: 2, name: 'b${count.index}', ref: '${fake_thing.main.id}' } }),
    );
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('import brings an existing object under an address the configuration declares', async () => {
    await run('state', 'rm', 'fake_thing.a');
    const id = [...provider.world.entries()].find(([, v]) => v.name === 'a')![0];
    const imported = await run('import', 'fake_thing.a', id);
    expect(imported.code).toBe(0);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
    const undeclared = await run('import', 'fake_thing.nope', id);
    expect(undeclared.code).toBe(1);
    expect(undeclared.err).toContain('Configuration for import target does not exist');
  });

  it("show -json of a saved plan has Terraform's shape, with unknown values in after_unknown", async () => {
    folder.write(fakeStack({ a: { name: 'a', secret: 's3cret' }, b: { count: 3, name: 'b${count.index}', ref: '${fake_thing.a.id}' } }));
    await run('plan', '-out=p');
    const json = JSON.parse((await run('show', '-json', 'p')).out);
    expect(json.format_version).toBe('1.2');
    const created = json.resource_changes.find((c: { address: string }) => c.address === 'fake_thing.b[2]');
    expect(created).toMatchObject({
      mode: 'managed',
      type: 'fake_thing',
      name: 'b',
      index: 2,
      provider_name: 'registry.terraform.io/example/fake',
      change: { actions: ['create'], before: null, after_unknown: { id: true } },
    });
    expect(created.change.after.id).toBeUndefined();
    expect(json.resource_changes.find((c: { address: string }) => c.address === 'fake_thing.a').change.actions).toEqual(['no-op']);
  });

  it('output shows values from the state, hides sensitive ones unless asked by name or as JSON', async () => {
    const all = await run('output');
    expect(all.out).toContain('a_id = "fake-1"');
    expect(all.out).toContain('token = <sensitive>');
    expect((await run('output', '-raw', 'token')).out).toBe('x');
    expect(JSON.parse((await run('output', '-json')).out).token).toEqual({ sensitive: true, type: 'string', value: 'x' });
  });

  it('graph prints the dependency graph in DOT', async () => {
    const dot = (await run('graph')).out;
    expect(dot).toContain('"fake_thing.b" -> "fake_thing.a";');
  });
});
