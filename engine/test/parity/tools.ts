// Runs one tool (terraform or gridform) through parity cases: expression cases many to a
// configuration (the outputs that fail are named by terraform's JSON diagnostics, taken out and
// the rest applied again), configuration cases one apply per step, each in a fresh folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliIn } from '../support/engine-cli';
import { terraformEnv } from '../support/terraform';
import type { ConfigCase, ConfigStep, ExprAnswer, ExprCase, OutputAnswer, StepAnswer } from './case-types';
import { PREAMBLE_LOCALS } from './expression-cases';
import { parseKeepingNumbers } from './lossless-json';

export interface ToolRun {
  code: number;
  out: string;
  err: string;
}

export interface Tool {
  name: 'terraform' | 'gridform';
  configFile: string;
  run(dir: string, args: string[]): Promise<ToolRun>;
}

export const TERRAFORM: Tool = {
  name: 'terraform',
  configFile: 'main.tf.json',
  async run(dir, args) {
    const r = spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: terraformEnv(), maxBuffer: 256 * 1024 * 1024 });
    return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
  },
};

export const GRIDFORM: Tool = {
  name: 'gridform',
  configFile: 'cdk.tf.json',
  async run(dir, args) {
    return runCliIn(dir, ['-no-color', ...args], { providers: [], version: 'parity' });
  },
};

interface Diagnostic {
  summary: string;
  detail?: string;
  context?: string;
}

interface Applied {
  code: number;
  errors: Diagnostic[];
  actions: Record<string, string>;
  state?: { outputs?: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>; resources?: StateResource[] };
  text: string;
}

interface StateResource {
  mode: string;
  type: string;
  name: string;
  instances: { index_key?: unknown; attributes: Record<string, unknown> }[];
}

async function apply(tool: Tool, doc: unknown, vars?: Record<string, unknown>, dir?: string): Promise<Applied> {
  const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `parity-${tool.name}-`));
  try {
    fs.writeFileSync(path.join(folder, tool.configFile), JSON.stringify(doc));
    const args = ['apply', '-auto-approve', '-input=false', '-json'];
    if (vars) {
      fs.writeFileSync(path.join(folder, 'vals.tfvars.json'), JSON.stringify(vars));
      args.push('-var-file=vals.tfvars.json');
    } else fs.rmSync(path.join(folder, 'vals.tfvars.json'), { force: true });
    const r = await tool.run(folder, args);
    const errors: Diagnostic[] = [];
    const actions: Record<string, string> = {};
    for (const line of r.out.split('\n')) {
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as {
        type?: string;
        diagnostic?: { severity: string; summary: string; detail?: string; snippet?: { context?: string } };
        change?: { resource: { addr: string }; action: string };
      };
      if (m.diagnostic?.severity === 'error')
        errors.push({ summary: m.diagnostic.summary, detail: m.diagnostic.detail, context: m.diagnostic.snippet?.context });
      if (m.type === 'planned_change' && m.change) actions[m.change.resource.addr] = m.change.action;
    }
    if (r.code !== 0 && errors.length === 0) errors.push({ summary: (r.err || r.out).trim().slice(0, 500) || `exit ${r.code}` });
    const statePath = path.join(folder, 'terraform.tfstate');
    const state = fs.existsSync(statePath) ? (parseKeepingNumbers(fs.readFileSync(statePath, 'utf8')) as Applied['state']) : undefined;
    return { code: r.code, errors, actions, state, text: r.out + r.err };
  } finally {
    if (!dir) fs.rmSync(folder, { recursive: true, force: true });
  }
}

function outputsOf(state: Applied['state']): Record<string, OutputAnswer> {
  const out: Record<string, OutputAnswer> = {};
  for (const [name, o] of Object.entries(state?.outputs ?? {})) out[name] = { value: o.value, type: o.type, sensitive: !!o.sensitive };
  return out;
}

function resourcesOf(state: Applied['state']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of state?.resources ?? []) {
    if (r.mode !== 'managed') continue;
    for (const inst of r.instances) {
      const suffix =
        inst.index_key === undefined
          ? ''
          : typeof inst.index_key === 'string' && !inst.index_key.startsWith('#num:')
            ? `["${inst.index_key}"]`
            : `[${String(inst.index_key).replace('#num:', '')}]`;
      const { id: _id, ...attributes } = inst.attributes;
      out[`${r.type}.${r.name}${suffix}`] = attributes;
    }
  }
  return out;
}

const errorText = (d: Diagnostic): string => `${d.summary}${d.detail ? `: ${d.detail}` : ''}`;

function exprDoc(cases: ExprCase[]): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  cases.forEach((c, i) => (output[`c${i}`] = { value: `\${${c.expr}}`, ...(c.sensitive ? { sensitive: true } : {}) }));
  return { locals: PREAMBLE_LOCALS, output };
}

/** Answers for expression cases, many to one apply. */
export async function answerExpressions(tool: Tool, cases: ExprCase[]): Promise<Map<string, ExprAnswer>> {
  const answers = new Map<string, ExprAnswer>();
  let remaining = cases;
  while (remaining.length) {
    const r = await apply(tool, exprDoc(remaining));
    if (r.code === 0) {
      const outputs = outputsOf(r.state);
      remaining.forEach((c, i) => answers.set(c.id, outputs[`c${i}`] ?? { error: 'no output recorded' }));
      return answers;
    }
    const failed = new Map<number, string>();
    for (const d of r.errors) {
      const m = /^output\.c(\d+)$/.exec(d.context ?? '');
      if (m) failed.set(Number(m[1]), failed.get(Number(m[1])) ?? errorText(d));
    }
    if (failed.size === 0) {
      if (remaining.length === 1) {
        answers.set(remaining[0].id, { error: errorText(r.errors[0]) });
        return answers;
      }
      for (const c of remaining) for (const [id, a] of await answerExpressions(tool, [c])) answers.set(id, a);
      return answers;
    }
    for (const [i, text] of failed) answers.set(remaining[i].id, { error: text });
    remaining = remaining.filter((_, i) => !failed.has(i));
  }
  return answers;
}

/** The answer for a configuration case: every step applied in turn in one folder. */
export async function answerConfig(tool: Tool, c: ConfigCase): Promise<StepAnswer[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `parity-${tool.name}-`));
  try {
    const steps: StepAnswer[] = [];
    for (const step of c.steps as ConfigStep[]) {
      const r = await apply(tool, step.doc, step.vars, dir);
      steps.push({
        ...(r.code !== 0 ? { error: r.errors.map(errorText).join('\n') } : {}),
        actions: r.actions,
        outputs: outputsOf(r.state),
        resources: resourcesOf(r.state),
      });
    }
    return steps;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
