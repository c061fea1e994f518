// yamlencode writes the same text as terraform 1.11 (answers taken from terraform console).
import { evaluate, type Scope } from '../src/expr/evaluate';
import { ExprError, parseExpression } from '../src/expr/parse';
import type { Value } from '../src/values';

const scope: Scope = { resource: () => undefined, variable: () => undefined, local: () => undefined };
const ev = (src: string): Value => evaluate(parseExpression(src), scope);

describe('yamlencode', () => {
  it('quotes keys and strings, sorts keys, and does not indent a sequence under a key', () => {
    expect(ev('yamlencode({b = ["x", true], a = 1})')).toBe('"a": 1\n"b":\n- "x"\n- true\n');
    expect(ev('yamlencode({a = {b = "c: d"}})')).toBe('"a":\n  "b": "c: d"\n');
  });

  it('nests maps and lists inside lists the way terraform does', () => {
    expect(ev('yamlencode([{a = 1, b = [1, 2]}, [3, [4]], {}])')).toBe('- "a": 1\n  "b":\n  - 1\n  - 2\n- - 3\n  - - 4\n- {}\n');
    expect(ev('yamlencode({a = [[1, 2], []]})')).toBe('"a":\n- - 1\n  - 2\n- []\n');
  });

  it('ends a plain scalar document with "..." but not a quoted one or an empty collection', () => {
    expect(ev('yamlencode(null)')).toBe('null\n...\n');
    expect(ev('yamlencode(1.5)')).toBe('1.5\n...\n');
    expect(ev('yamlencode(true)')).toBe('true\n...\n');
    expect(ev('yamlencode("x")')).toBe('"x"\n');
    expect(ev('yamlencode([])')).toBe('[]\n');
  });

  it('escapes quotes and backslashes and keeps other characters', () => {
    expect(ev('yamlencode({x = "é\\"\\\\q", y = null, z = {}})')).toBe('"x": "é\\"\\\\q"\n"y": null\n"z": {}\n');
  });

  it('refuses strings it cannot write as terraform would, instead of writing them differently', () => {
    expect(() => ev('yamlencode("a\\nb")')).toThrow(ExprError);
    expect(() => ev('yamlencode("a\\nb")')).toThrow(/line breaks/);
    expect(() => ev(`yamlencode("${'word '.repeat(20)}")`)).toThrow(/60 or more characters/);
  });
});
