// How an update in place shows lists and maps: only the elements that changed (with their
// unchanged neighbours for context), as Terraform prints them, not the whole value twice; and how a
// created nested value shows, level by level, unknown parts included (terraform 1.11's own text).
import { Unknown, type BlockSchema } from '../index';
import { renderChange } from '../src/render/plan-text';
import { paint } from '../src/render/color';
import type { ResourceChange } from '../src/plan/types';

const schema: BlockSchema = {
  attributes: {
    id: { type: 'string', computed: true },
    nodes: { type: 'list', elementType: 'number', required: true },
    subnets: { type: 'map', elementType: 'string', computed: true },
    contracts: { type: 'map', elementType: 'number', computed: true },
  },
};

function update(before: Record<string, unknown> | null, after: Record<string, unknown>, action = 'update', s = schema): string {
  const change = {
    address: 'grid_network.net',
    resource: 'grid_network.net',
    key: undefined,
    mode: 'managed',
    type: 'grid_network',
    name: 'net',
    providerKey: 'grid',
    action,
    before,
    after,
    replacePaths: [],
    dependencies: [],
    priorDependencies: [],
    createBeforeDestroy: false,
  } as unknown as ResourceChange;
  return renderChange(change, s, paint({ enabled: false })).join('\n');
}

describe('plan rendering of collections changed in place', () => {
  const before = {
    id: 'n',
    nodes: [1, 2, 4, 5, 6, 7],
    subnets: { '1': 'a', '2': 'b', '4': 'd', '5': 'e' },
    contracts: { '1': 11, '2': 12 },
  };

  it('shows a list element added or removed, with its neighbours, and counts the rest as hidden', () => {
    const out = update(before, { ...before, nodes: [1, 2, 3, 4, 5, 7] });
    expect(out).toContain(
      [
        '      ~ nodes     = [',
        '            # (1 unchanged element hidden)',
        '            2,',
        '          + 3,',
        '            4,',
        '            5,',
        '          - 6,',
        '            7,',
        '        ]',
      ].join('\n'),
    );
    expect(out).not.toContain('subnets');
  });

  it('shows map entries changed, added and removed by key, and counts the unchanged ones', () => {
    const out = update(before, { ...before, subnets: { '1': 'a', '2': 'B', '3': 'c', '5': 'e' } });
    expect(out).toContain(
      [
        '      ~ subnets   = {',
        '          ~ "2" = "b" -> "B"',
        '          + "3" = "c"',
        '          - "4" = "d"',
        '            # (2 unchanged elements hidden)',
        '        }',
      ].join('\n'),
    );
  });

  it('shows the old elements going when a collection becomes known only after apply', () => {
    const out = update(before, { ...before, contracts: Unknown });
    expect(out).toContain(
      ['      ~ contracts = {', '          - "1" = 11', '          - "2" = 12', '        } -> (known after apply)'].join('\n'),
    );
  });
});

describe('plan rendering of a created nested value', () => {
  const dataSchema: BlockSchema = {
    attributes: { id: { type: 'string', computed: true }, input: { type: 'dynamic', optional: true } },
  };

  it('expands lists and objects level by level and shows unknown elements as (known after apply), as terraform does', () => {
    const input = { a: Unknown, b: [Unknown, 'k'], c: { d: Unknown }, e: [[Unknown]], f: { g: [Unknown] } };
    const out = update(null, { id: Unknown, input }, 'create', dataSchema);
    // terraform 1.11's plan of the same terraform_data input, line for line
    const terraform = [
      '      + input = {',
      '          + a = (known after apply)',
      '          + b = [',
      '              + (known after apply),',
      '              + "k",',
      '            ]',
      '          + c = {',
      '              + d = (known after apply)',
      '            }',
      '          + e = [',
      '              + [',
      '                  + (known after apply),',
      '                ],',
      '            ]',
      '          + f = {',
      '              + g = [',
      '                  + (known after apply),',
      '                ]',
      '            }',
      '        }',
    ];
    expect(out).toContain(terraform.join('\n'));
  });

  it("quotes a declared map's keys, and an object's keys only where they are not identifiers", () => {
    const created = update(null, { id: 'n', nodes: [1], subnets: { '1': 'a' }, contracts: { '2': 12 } }, 'create');
    expect(created).toContain(['      + subnets   = {', '          + "1" = "a"', '        }'].join('\n'));
    const out = update(null, { id: Unknown, input: { 'a b': 1, ok: 2 } }, 'create', dataSchema);
    expect(out).toContain(['      + input = {', '          + "a b" = 1', '          + ok    = 2', '        }'].join('\n'));
  });
});

