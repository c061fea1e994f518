// What a broken constraint says: the value as given and the rule it breaks, in one sentence.
import type { AttributeDecl } from './declaration';

/**
 * The detail of a problem with `value` at `where`; `keyword` is the JSON Schema keyword that
 * failed ("element" for a list's element or a map's value). Null when the declaration has no
 * constraint that explains it (a plain type mismatch).
 */
export function problemText(a: AttributeDecl, where: string, value: unknown, keyword: string): string | null {
  const is = `${where} is ${JSON.stringify(value)}`;
  if (keyword === 'minItems' || keyword === 'maxItems' || keyword === 'uniqueItems') return itemsText(a, where, value as unknown[]);
  if (a.range && (typeof value === 'number' || keyword === 'type')) {
    const [min, max] = a.range;
    return `${is}; it must be a whole number from ${min} to ${max}${a.unit ? ` ${a.unit}` : ''}.`;
  }
  if (a.oneOf && keyword !== 'pattern') return `${is}; it must be ${orList(a.oneOf.map((v) => JSON.stringify(v)))}.`;
  if (a.pattern) return `${is}; it must be ${a.pattern.what}.`;
  return null;
}

function itemsText(a: AttributeDecl, where: string, list: unknown[]): string {
  const items = a.items!;
  const count = list.length;
  if (items.min !== undefined && count < items.min) {
    const such = items.example ? `, such as ${items.example}` : '';
    const least = items.min === 1 ? `at least one ${items.noun}` : `at least ${items.min} ${items.noun}s`;
    return `${where} lists ${count ? count : 'no'} ${count === 1 ? items.noun : `${items.noun}s`}; it must list ${least}${such}.`;
  }
  if (items.max !== undefined && count > items.max) {
    return `${where} lists ${count} ${items.noun}s; it may list at most ${items.max}${items.maxWhy ? ` (${items.maxWhy})` : ''}.`;
  }
  const twice = list.find((x, i) => list.indexOf(x) !== i);
  return `${where} lists the ${items.noun} ${JSON.stringify(twice)} twice; each may appear once.`;
}

function orList(words: readonly string[]): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
