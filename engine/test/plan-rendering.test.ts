// How an update in place shows lists and maps: only the elements that changed (with their
// unchanged neighbours for context), as Terraform prints them, not the whole value twice.
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

function update(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const change = {
    address: 'grid_network.net',
    resource: 'grid_network.net',
    key: undefined,
    mode: 'managed',
    type: 'grid_network',
    name: 'net',
    providerKey: 'grid',
    action: 'update',
    before,
    after,
    replacePaths: [],
    dependencies: [],
    priorDependencies: [],
    createBeforeDestroy: false,
  } as unknown as ResourceChange;
  return renderChange(change, schema, paint({ enabled: false })).join('\n');
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
        '      ~ nodes = [',
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
        '      ~ subnets = {',
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
