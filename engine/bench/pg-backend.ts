// npm run bench, pg part: plan and apply of 5,000 terraform_data resources (chains of 10) with
// the state in PostgreSQL (a throwaway local cluster), beside the same with the local backend.
// Goal (issue 7): pg within 1.5 times local. Each figure is the median of ROUNDS runs in fresh
// folders (and a fresh schema for pg): single runs on a shared 2-core machine vary by a third.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chainedTerraformData } from './terraform-data-config';
import { fmt, timed, table, type Step } from './timing';
import { startPgCluster } from '../test/support/pg-cluster';

const GRIDFORM = path.resolve(__dirname, '..', '..', 'provider', 'cli', 'main.js');
const N = Number(process.env.BENCH_PG_SIZE ?? 5000);
const GOAL = 1.5;
const ROUNDS = Number(process.env.BENCH_PG_ROUNDS ?? 5);

function median(steps: Step[]): Step {
  const sorted = [...steps].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function run(dir: string): { plan: Step; apply: Step; replan: Step } {
  return {
    plan: timed(process.execPath, [GRIDFORM, 'plan', '-no-color'], dir),
    apply: timed(process.execPath, [GRIDFORM, 'apply', '-auto-approve', '-no-color'], dir),
    replan: timed(process.execPath, [GRIDFORM, 'plan', '-no-color'], dir),
  };
}

async function main(): Promise<void> {
  let pg;
  try {
    pg = await startPgCluster();
  } catch (err) {
    process.stdout.write(`pg backend bench skipped: ${(err as Error).message}\n`);
    return;
  }
  try {
    const doc = chainedTerraformData(N) as { terraform: Record<string, unknown> };
    const runs: { local: ReturnType<typeof run>; pg: ReturnType<typeof run> }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const local = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-local-'));
      fs.writeFileSync(path.join(local, 'cdk.tf.json'), JSON.stringify(doc));
      const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
      fs.writeFileSync(
        path.join(remote, 'cdk.tf.json'),
        JSON.stringify({
          ...doc,
          terraform: { ...doc.terraform, backend: { pg: { conn_str: pg.connectionString, schema_name: `bench_${round}` } } },
        }),
      );
      runs.push({ local: run(local), pg: run(remote) });
      fs.rmSync(local, { recursive: true, force: true });
      fs.rmSync(remote, { recursive: true, force: true });
    }
    const pick = (backend: 'local' | 'pg') => ({
      plan: median(runs.map((r) => r[backend].plan)),
      apply: median(runs.map((r) => r[backend].apply)),
      replan: median(runs.map((r) => r[backend].replan)),
    });
    const l = pick('local');
    const p = pick('pg');
    const rows = (['plan', 'apply', 'replan'] as const).map((step) => {
      const ratio = l[step].ok && p[step].ok ? p[step].seconds / l[step].seconds : NaN;
      return [
        `${step} ${N}`,
        fmt(l[step]),
        fmt(p[step]),
        Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`,
        step === 'replan' ? '-' : `<= ${GOAL}x ${ratio <= GOAL ? 'met' : 'MISSED'}`,
      ];
    });
    process.stdout.write(`\n${table([`terraform_data, state backend (median of ${ROUNDS})`, 'local', 'pg', 'pg / local', 'goal'], rows)}`);
  } finally {
    await pg.stop();
  }
}

void main();
