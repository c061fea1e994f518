// The `state show` rendering of an object with nested blocks, without terraform at hand: the
// expected text is what terraform 1.11.4 printed for the same state through the grid provider
// (state-show-parity.test.ts and the grid provider's parity e2e compare with terraform itself).
import type { BlockSchema } from '../src/provider/interface';
import { renderStateObject } from '../src/render/state-object';
import { goQuote } from '../src/render/hcl-text';

const SCHEMA: BlockSchema = {
  attributes: {
    id: { type: 'string', computed: true },
    name: { type: 'string', optional: true },
    node: { type: 'number', required: true },
    description: { type: 'string', optional: true },
  },
  blocks: {
    disks: {
      nesting: 'list',
      block: { attributes: { name: { type: 'string', required: true }, size: { type: 'number', required: true } } },
    },
    vms: {
      nesting: 'list',
      block: {
        attributes: {
          name: { type: 'string', required: true },
          computedip: { type: 'string', computed: true },
          corex: { type: 'bool', optional: true },
          env_vars: { type: 'map', elementType: 'string', optional: true },
        },
      },
    },
    zdbs: {
      nesting: 'list',
      block: {
        attributes: {
          name: { type: 'string', required: true },
          password: { type: 'string', optional: true, sensitive: true },
          ips: { type: 'list', elementType: 'string', computed: true },
        },
      },
    },
    containers: { nesting: 'list', block: { attributes: { name: { type: 'string', required: true } } } },
  },
};

const VALUE = {
  id: '2',
  name: 'app',
  node: 1,
  description: null,
  disks: [{ name: 'data', size: 5 }],
  vms: [{ name: 'vm', computedip: '', corex: null, env_vars: { A: 'b' } }],
  zdbs: [{ name: 'cache', password: 'pw', ips: ['2001:db8:1::2491'] }],
  containers: [],
};

describe('state show rendering of one object', () => {
  it('prints nested blocks as blocks, hides a nested sensitive value, leaves out nulls and shows "" as null', () => {
    expect(renderStateObject(VALUE, SCHEMA, [])).toBe(
      [
        '{',
        '    id   = "2"',
        '    name = "app"',
        '    node = 1',
        '',
        '    disks {',
        '        name = "data"',
        '        size = 5',
        '    }',
        '',
        '    vms {',
        '        computedip = null',
        '        env_vars   = {',
        '            "A" = "b"',
        '        }',
        '        name       = "vm"',
        '    }',
        '',
        '    zdbs {',
        '        ips      = [',
        '            "2001:db8:1::2491",',
        '        ]',
        '        name     = "cache"',
        '        password = (sensitive value)',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it("hides what the state's sensitive_attributes name, at any depth", () => {
    const text = renderStateObject(VALUE, SCHEMA, [['vms', 0, 'env_vars', 'A'], ['name']]);
    expect(text).toMatch(/^ {4}name = \(sensitive value\)$/m);
    expect(text).toMatch(/^ {8}env_vars {3}= \(sensitive value\)$/m);
    expect(text).not.toContain('"b"');
  });

  it('quotes strings as Go does: escapes for control characters, printable text as it is', () => {
    expect(goQuote('a"b\\c\n\t\x01\x7f')).toBe('"a\\"b\\\\c\\n\\t\\x01\\x7f"');
    expect(goQuote('größe → ✓\u00a0\u2028')).toBe('"größe → ✓\\u00a0\\u2028"');
  });
});
