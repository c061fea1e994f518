// plan -json, apply -json and destroy -json speak terraform's machine-readable UI: one JSON object
// per line, each with @level, @message, @module, @timestamp and type, of the types terraform
// documents. Where terraform is installed, the same terraform_data configurations go through both
// and the messages are compared type by type and field by field (ids and timestamps aside).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runCliIn, runEngine, StackFolder } from './support/engine-cli';

const hasTerraform = spawnSync('sh', ['-c', 'command -v terraform']).status === 0;
if (!hasTerraform) {
  // eslint-disable-next-line no-console
  console.warn('json-ui: the comparison with terraform is skipped, no terraform binary on PATH (install terraform 1.x to run it)');
}
const withTerraform = hasTerraform ? it : it.skip;

type Message = Record<string, unknown> & { '@level': string; '@message': string; '@module': string; '@timestamp': string; type: string };

const STEPS: Record<string, unknown> = {
  create: {
    resource: {
      terraform_data: {
        a: { input: 'x' },
        b: { count: 2, input: '${terraform_data.a.id}' },
        keep: { input: 'k', triggers_replace: ['1'] },
      },
    },
    output: { o: { value: '${terraform_data.a.output}' }, sec: { value: 's3cret', sensitive: true } },
  },
  // a updated in place, keep replaced (its trigger changed), b[1] deleted, an output changed
  change: {
    resource: {
      terraform_data: {
        a: { input: 'y' },
        b: { count: 1, input: '${terraform_data.a.id}' },
        keep: { input: 'k', triggers_replace: ['2'] },
      },
    },
    output: { o: { value: '${terraform_data.a.output}' }, sec: { value: 's3cret', sensitive: true } },
  },
};

/** Outputs that cannot be evaluated: refused by the plan. */
const BROKEN = {
  resource: { terraform_data: { a: { input: 'x' } } },
  output: { bad: { value: '${terraform_data.nosuch.output}' }, worse: { value: '${upper(1, 2)}' } },
};

async function gridform(dir: string, args: string[]): Promise<{ code: number; lines: string[]; err: string }> {
  const { code, out, err } = await runCliIn(dir, args, { providers: [], version: 'test' });
  return { code, lines: out.split('\n').filter(Boolean), err };
}

function terraform(dir: string, args: string[]): { code: number; lines: string[]; err: string } {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
  const r = spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env });
  return { code: r.status ?? -1, lines: r.stdout.split('\n').filter(Boolean), err: r.stderr };
}

/** Every line is one JSON object with terraform's common fields. */
function parse(lines: string[]): Message[] {
  return lines.map((l) => {
    const m = JSON.parse(l) as Message;
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['@level', '@message', '@module', '@timestamp', 'type']));
    expect(['info', 'warn', 'error']).toContain(m['@level']);
    expect(m['@module']).toBe('terraform.ui');
    expect(Number.isNaN(Date.parse(m['@timestamp']))).toBe(false);
    return m;
  });
}

/** What must agree with terraform: type, message and fields, without ids, times and order. */
function comparable(messages: Message[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    if (m.type === 'version' || m.type === 'refresh_start' || m.type === 'refresh_complete') continue;
    const rest = Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('@')));
    const text = JSON.stringify({ level: m['@level'], message: m['@message'], ...rest })
      .replace(/"id_value":"[^"]*"/g, '"id_value":"ID"')
      .replace(/\[id=[^\]]*\]/g, '[id=ID]')
      .replace(/after \d+s/g, 'after Ns')
      .replace(/"elapsed_seconds":\d+/g, '"elapsed_seconds":N')
      .replace(/\bTerraform\b/g, 'gridform');
    out.push(text);
  }
  return out.sort();
}

