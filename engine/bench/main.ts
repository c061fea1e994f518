// npm run bench: the engine on N terraform_data resources (chains of 10), beside terraform 1.x
// when it is installed. Each step is a separate process, as a user runs it; figures are wall time
// and the peak memory (max RSS) of the process.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chainedTerraformData } from './terraform-data-config';
import { fmt, hasCommand, timed, table } from './timing';

const GRIDFORM = path.resolve(__dirname, '..', '..', 'provider', 'cli', 'main.js');
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const TERRAFORM_APPLY_MAX = Number(process.env.BENCH_TERRAFORM_APPLY_MAX ?? 1000);

/** terraform 1.11's figures on these machines, from issue 5 (seconds) */
const REFERENCE: Record<string, number> = { 'plan 1000': 1.6, 'plan 5000': 8.1, 'apply 1000': 20, 'apply 5000': 490, 'replan 5000': 9.3 };
const GOALS: Record<string, number> = { 'plan 5000': 0.5, 'apply 5000': 5, 'replan 5000': 1 };

function main(): void {
  if (!hasCommand('/usr/bin/time')) {
    process.stderr.write('engine bench needs /usr/bin/time (Debian package "time") to measure peak memory\n');
    process.exit(1);
  }
  const terraform = hasCommand('terraform');
  const rows: string[][] = [];
  for (const n of SIZES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${n}-`));
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(chainedTerraformData(n)));
    const g = {
      plan: timed(process.execPath, [GRIDFORM, 'plan', '-no-color'], dir),
      apply: timed(process.execPath, [GRIDFORM, 'apply', '-auto-approve', '-no-color'], dir),
      replan: timed(process.execPath, [GRIDFORM, 'plan', '-no-color'], dir),
    };
    const t: Partial<typeof g> = {};
    if (terraform) {
      const tdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-tf-${n}-`));
      fs.writeFileSync(path.join(tdir, 'main.tf.json'), JSON.stringify(chainedTerraformData(n)));
      timed('terraform', ['init', '-input=false'], tdir);
      t.plan = timed('terraform', ['plan', '-input=false', '-no-color'], tdir);
      if (n <= TERRAFORM_APPLY_MAX) {
        t.apply = timed('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], tdir);
        t.replan = timed('terraform', ['plan', '-input=false', '-no-color'], tdir);
      }
      fs.rmSync(tdir, { recursive: true, force: true });
    }
    for (const step of ['plan', 'apply', 'replan'] as const) {
      const ref = t[step]?.ok ? t[step]!.seconds : REFERENCE[`${step} ${n}`];
      const ratio = ref && g[step].ok ? `${(ref / g[step].seconds).toFixed(1)}x faster` : '-';
      const goal = GOALS[`${step} ${n}`];
      rows.push([
        `${step} ${n}`,
        fmt(g[step]),
        fmt(t[step]),
        REFERENCE[`${step} ${n}`] ? `${REFERENCE[`${step} ${n}`]} s` : '-',
        ratio,
        goal ? `<= ${goal} s ${g[step].ok && g[step].seconds <= goal ? 'met' : 'MISSED'}` : '-',
      ]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = [
    'terraform_data (chains of 10)',
    'gridform',
    terraform ? 'terraform (here)' : 'terraform (not installed)',
    'terraform (issue 5)',
    'ratio',
    'goal',
  ];
  process.stdout.write(table(head, rows));
  process.stdout.write(
    `\nMemory goal (issue 5): at most half of terraform's (up to 480 MB), so 240 MB. ` +
      `The ratio uses terraform measured here, else the issue's figure.\n`,
  );
  if (terraform && Math.max(...SIZES) > TERRAFORM_APPLY_MAX)
    process.stdout.write(
      `terraform apply runs only up to ${TERRAFORM_APPLY_MAX} resources (about 490 s for 5000); ` +
        `set BENCH_TERRAFORM_APPLY_MAX to change it.\n`,
    );
}

main();
