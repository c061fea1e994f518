// import blocks (cdktf's importFrom): an existing object is brought under management by the plan,
// shown as imported (or updated, when the configuration differs), recorded by apply without
// creating anything; bad blocks are refused naming the address.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('import blocks', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);

  // an object that exists but that the state does not know
  beforeEach(async () => {
    stack = new StackFolder();
    provider = new FakeProvider();
    stack.write(fakeStack({ web: { name: 'web', size: 1 } }));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    expect((await cli('state', 'rm', 'fake_thing.web')).code).toBe(0);
    provider.calls.length = 0;
  });
  afterEach(() => stack.remove());

  it('imports it: the plan shows the import only, apply records it and creates nothing, the next plan has no changes', async () => {
    stack.write(fakeStack({ web: { name: 'web', size: 1 } }, { import: [{ to: 'fake_thing.web', id: 'fake-1' }] }));
    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain(
      '  # fake_thing.web will be imported\n    resource "fake_thing" "web" {\n        id   = "fake-1"\n        name = "web"\n',
    );
    expect(plan.out).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    const apply = await cli('apply', '-auto-approve');
    expect(apply.out).toContain('fake_thing.web: Importing... [id=fake-1]\nfake_thing.web: Import complete [id=fake-1]');
    expect(apply.out).toContain('Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources.map((r) => [r.name, r.instances[0].attributes.id])).toEqual([['web', 'fake-1']]);
    expect((await cli('plan', '-detailed-exitcode')).code).toBe(0); // the block stays, with nothing left to do
  });

  it('shows an imported object the configuration changes as an update, and the import in the JSON plan', async () => {
    stack.write(fakeStack({ web: { name: 'web', size: 3 } }, { import: [{ to: 'fake_thing.web', id: 'fake-1' }] }));
    const plan = await cli('plan', '-out=import.plan');
    expect(plan.out).toContain('  # fake_thing.web will be updated in-place\n  # (imported from "fake-1")\n');
    expect(plan.out).toContain('Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.');
    const json = JSON.parse((await cli('show', '-json', 'import.plan')).out) as {
      resource_changes: { address: string; change: { actions: string[]; importing?: { id: string } } }[];
    };
    expect(json.resource_changes).toEqual([
      expect.objectContaining({
        address: 'fake_thing.web',
        change: expect.objectContaining({ actions: ['update'], importing: { id: 'fake-1' } }),
      }),
    ]);
    expect((await cli('apply', 'import.plan')).out).toContain('Apply complete! Resources: 1 imported, 0 added, 1 changed, 0 destroyed.');
    expect(provider.writes()).toEqual(['update web']);
  });

  it('refuses an ID the provider does not find, and a target the configuration does not declare', async () => {
    stack.write(fakeStack({ web: { name: 'web', size: 1 } }, { import: [{ to: 'fake_thing.web', id: 'fake-404' }] }));
    const missing = await cli('plan');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Error: Cannot import non-existent remote object');
    expect(missing.err).toContain('fake_thing "fake-404" was not found by the provider.');
    stack.write(fakeStack({ web: { name: 'web', size: 1 } }, { import: [{ to: 'fake_thing.api', id: 'fake-1' }] }));
    const undeclared = await cli('plan');
    expect(undeclared.code).toBe(1);
    expect(undeclared.err).toContain('import block 1 imports into fake_thing.api, which the configuration does not declare');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources).toEqual([]);
  });
});
