// npm run bench (HCL part): plan and apply of 5,000 terraform_data spread over 50 instances of a
// local module, beside terraform 1.x when it is installed, and the time to read and parse a folder
// of 1,000 .tf files: the first time (the WebAssembly parser loaded and warmed up) and unchanged (the
// parse found in .terraform/, as a plan after a plan finds it). Each plan/apply is a separate process,
// as a user runs it; apply follows plan in the same folder, as a user runs them. Wall and CPU time
// are both shown: a busy machine inflates wall time several times.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readHclStack } from '../src/config/hcl';
import { hasCommand, timed, table, type Step } from './timing';

const GRIDFORM = path.resolve(__dirname, '..', '..', 'provider', 'cli', 'main.js');
const INSTANCES = 50;
const BLOCKS = 10;
const COUNT = 10;
/** terraform apply of 5,000 terraform_data takes minutes; measured only when asked */
const TERRAFORM_APPLY = process.env.BENCH_HCL_TERRAFORM_APPLY === '1';
/** terraform 1.11 applying 5,000 terraform_data on these machines (issue 5's figure), when not measured here */
const TERRAFORM_APPLY_REFERENCE = 490;

function writeModuleFolder(dir: string): void {
  const keys = Array.from({ length: INSTANCES }, (_, i) => `"shard${String(i).padStart(2, '0')}"`);
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    `module "shard" {\n  source   = "./modules/shard"\n  for_each = toset([${keys.join(', ')}])\n  name     = each.key\n}\n` +
      `output "firsts" {\n  value = { for k, m in module.shard : k => m.first }\n}\n`,
  );
  fs.mkdirSync(path.join(dir, 'modules', 'shard'), { recursive: true });
  const blocks = Array.from({ length: BLOCKS }, (_, b) => {
    const after = b ? `  depends_on = [terraform_data.item${b - 1}]\n` : '';
    return `resource "terraform_data" "item${b}" {\n  count = ${COUNT}\n  input = "\${var.name}-${b}-\${count.index}"\n${after}}\n`;
  });
  fs.writeFileSync(
    path.join(dir, 'modules', 'shard', 'main.tf'),
    `variable "name" {\n  type = string\n}\n${blocks.join('')}output "first" {\n  value = terraform_data.item0[0].output\n}\n`,
  );
}

function writeManyFiles(dir: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const text =
      `locals {\n  name_${i} = "file-${i}"\n}\n` +
      `resource "terraform_data" "r${i}" {\n  input = { name = local.name_${i}, index = ${i}, tags = ["a", "b"] }\n}\n` +
      `output "o${i}" {\n  value = terraform_data.r${i}.input.name\n}\n`;
    fs.writeFileSync(path.join(dir, `file${String(i).padStart(4, '0')}.tf`), text);
  }
}

interface Measure {
  seconds: number;
  cpuSeconds: number;
}

/** Reads and parses the folder in this process: the first read parses, a second finds the parse in .terraform/. */
async function readFolder(dir: string): Promise<Measure> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const r = await readHclStack(dir);
  if (!r.hcl) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics)}`);
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

const both = (m: Measure | undefined) => (m ? `${m.seconds.toFixed(2)} s (CPU ${m.cpuSeconds.toFixed(2)} s)` : '-');
const times = (r: number | undefined) => (r === undefined ? '-' : `${r.toFixed(1)}x`);

async function main(): Promise<void> {
  const terraform = hasCommand('terraform');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hcl-'));
  writeModuleFolder(dir);
  const g = {
    plan: timed(process.execPath, [GRIDFORM, 'plan', '-no-color'], dir),
    apply: timed(process.execPath, [GRIDFORM, 'apply', '-auto-approve', '-no-color'], dir),
  };
  const t: { plan?: Step; apply?: Step } = {};
  if (terraform) {
    const tdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hcl-tf-'));
    writeModuleFolder(tdir);
    timed('terraform', ['init', '-input=false'], tdir);
    t.plan = timed('terraform', ['plan', '-input=false', '-no-color'], tdir);
    if (TERRAFORM_APPLY) t.apply = timed('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], tdir);
    fs.rmSync(tdir, { recursive: true, force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = (ref: number | undefined, ours: number, ok: boolean) => (ref && ok ? ref / ours : undefined);
  const verdict = (r: number | undefined, goal: number) => (r === undefined ? 'no terraform figure' : r >= goal ? 'met' : 'MISSED');
  const planWall = ratio(t.plan?.ok ? t.plan.seconds : undefined, g.plan.seconds, g.plan.ok);
  const planCpu = ratio(t.plan?.ok ? t.plan.cpuSeconds : undefined, g.plan.cpuSeconds, g.plan.ok);
  const applyRef = t.apply?.ok ? t.apply : undefined;
  const applyWall = ratio(applyRef?.seconds ?? TERRAFORM_APPLY_REFERENCE, g.apply.seconds, g.apply.ok);
  // without a measured terraform apply, its reference (a wall time) is set against our CPU time: what our
  // wall time is on an idle machine, where a busy one (this one, often) inflates the wall time several times
  const applyCpu = ratio(applyRef?.cpuSeconds ?? TERRAFORM_APPLY_REFERENCE, g.apply.cpuSeconds, g.apply.ok);
  const stepText = (x: Step | undefined) => (x?.ok ? `${both(x)} / ${Math.round(x.maxRssMb)} MB` : x ? 'failed' : '-');
  const rows = [
    [
      'plan 5000 in 50 modules',
      stepText(g.plan),
      stepText(t.plan),
      `${times(planWall)} (CPU ${times(planCpu)})`,
      `>= 10x: wall ${verdict(planWall, 10)}, CPU ${verdict(planCpu, 10)}`,
    ],
    [
      'apply 5000 in 50 modules',
      stepText(g.apply),
      applyRef ? stepText(applyRef) : `${TERRAFORM_APPLY_REFERENCE} s (issue 5 figure)`,
      `${times(applyWall)} (CPU ${times(applyCpu)})`,
      `>= 100x: wall ${verdict(applyWall, 100)}, CPU ${verdict(applyCpu, 100)}`,
    ],
  ];
  const many = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hcl-files-'));
  writeManyFiles(many, 1000);
  const first = await readFolder(many);
  const again = await readFolder(many);
  fs.rmSync(many, { recursive: true, force: true });
  const parseVerdict = (m: Measure) => `<= 2 s: wall ${m.seconds <= 2 ? 'met' : 'MISSED'}, CPU ${m.cpuSeconds <= 2 ? 'met' : 'MISSED'}`;
  rows.push(['parse 1000 .tf files, first read', both(first), '-', '-', parseVerdict(first)]);
  rows.push(['parse 1000 .tf files, unchanged', both(again), '-', '-', parseVerdict(again)]);
  process.stdout.write(
    table(
      ['HCL folder', 'gridform', terraform ? 'terraform (here)' : 'terraform (not installed)', 'ratio wall (CPU)', 'goal (issue 18)'],
      rows,
    ),
  );
  process.stdout.write(
    `(load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores while measuring)\n`,
  );
  if (!TERRAFORM_APPLY)
    process.stdout.write('terraform apply of 5,000 takes minutes: set BENCH_HCL_TERRAFORM_APPLY=1 to measure it here.\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
