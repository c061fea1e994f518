// Takes one tool (terraform or gridform) through a folder case: at each step the folder's files are
// replaced, then plan -out, show -json of that plan, apply of it, output -json and state list.
// What a user would compare is kept: the actions per address, the outputs' values, the addresses.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliIn } from '../support/engine-cli';
import { terraformEnv } from '../support/terraform';
import type { FolderCase } from './folder-cases';

export interface StepAnswer {
  /** address -> actions, from show -json of the saved plan */
  readonly actions?: Record<string, string[]>;
  /** output name -> value after apply */
  readonly outputs?: Record<string, unknown>;
  /** state list after apply, sorted */
  readonly state?: string[];
  /** the command that failed, and the start of what it printed */
  readonly failed?: string;
}

export interface FolderAnswer {
  readonly steps: StepAnswer[];
}

export interface FolderTool {
  readonly name: 'terraform' | 'gridform';
  run(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }>;
}

export const TERRAFORM_TOOL: FolderTool = {
  name: 'terraform',
  async run(dir, args) {
    const r = spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: terraformEnv(), maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
  },
};

export const GRIDFORM_TOOL: FolderTool = {
  name: 'gridform',
  run: (dir, args) => runCliIn(dir, ['-no-color', ...args], { providers: [], version: 'parity' }),
};

const KEPT = new Set(['.terraform', '.terraform.lock.hcl', 'terraform.tfstate', 'terraform.tfstate.backup']);

function writeStep(dir: string, files: Readonly<Record<string, string>>): void {
  for (const name of fs.readdirSync(dir)) if (!KEPT.has(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

export async function runFolderCase(tool: FolderTool, c: FolderCase): Promise<FolderAnswer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hcl-parity-${tool.name}-`));
  const steps: StepAnswer[] = [];
  try {
    for (const step of c.steps) {
      writeStep(dir, step.files);
      const answer = await runStep(tool, dir);
      steps.push(answer);
      if (answer.failed) break;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { steps };
}

async function runStep(tool: FolderTool, dir: string): Promise<StepAnswer> {
  const run = async (...args: string[]) => {
    const r = await tool.run(dir, args);
    return r.code === 0 ? { out: r.out } : { failed: `${args[0]}: ${(r.err + r.out).trim().slice(0, 300)}` };
  };
  const init = await run('init', '-input=false');
  if ('failed' in init) return { failed: init.failed };
  const plan = await run('plan', '-input=false', '-out=plan.bin');
  if ('failed' in plan) return { failed: plan.failed };
  const show = await run('show', '-json', 'plan.bin');
  if ('failed' in show) return { failed: show.failed };
  const changes =
    (JSON.parse(show.out) as { resource_changes?: { address: string; change: { actions: string[] } }[] }).resource_changes ?? [];
  const actions = Object.fromEntries(changes.map((c) => [c.address, c.change.actions]).sort(([a], [b]) => (a < b ? -1 : 1)));
  const apply = await run('apply', '-auto-approve', '-input=false', 'plan.bin');
  if ('failed' in apply) return { actions, failed: apply.failed };
  const output = await run('output', '-json');
  if ('failed' in output) return { actions, failed: output.failed };
  const outputs = Object.fromEntries(
    Object.entries(JSON.parse(output.out) as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]),
  );
  const list = await run('state', 'list');
  if ('failed' in list) return { actions, outputs, failed: list.failed };
  return { actions, outputs, state: list.out.split('\n').filter(Boolean).sort() };
}

/** Where two answers differ ('' when they match). */
export function difference(terraform: FolderAnswer, gridform: FolderAnswer): string {
  const n = Math.max(terraform.steps.length, gridform.steps.length);
  for (let i = 0; i < n; i++) {
    const t = terraform.steps[i] ?? {};
    const g = gridform.steps[i] ?? {};
    for (const key of ['failed', 'actions', 'outputs', 'state'] as const) {
      const [a, b] = [canonical(t[key] ?? null), canonical(g[key] ?? null)];
      if (key === 'failed' && !!t.failed === !!g.failed) continue;
      if (a !== b) return `step ${i + 1} ${key}: terraform ${a.slice(0, 400)} / gridform ${b.slice(0, 400)}`;
    }
  }
  return '';
}

/** JSON with object keys sorted, so the order each tool prints keys in does not count. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
