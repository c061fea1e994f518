// The chaos run's report: a table tried / landed / held / failed / harness errors per kind, then a
// line per trial that did not hold, with what was inflicted, what did not hold and how to replay it.
// A fault "landed" when it hit the run it aimed at (a kill at a moment can come after the run ended).
import type { TrialResult } from './run-chaos';

export function renderReport(results: TrialResult[], seed: number, kinds: string[]): string {
  const rows = kinds.map((kind) => {
    const of = results.filter((r) => r.kind === kind);
    return cells(kind, of);
  });
  rows.push(cells('total', results));
  const header = ['kind', 'tried', 'landed', 'held', 'failed', 'harness errors', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const out = [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(0, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(rows[rows.length - 1]),
  ];
  const bad = results.filter((r) => r.status !== 'held');
  if (bad.length) out.push('');
  for (const r of bad) {
    out.push(
      `${r.status === 'failed' ? 'FAILED' : 'HARNESS ERROR'} ${r.kind} #${r.trial} ` +
        `(replay: npm run chaos -- --seed ${seed} --kinds ${r.kind} --trial ${r.trial}; files in ${r.dir})`,
    );
    if (r.inflicted.length) out.push(`  inflicted: ${r.inflicted.join('; ')}`);
    const seen = new Map<string, number>();
    for (const p of r.problems) seen.set(p, (seen.get(p) ?? 0) + 1);
    for (const [p, n] of seen) out.push(`  - ${p}${n > 1 ? ` (x${n})` : ''}`);
  }
  return out.join('\n') + '\n';
}

const cells = (label: string, rs: TrialResult[]) => [
  label,
  rs.length,
  landed(rs),
  count(rs, 'held'),
  count(rs, 'failed'),
  count(rs, 'harness error'),
  seconds(rs),
];
const MISSED = /came too late|before the fault point/;
const landed = (rs: TrialResult[]) => rs.filter((r) => !r.inflicted.some((i) => MISSED.test(i))).length;
const count = (rs: TrialResult[], s: TrialResult['status']) => rs.filter((r) => r.status === s).length;
const seconds = (rs: TrialResult[]) => `${Math.round(rs.reduce((sum, r) => sum + r.ms, 0) / 1000)}s`;
