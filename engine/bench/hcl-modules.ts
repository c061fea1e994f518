// npm run bench (HCL part): plan and apply of 5,000 terraform_data spread over 50 instances of a
// local module, beside terraform 1.x when it is installed, and the time to read and parse a folder
// of 1,000 .tf files. Each plan/apply is a separate process, as a user runs it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readHclStack } from '../src/config/hcl';
import { fmt, hasCommand, timed, table, type Step } from './timing';

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

async function parseSeconds(dir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const r = await readHclStack(dir);
  if (!r.hcl) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics)}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

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
  const ratio = (ref: number | undefined, s: Step) => (ref && s.ok ? ref / s.seconds : undefined);
  const planRatio = ratio(t.plan?.ok ? t.plan.seconds : undefined, g.plan);
  const applyRatio = ratio(t.apply?.ok ? t.apply.seconds : TERRAFORM_APPLY_REFERENCE, g.apply);
  const verdict = (r: number | undefined, goal: number) =>
    r === undefined ? `>= ${goal}x: no terraform figure` : `>= ${goal}x ${r >= goal ? 'met' : 'MISSED'}`;
  const rows = [
    ['plan 5000 in 50 modules', fmt(g.plan), fmt(t.plan), planRatio ? `${planRatio.toFixed(1)}x faster` : '-', verdict(planRatio, 10)],
    [
      'apply 5000 in 50 modules',
      fmt(g.apply),
      t.apply ? fmt(t.apply) : `${TERRAFORM_APPLY_REFERENCE} s (issue 5 figure)`,
      applyRatio ? `${applyRatio.toFixed(1)}x faster` : '-',
      verdict(applyRatio, 100),
    ],
  ];
  const many = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hcl-files-'));
  writeManyFiles(many, 1000);
  const parse = await parseSeconds(many);
  fs.rmSync(many, { recursive: true, force: true });
  rows.push(['parse 1000 .tf files', `${parse.toFixed(2)} s`, '-', '-', `<= 2 s ${parse <= 2 ? 'met' : 'MISSED'}`]);
  process.stdout.write(
    table(['HCL folder', 'gridform', terraform ? 'terraform (here)' : 'terraform (not installed)', 'ratio', 'goal (issue 18)'], rows),
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
