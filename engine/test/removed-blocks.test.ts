// removed blocks: with lifecycle { destroy = false } the objects leave the state and keep
// running (terraform's "forget"), never read nor destroyed; without it they are destroyed. Bad
// blocks are refused naming the block and the address.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('removed blocks', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);
  const removed = (from: string, destroy?: boolean) => ({
    removed: [{ from, ...(destroy === undefined ? {} : { lifecycle: { destroy } }) }],
  });

  beforeEach(async () => {
    stack = new StackFolder();
    provider = new FakeProvider();
    stack.write(fakeStack({ web: { name: 'web', size: 1 }, api: { name: 'api', count: 2 } }));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    provider.calls.length = 0;
  });
  afterEach(() => stack.remove());

  it('with destroy = false forgets the object: not read, not destroyed, gone from the state, still running', async () => {
    stack.write(fakeStack({ api: { name: 'api', count: 2 } }, removed('fake_thing.web', false)));
    const plan = await cli('plan', '-detailed-exitcode', '-out=forget.plan');
    expect(plan.code).toBe(2);
    const header = '  # fake_thing.web will no longer be managed by gridform, but will not be destroyed\n';
    expect(plan.out).toContain(`${header}  # (destroy = false is set in the configuration)\n`);
    expect(plan.out).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(plan.out + plan.err).toContain('Warning: Some objects will no longer be managed by gridform');
    expect(plan.out + plan.err).toContain(' - fake_thing.web\n');
    expect(
      provider.calls
        .filter((c) => c.method === 'read')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['api', 'api']);

    const json = JSON.parse((await cli('show', '-json', 'forget.plan')).out) as {
      resource_changes: { address: string; action_reason?: string; change: { actions: string[] } }[];
    };
    expect(json.resource_changes.find((c) => c.address === 'fake_thing.web')).toMatchObject({
      action_reason: 'delete_because_no_resource_config',
      change: { actions: ['forget'] },
    });

    const apply = await cli('apply', 'forget.plan');
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources.map((r) => r.name)).toEqual(['api']);
    expect([...provider.world.values()].map((o) => o.name).sort()).toEqual(['api', 'api', 'web']);
    expect((await cli('plan', '-detailed-exitcode')).code).toBe(0); // the block stays harmlessly
  });

  it('forgets every instance of a counted resource', async () => {
    stack.write(fakeStack({ web: { name: 'web', size: 1 } }, removed('fake_thing.api', false)));
    const plan = await cli('plan');
    expect(plan.out).toContain('# fake_thing.api[0] will no longer be managed by gridform');
    expect(plan.out).toContain('# fake_thing.api[1] will no longer be managed by gridform');
    await cli('apply', '-auto-approve');
    expect(provider.writes()).toEqual([]);
    expect(stack.state().resources.map((r) => r.name)).toEqual(['web']);
  });

  it('with destroy = true, or no lifecycle, destroys the object', async () => {
    for (const destroy of [true, undefined]) {
      stack.write(fakeStack({ web: { name: 'web', size: 1 }, api: { name: 'api', count: 2 } }));
      await cli('apply', '-auto-approve');
      provider.calls.length = 0;
      stack.write(fakeStack({ api: { name: 'api', count: 2 } }, removed('fake_thing.web', destroy)));
      const plan = await cli('plan');
      expect(plan.out).toContain('# fake_thing.web will be destroyed');
      expect(plan.out + plan.err).not.toContain('no longer be managed');
      await cli('apply', '-auto-approve');
      expect(provider.writes()).toEqual(['delete web']);
    }
  });

  it('destroys a forgotten-to-be object when the whole stack is destroyed, as terraform does', async () => {
    stack.write(fakeStack({ api: { name: 'api', count: 2 } }, removed('fake_thing.web', false)));
    const plan = await cli('plan', '-destroy');
    expect(plan.out).toContain('# fake_thing.web will be destroyed');
    expect(plan.out).toContain('Plan: 0 to add, 0 to change, 3 to destroy.');
  });

  it('refuses a removed block for a resource still declared, an instance, a data source, or with a bad lifecycle', async () => {
    const cases: [unknown, string, string][] = [
      [
        removed('fake_thing.web', false),
        'Removed resource still exists',
        'removed block 1 declares that fake_thing.web was removed, but it is still declared',
      ],
      [removed('fake_thing.api[1]', false), 'Resource instance keys not allowed', 'not a resource instance'],
      [removed('data.fake_thing.x'), 'Data source address not allowed', 'data sources are never destroyed'],
      [{ removed: [{ from: 'fake_thing.gone', lifecycle: { destroy: 'no' } }] }, 'Unsuitable value type', 'a bool is required'],
      [
        { removed: [{ from: 'fake_thing.gone', lifecycle: { destroy: false, prevent_destroy: true } }] },
        'Extraneous JSON object property',
        '"prevent_destroy"',
      ],
      [{ removed: [{ lifecycle: { destroy: false } }] }, 'Missing required argument', 'the argument "from" is required'],
    ];
    for (const [extra, summary, detail] of cases) {
      stack.write(fakeStack({ web: { name: 'web', size: 1 }, api: { name: 'api', count: 2 } }, extra as Record<string, unknown>));
      const plan = await cli('plan');
      expect(plan.code).toBe(1);
      expect(plan.err).toContain(`Error: ${summary}`);
      expect(plan.err).toContain(detail);
    }
    expect(provider.writes()).toEqual([]);
  });
});