describe('plan rendering of values set from sensitive ones', () => {
  const dataSchema: BlockSchema = {
    attributes: { id: { type: 'string', computed: true }, input: { type: 'dynamic', optional: true } },
  };

  it('hides an attribute the configuration set from a sensitive value, as the schema would hide it', () => {
    const change = {
      address: 'terraform_data.x',
      resource: 'terraform_data.x',
      mode: 'managed',
      type: 'terraform_data',
      name: 'x',
      providerKey: 'terraform',
      action: 'create',
      before: null,
      after: { id: Unknown, input: 'hunter2' },
      replacePaths: [],
      dependencies: [],
      priorDependencies: [],
      createBeforeDestroy: false,
      sensitiveAfter: ['input'],
    } as unknown as ResourceChange;
    const out = renderChange(change, dataSchema, paint({ enabled: false })).join('\n');
    expect(out).toContain('+ input = (sensitive value)');
    expect(out).not.toContain('hunter2');
  });
});

describe('plan rendering of nested blocks changed in place (terraform 1.11.4 printed the same)', () => {
  const withBlocks: BlockSchema = {
    attributes: { id: { type: 'string', computed: true }, node: { type: 'number', required: true } },
    blocks: {
      vms: {
        nesting: 'list',
        block: {
          attributes: { name: { type: 'string', required: true }, cpu: { type: 'number', optional: true }, flist: { type: 'string' } },
        },
      },
      disks: { nesting: 'list', block: { attributes: { name: { type: 'string', required: true }, size: { type: 'number' } } } },
    },
  };
  const before = {
    id: '2',
    node: 1,
    vms: [{ name: 'vm', cpu: 1, flist: 'f' }],
    disks: [{ name: 'data', size: 5 }],
  };

  it("a blank line before the blocks, a block's name shown, the unchanged blocks counted after a blank line", () => {
    const out = update(before, { ...before, vms: [{ name: 'vm', cpu: 2, flist: 'f' }] }, 'update', withBlocks);
    expect(out).toBe(
      [
        '  # grid_network.net will be updated in-place',
        '  ~ resource "grid_network" "net" {',
        '        id   = "2"',
        '        # (1 unchanged attribute hidden)',
        '',
        '      ~ vms {',
        '          ~ cpu   = 1 -> 2',
        '            name  = "vm"',
        '            # (1 unchanged attribute hidden)',
        '        }',
        '',
        '        # (1 unchanged block hidden)',
        '    }',
      ].join('\n'),
    );
  });
});

describe("plan rendering of empty strings, as terraform shows them for an old SDK's schema", () => {
  const legacy: BlockSchema = {
    attributes: {
      name: { type: 'string', required: true },
      description: { type: 'string', optional: true },
      planetary_ip: { type: 'string', computed: true },
    },
  };
  const modern: BlockSchema = { attributes: { ...legacy.attributes, input: { type: 'dynamic', optional: true } } };

  it('an empty string is null: created it is an unchanged attribute, replaced by a value it is added', () => {
    const created = update(null, { name: 'vm', description: '', planetary_ip: Unknown }, 'create', legacy);
    expect(created).toContain('        # (1 unchanged attribute hidden)');
    expect(created).not.toContain('description');
    const updated = update(
      { name: 'vm', description: '', planetary_ip: '' },
      { name: 'vm', description: '', planetary_ip: Unknown },
      'update',
      legacy,
    );
    expect(updated).toContain('      + planetary_ip = (known after apply)');
  });

  it('a schema with a dynamic attribute shows empty strings as they are', () => {
    const updated = update({ name: 'vm', planetary_ip: '' }, { name: 'vm', planetary_ip: Unknown }, 'update', modern);
    expect(updated).toContain('      ~ planetary_ip = "" -> (known after apply)');
  });
});
