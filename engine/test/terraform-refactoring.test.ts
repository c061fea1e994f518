// gridform beside terraform on what changes the state without changing objects: removed blocks
// (forget or destroy), moved blocks and the moves terraform implies when count is added to a
// resource or taken from it. Both tools plan the same actions, with the same action_reason and
// previous_address, refuse the same blocks, and end with the same addresses in their states.
// Skips when no terraform binary is installed.
import { describeWithTerraform, SideBySide } from './support/terraform';

// an empty resource type object is refused by terraform ("Missing block label"), so none is written
const data = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...(Object.keys(resources).length ? { resource: { terraform_data: resources } } : {}),
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

interface Scenario {
  name: string;
  /** documents applied with both tools first */
  applied: unknown[];
  /** a state mv run with both tools after applying */
  stateMove?: [string, string];
  planned: unknown;
  args?: string[];
}

const SCENARIOS: Scenario[] = [
  { name: 'count added: x moves to x[0]', applied: [data({ x: { input: 'a' } })], planned: data({ x: { input: 'a', count: 1 } }) },
  {
    name: 'count added with more instances: x moves to x[0], x[1] is created',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a', count: 2 } }),
  },
  { name: 'count removed: x[0] moves to x', applied: [data({ x: { input: 'a', count: 1 } })], planned: data({ x: { input: 'b' } }) },
  {
    name: 'count removed from two: x[0] moves, x[1] goes',
    applied: [data({ x: { input: 'a', count: 2 } })],
    planned: data({ x: { input: 'a' } }),
  },
  {
    name: 'for_each added: no implied move',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a', for_each: { k: 'v' } } }),
  },
  {
    name: 'for_each removed: no implied move',
    applied: [data({ x: { input: 'a', for_each: { k: 'v' } } })],
    planned: data({ x: { input: 'a' } }),
  },
  {
    name: 'count becomes for_each',
    applied: [data({ x: { input: 'a', count: 1 } })],
    planned: data({ x: { input: 'a', for_each: { k: 'v' } } }),
  },
  {
    name: 'explicit move to x[0] with count',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a', count: 1 } }, { moved: { from: 'terraform_data.x', to: 'terraform_data.x[0]' } }),
  },
  {
    name: 'an explicit move to x[1] replaces the implied one',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a', count: 2 } }, { moved: { from: 'terraform_data.x', to: 'terraform_data.x[1]' } }),
  },
  {
    name: 'explicit move of x[1] to a keyless resource',
    applied: [data({ x: { input: 'a', count: 2 } })],
    planned: data({ y: { input: 'a' } }, { moved: { from: 'terraform_data.x[1]', to: 'terraform_data.y' } }),
  },
  {
    name: 'a moved block from an instance still declared is refused',
    applied: [data({ x: { input: 'a', count: 2 } })],
    planned: data({ x: { input: 'a', count: 2 } }, { moved: { from: 'terraform_data.x[0]', to: 'terraform_data.x[1]' } }),
  },
  {
    name: 'a moved block from a keyless instance still declared is refused',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a' } }, { moved: { from: 'terraform_data.x', to: 'terraform_data.x[0]' } }),
  },
  {
    name: 'moved to an address not declared: deleted there',
    applied: [data({ x: { input: 'a' } })],
    planned: data({}, { moved: { from: 'terraform_data.x', to: 'terraform_data.y' } }),
  },
  {
    name: 'implied move blocked by an object already at x[0]',
    applied: [data({ x: { input: 'a' }, z: { input: 'z' } })],
    stateMove: ['terraform_data.z', 'terraform_data.x[0]'],
    planned: data({ x: { input: 'a', count: 1 } }),
  },
  {
    name: 'implied move blocked by an object already at x',
    applied: [data({ x: { input: 'a' }, z: { input: 'z' } })],
    stateMove: ['terraform_data.z', 'terraform_data.x[0]'],
    planned: data({ x: { input: 'a' } }),
  },
  {
    name: 'chained moves, written in reverse order',
    applied: [data({ a: { input: 'a' } })],
    planned: data(
      { c: { input: 'a' } },
      {
        moved: [
          { from: 'terraform_data.b', to: 'terraform_data.c' },
          { from: 'terraform_data.a', to: 'terraform_data.b' },
        ],
      },
    ),
  },
  {
    name: 'moves left out by -target are refused',
    applied: [data({ x: { input: 'a' }, y: { input: 'b' }, z: { input: 'z' } })],
    planned: data(
      { x: { input: 'a', count: 1 }, y2: { input: 'b' }, z: { input: 'z2' } },
      { moved: { from: 'terraform_data.y', to: 'terraform_data.y2' } },
    ),
    args: ['-target=terraform_data.z'],
  },
  {
    name: 'moves inside -target are planned',
    applied: [data({ x: { input: 'a' }, z: { input: 'z' } })],
    planned: data({ x: { input: 'a', count: 1 }, z: { input: 'z2' } }),
    args: ['-target=terraform_data.x', '-target=terraform_data.z'],
  },
  {
    name: 'a destroy plan deletes moved objects at their new addresses',
    applied: [data({ x: { input: 'a' }, y: { input: 'b' } })],
    planned: data({ x: { input: 'a', count: 1 }, y2: { input: 'b' } }, { moved: { from: 'terraform_data.y', to: 'terraform_data.y2' } }),
    args: ['-destroy'],
  },
  {
    name: 'an import into a declared resource',
    applied: [data({ keep: { input: 'k' } })],
    planned: data({ keep: { input: 'k' }, x: { input: 'a' } }, { import: { to: 'terraform_data.x', id: 'abc' } }),
  },
  {
    name: 'an import into an instance of a counted resource',
    applied: [data({ keep: { input: 'k' } })],
    planned: data({ keep: { input: 'k' }, x: { count: 2 } }, { import: { to: 'terraform_data.x[1]', id: 'abc' } }),
  },
  {
    name: 'an import beside a move and a removed block',
    applied: [data({ a: { input: 'a' }, gone: { input: 'g' } })],
    planned: data(
      { b: { input: 'a' }, z: {} },
      {
        moved: { from: 'terraform_data.a', to: 'terraform_data.b' },
        import: { to: 'terraform_data.z', id: 'abc' },
        removed: { from: 'terraform_data.gone', lifecycle: { destroy: false } },
      },
    ),
  },
  {
    name: 'an import block whose object is managed already does nothing',
    applied: [data({ x: { input: 'a' } })],
    planned: data({ x: { input: 'a' } }, { import: { to: 'terraform_data.x', id: 'abc' } }),
  },
  {
    name: 'ambiguous moves are refused',
    applied: [data({ a: { input: 'a' } })],
    planned: data(
      { x: {}, y: {} },
      {
        moved: [
          { from: 'terraform_data.a', to: 'terraform_data.x' },
          { from: 'terraform_data.a', to: 'terraform_data.y' },
        ],
      },
    ),
  },
  {
    name: 'cyclic moves are refused',
    applied: [data({ a: { input: 'a' } })],
    planned: data(
      {},
      {
        moved: [
          { from: 'terraform_data.a', to: 'terraform_data.b' },
          { from: 'terraform_data.b', to: 'terraform_data.a' },
        ],
      },
    ),
  },
];

describeWithTerraform('moves beside terraform', () => {
  for (const s of SCENARIOS) {
    it(
      s.name,
      async () => {
        const side = new SideBySide();
        try {
          for (const doc of s.applied) await side.apply(doc);
          if (s.stateMove) await side.both('state', 'mv', ...s.stateMove);
          const { terraform, gridform } = await side.plan(s.planned, ...(s.args ?? []));
          expect({ code: gridform.code, changes: gridform.changes }).toEqual({ code: terraform.code, changes: terraform.changes });
          if (terraform.code !== 0) expect(gridform.text).toContain(`Error: ${/Error: ([^\n]+)/.exec(terraform.text)![1]}`);
          if (/Warning: Unresolved resource instance address changes/.test(terraform.text)) {
            expect(gridform.text).toContain('Warning: Unresolved resource instance address changes');
          }
          if (terraform.code === 0 && !s.args?.length) {
            await side.both('apply', '-auto-approve', '-input=false', 'plan.bin');
            const lists = await side.stateLists();
            expect(lists.gridform).toEqual(lists.terraform);
          }
        } finally {
          side.remove();
        }
      },
      60_000,
    );
  }
});
