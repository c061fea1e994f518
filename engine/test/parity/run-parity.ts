// Runs parity cases: terraform's answers come from the fixture (terraform-answers.json) or, live,
// from terraform itself (and are then written back to the fixture); gridform's are computed in
// this process. Returns each case's verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Answer, ExprCase, ParityCase } from './case-types';
import { compare, type Comparison } from './compare';
import { answerConfig, answerExpressions, GRIDFORM, TERRAFORM, type Tool } from './tools';

/** The fixture sits in the source tree, also when this runs compiled from dist/. */
export const FIXTURE = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []),
  'engine',
  'test',
  'parity',
  'terraform-answers.json',
);

export function readFixture(): Record<string, Answer> {
  return fs.existsSync(FIXTURE) ? (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, Answer>) : {};
}

export function writeFixture(answers: Record<string, Answer>): void {
  const sorted = Object.fromEntries(
    Object.keys(answers)
      .sort()
      .map((k) => [k, answers[k]]),
  );
  fs.writeFileSync(FIXTURE, JSON.stringify(sorted, null, 1) + '\n');
}

const BATCH = 150;

async function answers(tool: Tool, cases: ParityCase[], progress?: (done: number) => void): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  const exprs = cases.filter((c): c is ExprCase => c.kind === 'expr');
  for (let i = 0; i < exprs.length; i += BATCH) {
    for (const [id, a] of await answerExpressions(tool, exprs.slice(i, i + BATCH))) out.set(id, { expr: a });
    progress?.(out.size);
  }
  for (const c of cases) {
    if (c.kind !== 'config') continue;
    out.set(c.id, { steps: await answerConfig(tool, c) });
    progress?.(out.size);
  }
  return out;
}

export interface CaseResult {
  case: ParityCase;
  comparison: Comparison;
}

/** Compares gridform with terraform on `cases`; `live` asks terraform for the answers it lacks or all of them. */
export async function runParity(
  cases: ParityCase[],
  live: 'none' | 'missing' | 'all',
  progress?: (what: string, done: number) => void,
): Promise<CaseResult[]> {
  const fixture = readFixture();
  const ask = live === 'all' ? cases : live === 'missing' ? cases.filter((c) => !fixture[c.id]) : [];
  if (ask.length) {
    for (const [id, a] of await answers(TERRAFORM, ask, (n) => progress?.('terraform', n))) fixture[id] = a;
    writeFixture(fixture);
  }
  const known = cases.filter((c) => fixture[c.id]);
  const mine = await answers(GRIDFORM, known, (n) => progress?.('gridform', n));
  return known.map((c) => {
    const g = mine.get(c.id);
    const comparison: Comparison = g ? compare(fixture[c.id], g) : { verdict: 'crash', why: 'no answer from gridform' };
    return { case: c, comparison };
  });
}

/** Category totals: the part before ":" groups the functions together. */
export function summarize(results: CaseResult[]): string {
  const rows = new Map<string, Record<string, number>>();
  for (const r of results) {
    const cat = r.case.category.split(':')[0];
    const row = rows.get(cat) ?? { match: 0, differ: 0, 'one-side error': 0, crash: 0 };
    row[r.comparison.verdict]++;
    rows.set(cat, row);
  }
  const total = { match: 0, differ: 0, 'one-side error': 0, crash: 0 } as Record<string, number>;
  const lines = [
    `${'category'.padEnd(22)}${'cases'.padStart(7)}${'match'.padStart(7)}${'differ'.padStart(8)}${'one-side'.padStart(
      10,
    )}${'crash'.padStart(7)}`,
  ];
  for (const [cat, row] of [...rows].sort()) {
    const n = Object.values(row).reduce((a, b) => a + b, 0);
    for (const k of Object.keys(total)) total[k] += row[k];
    lines.push(
      `${cat.padEnd(22)}${String(n).padStart(7)}${String(row.match).padStart(7)}${String(row.differ).padStart(8)}${String(
        row['one-side error'],
      ).padStart(10)}${String(row.crash).padStart(7)}`,
    );
  }
  const n = results.length;
  lines.push(
    `${'total'.padEnd(22)}${String(n).padStart(7)}${String(total.match).padStart(7)}${String(total.differ).padStart(8)}${String(
      total['one-side error'],
    ).padStart(10)}${String(total.crash).padStart(7)}`,
  );
  lines.push(
    `parity: ${((100 * total.match) / Math.max(1, n)).toFixed(1)}% of ${n} cases behave the same as terraform; ${total.crash} crashes`,
  );
  return lines.join('\n');
}