describe('-json output of plan, apply and destroy', () => {
  let gf: string;
  let tf: string;
  beforeAll(() => {
    gf = fs.mkdtempSync(path.join(os.tmpdir(), 'json-ui-gf-'));
    tf = fs.mkdtempSync(path.join(os.tmpdir(), 'json-ui-tf-'));
  });
  afterAll(() => [gf, tf].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const write = (doc: unknown) => {
    fs.writeFileSync(path.join(gf, 'cdk.tf.json'), JSON.stringify(doc, null, 2));
    fs.writeFileSync(path.join(tf, 'main.tf.json'), JSON.stringify(doc, null, 2));
  };

  it('plan and apply print the message types terraform documents, one JSON object per line', async () => {
    write(STEPS.create);
    const plan = await gridform(gf, ['plan', '-json', '-detailed-exitcode']);
    expect(plan.err).toBe('');
    expect(plan.code).toBe(2);
    const planTypes = parse(plan.lines).map((m) => m.type);
    expect(planTypes[0]).toBe('version');
    expect(new Set(planTypes)).toEqual(new Set(['version', 'planned_change', 'change_summary', 'outputs']));
    const apply = await gridform(gf, ['apply', '-json', '-auto-approve']);
    expect(apply.err).toBe('');
    expect(apply.code).toBe(0);
    const messages = parse(apply.lines);
    const types = ['version', 'planned_change', 'change_summary', 'outputs', 'apply_start', 'apply_complete'];
    expect(new Set(messages.map((m) => m.type))).toEqual(new Set(types));
    const outputs = messages.filter((m) => m.type === 'outputs').at(-1)!.outputs as Record<string, { value?: unknown; sensitive: boolean }>;
    expect(outputs.o).toEqual({ sensitive: false, type: 'string', value: 'x' });
    expect(outputs.sec).toEqual({ sensitive: true, type: 'string' });
  });

  it('an error is a diagnostic message with where it is, and exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-ui-err-'));
    try {
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(BROKEN, null, 2));
      const r = await gridform(dir, ['plan', '-json']);
      expect(r.code).toBe(1);
      const d = parse(r.lines).find((m) => m.type === 'diagnostic')!;
      expect(d['@level']).toBe('error');
      const where = { range: { filename: 'cdk.tf.json', start: { line: 11 } }, snippet: { context: 'output.bad' } };
      expect(d.diagnostic).toMatchObject({ severity: 'error', ...where });
      const refused = await gridform(dir, ['apply', '-json']);
      expect(parse(refused.lines).map((m) => [m.type, (m.diagnostic as { summary?: string } | undefined)?.summary])).toEqual([
        ['version', undefined],
        ['diagnostic', 'Plan file or auto-approve required'],
      ]);
      expect(refused.code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed create is an apply_errored message, then its diagnostic with the address, and exit code 1', async () => {
    const folder = new StackFolder();
    const provider = new FakeProvider();
    try {
      folder.write(fakeStack({ good: { name: 'good' }, bad: { name: 'bad' } }));
      provider.failOn.add('bad');
      const r = await runEngine(folder.dir, provider, ['apply', '-json', '-auto-approve']);
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      const messages = parse(r.out.split('\n').filter(Boolean));
      const errored = messages.find((m) => m.type === 'apply_errored')!;
      expect(errored['@message']).toMatch(/^fake_thing\.bad: Creation errored after \d+s$/);
      expect(errored.hook).toMatchObject({ resource: { addr: 'fake_thing.bad', resource_type: 'fake_thing' }, action: 'create' });
      const diagnostic = messages.find((m) => m.type === 'diagnostic')!;
      expect(diagnostic.diagnostic).toMatchObject({ severity: 'error', summary: 'fake failure creating bad', address: 'fake_thing.bad' });
      const completed = messages.filter((m) => m.type === 'apply_complete').map((m) => m['@message']);
      expect(completed).toEqual([expect.stringMatching(/^fake_thing\.good: Creation complete after/)]);
      expect(messages.some((m) => m.type === 'change_summary' && m['@message'].startsWith('Apply complete'))).toBe(false);
    } finally {
      folder.remove();
    }
  });

  withTerraform(
    'the same messages as terraform through create, change, no change and destroy',
    async () => {
      write(STEPS.create);
      expect(terraform(tf, ['init', '-input=false']).code).toBe(0);
      fs.rmSync(path.join(gf, 'terraform.tfstate'), { force: true });
      const both = async (args: string[]) => {
        const t = terraform(tf, args);
        const g = await gridform(gf, args);
        const messages = comparable(parse(t.lines));
        expect(messages.length).toBeGreaterThan(0);
        expect({ code: g.code, messages: comparable(parse(g.lines)) }).toEqual({ code: t.code, messages });
        // the version message carries what terraform's does
        expect(Object.keys(parse(g.lines)[0])).toEqual(expect.arrayContaining(Object.keys(parse(t.lines)[0])));
        return t.code;
      };
      const codes: number[] = [];
      codes.push(await both(['plan', '-json', '-input=false', '-detailed-exitcode']));
      codes.push(await both(['apply', '-json', '-input=false', '-auto-approve']));
      write(STEPS.change);
      codes.push(await both(['plan', '-json', '-input=false', '-detailed-exitcode']));
      codes.push(await both(['apply', '-json', '-input=false', '-auto-approve']));
      codes.push(await both(['plan', '-json', '-input=false', '-detailed-exitcode']));
      codes.push(await both(['destroy', '-json', '-input=false', '-auto-approve']));
      codes.push(await both(['apply', '-json', '-input=false']));
      codes.push(await both(['plan', '-json', '-input=false', '-bogus']));
      expect(codes).toEqual([2, 0, 2, 0, 0, 0, 1, 1]);
    },
    60_000,
  );

  withTerraform(
    "an error in an output: a diagnostic at the same line and context as terraform's",
    async () => {
      write(BROKEN);
      const t = terraform(tf, ['plan', '-json', '-input=false']);
      const g = await gridform(gf, ['plan', '-json', '-input=false']);
      expect(g.code).toBe(t.code);
      const where = (lines: string[]) =>
        parse(lines)
          .filter((m) => m.type === 'diagnostic')
          .map((m) => {
            const d = m.diagnostic as {
              severity: string;
              range: { start: { line: number } };
              snippet: { context: string; start_line: number };
            };
            const { start_line: first, context } = d.snippet;
            return { level: m['@level'], severity: d.severity, line: d.range.start.line, context, first };
          })
          .sort((x, y) => x.line - y.line);
      expect(where(g.lines)).toEqual(where(t.lines));
      expect(where(g.lines)).toHaveLength(2);
    },
    30_000,
  );

  withTerraform(
    "validate -json: the same verdict, counts and places as terraform's",
    async () => {
      const verdict = (text: string) => {
        type Place = { range?: { start: { line: number } }; snippet?: { context: string } };
        const v = JSON.parse(text) as { valid: boolean; error_count: number; warning_count: number; diagnostics: Place[] };
        const places = v.diagnostics.map((d) => `${d.range?.start.line} ${d.snippet?.context}`).sort();
        return { valid: v.valid, errors: v.error_count, warnings: v.warning_count, places, keys: Object.keys(v).sort() };
      };
      for (const doc of [STEPS.create, BROKEN]) {
        write(doc);
        const t = terraform(tf, ['validate', '-json']);
        const g = await gridform(gf, ['validate', '-json']);
        expect(g.code).toBe(t.code);
        expect(verdict(g.lines.join('\n'))).toEqual(verdict(t.lines.join('\n')));
      }
      expect(verdict((await gridform(gf, ['validate', '-json'])).lines.join('\n'))).toMatchObject({ valid: false, errors: 2 });
    },
    30_000,
  );
});
