// DynamicValues as terraform sends and reads them: msgpack bytes written by hand as go-cty
// writes them, read against a schema, and what the server writes back.
import { encode, ExtData } from '@msgpack/msgpack';
import type { BlockSchema } from '../../src/provider/interface';
import { decodeObject, encodeObject } from '../../src/plugin-server/wire-values';
import { markNewComputedUnknown } from '../../src/plugin-server/provider-service';
import { Unknown } from '../../src/values';

const block: BlockSchema = {
  attributes: {
    name: { type: 'string', required: true },
    size: { type: 'number', optional: true },
    tags: { type: 'map', elementType: 'string', optional: true },
    id: { type: 'string', computed: true },
    extra: { type: 'object', optional: true },
  },
  blocks: { disks: { nesting: 'list', block: { attributes: { name: { type: 'string' }, ip: { type: 'string', computed: true } } } } },
};

describe('DynamicValue msgpack against a schema', () => {
  it('reads ext 0 and a refined unknown (ext 12) as unknown, and nil as null', () => {
    const bytes = encode({
      name: new ExtData(0, new Uint8Array([0])),
      size: new ExtData(12, encode({ 1: false })),
      tags: null,
      id: null,
      extra: null,
      disks: [],
    });
    expect(decodeObject(block, bytes)).toEqual({ name: Unknown, size: Unknown, tags: null, id: null, extra: null, disks: [] });
  });

  it('writes exactly the schema keys: a missing attribute is nil, a nested list block with no items is an empty array', () => {
    const bytes = encodeObject(block, { name: 'a', id: Unknown, unknownKey: 'dropped' } as never);
    // fixmap of 6, keys in schema order; id is d4 00 00 (fixext1 type 0); disks is 90
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex.startsWith('86')).toBe(true);
    expect(hex).toContain(Buffer.from('id').toString('hex') + 'd40000');
    expect(hex.endsWith(Buffer.from('disks').toString('hex') + '90')).toBe(true);
    expect(decodeObject(block, bytes)).toEqual({ name: 'a', size: null, tags: null, id: Unknown, extra: null, disks: [] });
  });

  it('a dynamic attribute travels as [type JSON bytes, value] and reads back as the plain value', () => {
    const value = { name: 'a', extra: { port: 80, hosts: ['x'] }, disks: [{ name: 'd', ip: '10.0.0.2' }] };
    const back = decodeObject(block, encodeObject(block, value as never));
    expect(back).toEqual({ name: 'a', size: null, tags: null, id: null, extra: value.extra, disks: value.disks });
  });

  it('a number sent as a decimal string keeps every digit', () => {
    const back = decodeObject(
      block,
      encode({ name: 'n', size: '123456789012345678901234567890', tags: null, id: null, extra: null, disks: [] }),
    );
    expect(String(back!.size)).toBe('123456789012345678901234567890');
  });

  it('refuses a value of the wrong shape with a message instead of crashing', () => {
    expect(() => decodeObject(block, encode({ name: 'a', disks: 'nope' }))).toThrow(/expected an array/);
  });

  it('computed attributes of a new object and of new nested items are proposed unknown, prior values stay', () => {
    const proposed = {
      name: 'a',
      size: null,
      tags: null,
      id: null,
      extra: null,
      disks: [
        { name: 'd1', ip: '10.0.0.2' },
        { name: 'd2', ip: null },
      ],
    };
    const prior = { ...proposed, id: '7', disks: [{ name: 'd1', ip: '10.0.0.2' }] };
    expect(markNewComputedUnknown(block, proposed, null)).toMatchObject({ id: Unknown, disks: [{ ip: '10.0.0.2' }, { ip: Unknown }] });
    expect(markNewComputedUnknown(block, { ...proposed, id: '7' }, prior)).toMatchObject({
      id: '7',
      disks: [{ ip: '10.0.0.2' }, { ip: Unknown }],
    });
  });
});
