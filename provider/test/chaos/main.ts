#!/usr/bin/env node
// `npm run chaos`: the chaos suite of issue 12 against real local grids, real processes and a
// real PostgreSQL. Exit code 0 when every trial held, 1 when one failed, 2 on a harness error.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { killAllGrids } from './grid';
import { KINDS } from './kinds';
import { killAllRunning } from './processes';
import { renderReport } from './report';
import { runChaos, stopPg, type RunConfig } from './run-chaos';

const USAGE = `usage: npm run chaos -- [--trials N] [--kinds a,b] [--seed S] [--trial N] [--data-count 2000]
                        [--outage 60] [--concurrency 8] [--nodes 3] [--work DIR]
  --trials N       trials per kind (default 8: 64 trials over the 8 kinds)
  --seed S         seeds every random choice (default: chosen and printed); with --kinds K --trial N
                   it replays trial N of kind K exactly
  --data-count N   terraform_data objects in the data stacks (default 2000)
  --outage S       seconds the chain is down in chain-outage trials (default 60)
  --work DIR       where trial folders and command output go (default a new folder in the temp dir)
kinds:
${KINDS.map((k) => `  ${k.name.padEnd(16)} ${k.about}`).join('\n')}`;

function whole(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  return Number(value);
}

function config(argv: string[]): RunConfig | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      trials: { type: 'string' },
      kinds: { type: 'string' },
      seed: { type: 'string' },
      trial: { type: 'string' },
      'data-count': { type: 'string' },
      outage: { type: 'string' },
      concurrency: { type: 'string' },
      nodes: { type: 'string' },
      work: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const outageSeconds = whole('outage', values.outage, 60, 1);
  return {
    kinds: values.kinds
      ? values.kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : KINDS.map((k) => k.name),
    trials: whole('trials', values.trials, 8, 1),
    only: values.trial === undefined ? undefined : whole('trial', values.trial, 1, 1),
    seed: whole('seed', values.seed, Math.floor(Math.random() * 1_000_000)),
    dataCount: whole('data-count', values['data-count'], 2000, 2),
    outageSeconds,
    concurrency: whole('concurrency', values.concurrency, 8, 1),
    nodes: whole('nodes', values.nodes, 3, 3),
    workDir: values.work ? path.resolve(values.work) : fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chaos-')),
    trialTimeoutMs: (600 + 3 * outageSeconds) * 1000,
    log: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
  };
}

function cleanUp(): void {
  killAllRunning();
  killAllGrids();
  stopPg();
}

async function main(): Promise<number> {
  let cfg: RunConfig | undefined;
  try {
    cfg = config(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`chaos: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!cfg) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (cleanUp(), process.exit(130)));
  process.on('exit', cleanUp);
  cfg.log(
    `chaos: seed ${cfg.seed}, ${cfg.only !== undefined ? `trial ${cfg.only}` : `${cfg.trials} trial(s)`} of ${cfg.kinds.join(', ')}; ` +
      `files in ${cfg.workDir}`,
  );
  const started = Date.now();
  const results = await runChaos(cfg);
  const report =
    `chaos run, seed ${cfg.seed}, ${((Date.now() - started) / 60_000).toFixed(1)} min\n` + `${renderReport(results, cfg.seed, cfg.kinds)}`;
  fs.writeFileSync(path.join(cfg.workDir, 'report.txt'), report);
  process.stdout.write(`\n${report}`);
  if (results.some((r) => r.status === 'harness error')) return 2;
  return results.every((r) => r.status === 'held') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`chaos: harness error: ${e.stack ?? e.message}\n`);
    cleanUp();
    process.exit(2);
  },
);
