// gridform beside terraform on what changes the state without changing objects: removed blocks
// (forget or destroy), moved blocks and the moves terraform implies when count is added to a
// resource or taken from it. Both tools plan the same actions, with the same action_reason and
// previous_address, refuse the same blocks, and end with the same addresses in their states.
// Skips when no terraform binary is installed.
import { describeWithTerraform, SideBySide } from './support/terraform';

const data = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  resource: { terraform_data: resources },
  ...extra,
});

describeWithTerraform('removed blocks beside terraform', () => {
  let side: SideBySide;
  beforeEach(async () => {
    side = new SideBySide();
    await side.apply(data({ keep: { input: 'k' }, one: { input: 'a' }, many: { count: 2, input: 'm' } }));
  });
  afterEach(() => side.remove());

  it('forgets with destroy = false, destroys without it, and both states end the same', async () => {
    const doc = data(
      { keep: { input: 'k' } },
      {
        removed: [{ from: 'terraform_data.one', lifecycle: { destroy: false } }, { from: 'terraform_data.many' }],
      },
    );
    const { terraform, gridform } = await side.plan(doc);
    expect(gridform.changes).toEqual(terraform.changes);
    expect(gridform.changes!['terraform_data.one']).toEqual({ actions: ['forget'], reason: 'delete_because_no_resource_config' });
    expect(gridform.changes!['terraform_data.many[1]']).toEqual({ actions: ['delete'], reason: 'delete_because_no_resource_config' });
    await side.both('apply', '-auto-approve', '-input=false', 'plan.bin');
    const lists = await side.stateLists();
    expect(lists.gridform).toEqual(lists.terraform);
    expect(lists.gridform).toEqual(['terraform_data.keep']);
  }, 60_000);

  it('forgets every instance of a counted resource', async () => {
    const { terraform, gridform } = await side.plan(
      data({ keep: { input: 'k' }, one: { input: 'a' } }, { removed: { from: 'terraform_data.many', lifecycle: { destroy: false } } }),
    );
    expect(gridform.changes).toEqual(terraform.changes);
    expect(Object.values(gridform.changes!).filter((c) => c.actions[0] === 'forget')).toHaveLength(2);
  }, 60_000);

  it('both refuse a removed block naming a declared resource, an instance or a data source', async () => {
    const bad = [
      data({ keep: { input: 'k' }, one: { input: 'a' } }, { removed: { from: 'terraform_data.one', lifecycle: { destroy: false } } }),
      data({ keep: { input: 'k' } }, { removed: { from: 'terraform_data.many[0]', lifecycle: { destroy: false } } }),
      data({ keep: { input: 'k' } }, { removed: { from: 'data.terraform_data.one' } }),
    ];
    for (const doc of bad) {
      const { terraform, gridform } = await side.plan(doc);
      expect([gridform.code, terraform.code]).toEqual([1, 1]);
      const summary = /Error: ([^\n]+)/.exec(terraform.text)![1];
      expect(gridform.text).toContain(`Error: ${summary}`);
    }
  }, 60_000);
});
