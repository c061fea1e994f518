// npm run adversarial: every attack and every malformed input of the suite, judged, then a table:
// attacks tried / refused, inputs tried / clear errors / internal errors / silently accepted, and
// the valid inputs accepted as terraform accepts them; the failing cases are listed with what was
// seen. The engine's and the grid provider's cases run here; the node's and the chain's run as
// programs of their own (provider/ may not import zos-sim/ or chain-sim/), which print their
// results as JSON lines. Exit code 1 unless no case is an internal error, a silent acceptance or
// a valid input mishandled.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { engineCases } from '../../../engine/test/adversarial/engine-cases';
import { judge, type AdversarialCase, type CaseResult } from '../../../engine/test/adversarial/verdict';
import { gridCases } from './grid-cases';
import { startGridScene, type GridScene } from './grid-scene';

/** dist/, where this program runs from */
const DIST = path.resolve(__dirname, '..', '..', '..');

/** Runs the results printed by one part's program, one JSON result per line. */
function partProgram(part: string, main: string): Promise<CaseResult[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(DIST, main)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => {
      const results = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as CaseResult);
      if (code !== 0)
        results.push({
          part,
          kind: 'input',
          group: 'the part itself',
          name: `${main} exited with ${code}`,
          verdict: 'internal',
          seen: err.slice(-2000),
        });
      resolve(results);
    });
  });
}

async function inProcess(part: string, cases: AdversarialCase[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) out.push(await judge(part, c));
  return out;
}

async function gridPart(): Promise<CaseResult[]> {
  let scene: GridScene | undefined;
  try {
    scene = await startGridScene();
    return await inProcess(
      'provider',
      gridCases(() => scene!),
    );
  } finally {
    await scene?.stop();
  }
}

interface Row {
  attacks: number;
  refused: number;
  inputs: number;
  clear: number;
  internal: number;
  silent: number;
  valid: number;
  accepted: number;
  mishandled: number;
}

function tally(results: CaseResult[]): Row {
  const row: Row = { attacks: 0, refused: 0, inputs: 0, clear: 0, internal: 0, silent: 0, valid: 0, accepted: 0, mishandled: 0 };
  for (const r of results) {
    if (r.verdict === 'accepted' || r.verdict === 'mishandled') {
      row.valid++;
      row[r.verdict]++;
      continue;
    }
    if (r.kind === 'attack') {
      row.attacks++;
      if (r.verdict === 'clear') row.refused++;
    } else {
      row.inputs++;
      if (r.verdict === 'clear') row.clear++;
    }
    if (r.verdict === 'internal') row.internal++;
    if (r.verdict === 'silent') row.silent++;
  }
  return row;
}

function table(byPart: [string, CaseResult[]][]): string {
  const head = [
    'part',
    'attacks tried',
    'refused',
    'inputs tried',
    'clear errors',
    'internal errors',
    'silently accepted',
    'valid inputs',
    'accepted',
  ];
  const line = (name: string, r: Row) =>
    [name, r.attacks, r.refused, r.inputs, r.clear, r.internal, r.silent, r.valid, r.accepted].map(String);
  const rows = [head, ...byPart.map(([p, rs]) => line(p, tally(rs))), line('total', tally(byPart.flatMap(([, rs]) => rs)))];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map(
      (r, n) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') +
        (n === 0 ? `\n${'-'.repeat(widths.reduce((a, b) => a + b + 2, -2))}` : ''),
    )
    .join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  // the node's and the chain's programs run beside the in-process parts
  const node = partProgram('zos-sim', path.join('zos-sim', 'test', 'adversarial', 'main.js'));
  const chain = partProgram('chain-sim', path.join('chain-sim', 'test', 'adversarial', 'main.js'));
  const engine = await inProcess('engine', engineCases());
  const grid = await gridPart();
  const byPart: [string, CaseResult[]][] = [
    ['engine', engine],
    ['provider', grid],
    ['zos-sim', await node],
    ['chain-sim', await chain],
  ];
  const all = byPart.flatMap(([, rs]) => rs);
  const failed = all.filter((r) => r.verdict === 'internal' || r.verdict === 'silent' || r.verdict === 'mishandled');
  process.stdout.write(`gridform adversarial suite (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n${table(byPart)}\n`);
  if (failed.length) {
    process.stdout.write(`\n${failed.length} case(s) failed:\n`);
    for (const r of failed)
      process.stdout.write(`\n[${r.verdict}] ${r.part} / ${r.group}: ${r.name}\n${(r.seen ?? '').trim().replace(/^/gm, '    ')}\n`);
  } else {
    process.stdout.write(
      '\nEvery attack was refused; every malformed input got a clear error; every valid input was accepted as terraform accepts it.\n',
    );
  }
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`the adversarial suite could not run: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
