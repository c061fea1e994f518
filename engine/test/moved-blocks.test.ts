// moved blocks (cdktf's moveTo / moveFromId): an object renamed in the configuration is moved in
// the state, not destroyed and made again; the plan says so, apply records it, and bad blocks are
// refused naming the addresses.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('moved blocks', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);

  beforeEach(async () => {
    stack = new StackFolder();
    provider = new FakeProvider();
    stack.write(fakeStack({ old: { name: 'web', size: 1 } }));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    provider.calls.length = 0;
  });
  afterEach(() => stack.remove());

  it('moves the object to its new address: the plan shows the move only, apply records it, nothing is created or destroyed', async () => {
    const id = stack.state().resources[0].instances[0].attributes.id;
    stack.write(fakeStack({ renamed: { name: 'web', size: 1 } }, { moved: [{ from: 'fake_thing.old', to: 'fake_thing.renamed' }] }));
    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain(
      '  # fake_thing.old has moved to fake_thing.renamed\n' +
        '    resource "fake_thing" "renamed" {\n        id   = "fake-1"\n        name = "web"\n',
    );
    expect(plan.out).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    const apply = await cli('apply', '-auto-approve');
    expect(apply.out).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources.map((r) => [r.name, r.instances[0].attributes.id])).toEqual([['renamed', id]]);
    expect((await cli('plan', '-detailed-exitcode')).code).toBe(0); // the block stays harmlessly in the configuration
  });

  it('shows a moved object that also changes as an update, naming where it moved from', async () => {
    stack.write(fakeStack({ renamed: { name: 'web', size: 2 } }, { moved: [{ from: 'fake_thing.old', to: 'fake_thing.renamed' }] }));
    const plan = await cli('plan');
    expect(plan.out).toContain('  # fake_thing.renamed will be updated in-place\n  # (moved from fake_thing.old)\n');
    expect(plan.out).toContain('~ size = 1 -> 2');
    expect(plan.out).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await cli('apply', '-auto-approve');
    expect(provider.writes()).toEqual(['update web']);
  });

  it('follows a chain of moves to its end, and reports previous_address in the JSON plan', async () => {
    stack.write(
      fakeStack(
        { third: { name: 'web', size: 1 } },
        {
          moved: [
            { from: 'fake_thing.second', to: 'fake_thing.third' },
            { from: 'fake_thing.old', to: 'fake_thing.second' },
          ],
        },
      ),
    );
    expect((await cli('plan', '-out=moved.plan')).out).toContain('# fake_thing.old has moved to fake_thing.third');
    const json = JSON.parse((await cli('show', '-json', 'moved.plan')).out) as {
      resource_changes: { address: string; previous_address?: string; change: { actions: string[] } }[];
    };
    expect(json.resource_changes).toEqual([
      expect.objectContaining({
        address: 'fake_thing.third',
        previous_address: 'fake_thing.old',
        change: expect.objectContaining({ actions: ['no-op'] }),
      }),
    ]);
    expect((await cli('apply', 'moved.plan')).code).toBe(0);
    expect(stack.state().resources.map((r) => r.name)).toEqual(['third']);
  });

  it('moves one instance, as when count becomes for_each', async () => {
    stack.write(fakeStack({ old: { name: 'web', size: 1, count: 1 } }));
    await cli('apply', '-auto-approve');
    provider.calls.length = 0;
    stack.write(
      fakeStack(
        { old: { name: 'web', size: 1, for_each: { a: 'x' } } },
        { moved: [{ from: 'fake_thing.old[0]', to: 'fake_thing.old["a"]' }] },
      ),
    );
    const plan = await cli('plan');
    expect(plan.out).toContain('# fake_thing.old[0] has moved to fake_thing.old["a"]');
    expect(plan.out).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    await cli('apply', '-auto-approve');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources[0].instances.map((i) => i.index_key)).toEqual(['a']);
  });

  it('keeps both objects, with a warning, when the new address is taken already', async () => {
    stack.write(fakeStack({ old: { name: 'web', size: 1 }, other: { name: 'api', size: 1 } }));
    await cli('apply', '-auto-approve');
    stack.write(fakeStack({ other: { name: 'api', size: 1 } }, { moved: [{ from: 'fake_thing.old', to: 'fake_thing.other' }] }));
    const plan = await cli('plan');
    expect(plan.out + plan.err).toContain('Warning: Unresolved resource instance address change');
    expect(plan.out + plan.err).toContain('  - fake_thing.old could not move to fake_thing.other');
    expect(plan.out).toContain('# fake_thing.old will be destroyed');
  });

  it('refuses a block moving from an address still declared, or to another type, naming them', async () => {
    stack.write(
      fakeStack(
        { old: { name: 'web', size: 1 }, renamed: { name: 'web', size: 1 } },
        { moved: [{ from: 'fake_thing.old', to: 'fake_thing.renamed' }] },
      ),
    );
    const still = await cli('plan');
    expect(still.code).toBe(1);
    expect(still.err).toContain('Error: Moved object still exists');
    expect(still.err).toContain('moved block 1 moves fake_thing.old to fake_thing.renamed, but fake_thing.old is still declared');
    stack.write(fakeStack({ renamed: { name: 'web', size: 1 } }, { moved: [{ from: 'fake_thing.old', to: 'other_thing.renamed' }] }));
    const type = await cli('plan');
    expect(type.code).toBe(1);
    expect(type.err).toContain('moved block 1: fake_thing.old is a fake_thing; it cannot move to other_thing.renamed, a other_thing.');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources.map((r) => r.name)).toEqual(['old']);
  });

  it('moves the object to [0] when count is added, and back when count is taken away, writing nothing', async () => {
    const id = stack.state().resources[0].instances[0].attributes.id;
    stack.write(fakeStack({ old: { name: 'web', size: 1, count: 1 } }));
    const counted = await cli('plan', '-out=counted.plan');
    expect(counted.out).toContain('# fake_thing.old has moved to fake_thing.old[0]');
    expect(counted.out).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    const json = JSON.parse((await cli('show', '-json', 'counted.plan')).out) as { resource_changes: unknown[] };
    const moved = { address: 'fake_thing.old[0]', previous_address: 'fake_thing.old' };
    expect(json.resource_changes).toEqual([expect.objectContaining(moved)]);
    await cli('apply', 'counted.plan');
    expect(stack.state().resources[0].instances.map((i) => [i.index_key, i.attributes.id])).toEqual([[0, id]]);
    stack.write(fakeStack({ old: { name: 'web', size: 1 } }));
    expect((await cli('plan')).out).toContain('# fake_thing.old[0] has moved to fake_thing.old');
    await cli('apply', '-auto-approve');
    expect(stack.state().resources[0].instances.map((i) => [i.index_key, i.attributes.id])).toEqual([[undefined, id]]);
    expect(provider.writes()).toEqual([]);
  });

  it('implies no move for for_each: the keyless object goes, the reason says why', async () => {
    stack.write(fakeStack({ old: { name: 'web', size: 1, for_each: { a: 'x' } } }));
    const plan = await cli('plan');
    expect(plan.out).toContain('  # fake_thing.old will be destroyed\n  # (because resource uses count or for_each)\n');
    expect(plan.out).toContain('# fake_thing.old["a"] will be created');
  });

  it('refuses a moved block from an instance the configuration still declares', async () => {
    const moved = [{ from: 'fake_thing.old[0]', to: 'fake_thing.old[1]' }];
    stack.write(fakeStack({ old: { name: 'web', size: 1, count: 2 } }, { moved }));
    const plan = await cli('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Moved object still exists');
    expect(plan.err).toContain('fake_thing.old[0] to fake_thing.old[1], but fake_thing.old[0] is still declared');
  });

  it('deletes an object moved to an address the configuration does not declare, saying so', async () => {
    stack.write(fakeStack({}, { moved: [{ from: 'fake_thing.old', to: 'fake_thing.elsewhere' }] }));
    const plan = await cli('plan');
    const header = '  # fake_thing.elsewhere will be destroyed\n';
    const why = '  # (because fake_thing.old was moved to fake_thing.elsewhere, which is not in the configuration)\n';
    expect(plan.out).toContain(header + why);
  });

  it('refuses -target that leaves out an object being moved, naming the targets to add', async () => {
    stack.write(fakeStack({ old: { name: 'web', size: 1, count: 1 }, other: { name: 'api' } }));
    const plan = await cli('plan', '-target=fake_thing.other');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Moved resource instances excluded by targeting');
    expect(plan.err).toContain('add the following additional target options:\n  -target="fake_thing.old"\n');
    expect((await cli('plan', '-target=fake_thing.old', '-target=fake_thing.other')).code).toBe(0);
  });
});
