// All parity cases, each with a key that changes whenever what it runs changes (so answers cached
// from terraform are never used for a case that is no longer the same).
import { createHash } from 'node:crypto';
import type { ParityCase } from './case-types';
import { configSpecs } from './config-cases';
import { expressionSpecs, PREAMBLE_LOCALS } from './expression-cases';

function key(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

export function allCases(): ParityCase[] {
  const preamble = key(PREAMBLE_LOCALS);
  const out: ParityCase[] = [];
  for (const s of expressionSpecs()) {
    out.push({
      kind: 'expr',
      id: key([preamble, s.expr, !!s.sensitive]),
      category: s.category,
      expr: s.expr,
      ...(s.sensitive ? { sensitive: true } : {}),
    });
  }
  for (const s of configSpecs()) out.push({ kind: 'config', id: key(s.steps), category: s.category, steps: s.steps });
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
