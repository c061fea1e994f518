// Template directives %{for}, %{if}/%{else} and the ~ strip markers, as terraform evaluates them.
import { evaluate, type Scope } from '../src/expr/evaluate';
import { ExprError, parseTemplate, references } from '../src/expr/parse';
import { isUnknown, Unknown, type Value } from '../src/values';

const LOCALS: Record<string, Value> = { l: ['a', 'b', 'c'], m: { b: 2, a: 1 }, yes: true, nul: null, s: 'x', later: Unknown };
const scope: Scope = { resource: () => undefined, variable: () => undefined, local: (n) => LOCALS[n] };
const tpl = (text: string): Value => evaluate(parseTemplate(text), scope);
const failure = (text: string): string => {
  try {
    tpl(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  throw new Error(`${text} did not fail`);
};

describe('template directives', () => {
  it('repeats a %{for} body per list element and per map key in key order', () => {
    expect(tpl('%{ for x in local.l }${x},%{ endfor }')).toBe('a,b,c,');
    expect(tpl('%{ for i, x in local.l }${i}:${x} %{ endfor }')).toBe('0:a 1:b 2:c ');
    expect(tpl('%{ for k, v in local.m }${k}=${v};%{ endfor }')).toBe('a=1;b=2;');
  });

  it('nests %{for} inside %{for} with both variables in scope', () => {
    expect(tpl('%{for x in local.l}%{for y in ["1", "2"]}${x}${y} %{endfor}%{endfor}')).toBe('a1 a2 b1 b2 c1 c2 ');
  });

  it('chooses the %{if} or %{else} branch, converting "true" to a bool', () => {
    expect(tpl('%{ if local.yes }yes%{ else }no%{ endif }')).toBe('yes');
    expect(tpl('%{ if !local.yes }yes%{ else }no%{ endif }')).toBe('no');
    expect(tpl('%{ if "true" }a%{ endif }')).toBe('a');
    expect(tpl('[%{ if false }a%{ endif }]')).toBe('[]');
  });

  it('always yields a string, even when the directive is the whole template', () => {
    expect(tpl('%{ for x in [1, 2] }${x}%{ endfor }')).toBe('12');
  });

  it('strips the whitespace, newlines included, beside a ~ marker', () => {
    expect(tpl('a %{~ if true ~} b %{~ endif ~} c')).toBe('abc');
    expect(tpl('a\n  %{~ for x in local.l ~}\n  ${x}\n  %{~ endfor ~}\n')).toBe('aabc');
    expect(tpl(' x ${~ local.s ~}  y')).toBe(' xxy');
  });

  it('is unknown when the collection or condition is known only after apply', () => {
    expect(isUnknown(tpl('%{ for x in local.later }${x}%{ endfor }'))).toBe(true);
    expect(isUnknown(tpl('%{ if local.later }a%{ endif }'))).toBe(true);
  });

  it('reports the references inside directives, so dependencies are seen', () => {
    const roots = references(parseTemplate('%{ for x in var.xs }${local.s}%{ endfor }')).map((r) => r.root);
    expect(roots.sort()).toEqual(['local', 'var']);
  });

  it('refuses unbalanced, unknown and ill-typed directives with an ExprError', () => {
    expect(failure('%{ for x in local.l }${x}')).toMatch(/%\{for\} has no matching %\{endfor\}/);
    expect(failure('a%{ endif }')).toMatch(/%\{endif\} without a matching opening directive/);
    expect(failure('%{ if true }a%{ else }b%{ else }c%{ endif }')).toMatch(/%\{else\} without a matching opening directive/);
    expect(failure('%{ while true }a%{ endwhile }')).toMatch(/unknown template directive "while"/);
    expect(failure('%{ if 1 }a%{ endif }')).toMatch(/Invalid condition/);
    expect(failure('%{ for x in local.nul }${x}%{ endfor }')).toMatch(/Iteration over null value/);
    expect(failure('%{ for x in local.l }${local.nul}%{ endfor }')).toMatch(/local.nul is null/);
  });
});
