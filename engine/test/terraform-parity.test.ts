// gridform and terraform agree on configurations made of terraform_data: the same actions on the
// same addresses, and `show -json` resource_changes of the same shape, through a create and a
// change of every kind. Skips when no terraform binary is installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../index';

const hasTerraform = spawnSync('sh', ['-c', 'command -v terraform']).status === 0;
if (!hasTerraform) {
  // eslint-disable-next-line no-console
  console.warn('terraform-parity: skipped, no terraform binary on PATH (install terraform 1.x to compare gridform with it)');
}
const maybe = hasTerraform ? describe : describe.skip;

const STEP_1 = {
  resource: {
    terraform_data: {
      base: { input: 'v1' },
      child: { input: '${terraform_data.base.output}-child' },
      pinned: { input: 'p', triggers_replace: ['t1'] },
      counted: { count: 3, input: 'n-${count.index}' },
      keyed: { for_each: { eu: 'x', us: 'y' }, input: '${each.key}=${each.value}' },
      gone: { input: 'soon removed' },
    },
  },
  output: { child: { value: '${terraform_data.child.output}' } },
};

const STEP_2 = {
  resource: {
    terraform_data: {
      base: { input: 'v2' },
      child: { input: '${terraform_data.base.output}-child' },
      pinned: { input: 'p', triggers_replace: ['t2'] },
      counted: { count: 2, input: 'n-${count.index}' },
      keyed: { for_each: { eu: 'x', ap: 'z' }, input: '${each.key}=${each.value}' },
    },
  },
  output: { child: { value: '${terraform_data.child.output}' } },
};

// objects renamed: one moved and changed, one instance moved to another key and otherwise kept
const STEP_3 = {
  resource: {
    terraform_data: {
      root: { input: 'v3' },
      child: { input: '${terraform_data.root.output}-child' },
      pinned: { input: 'p', triggers_replace: ['t2'] },
      counted: { count: 2, input: 'n-${count.index}' },
      keyed: { for_each: { eu: 'x', asia: 'z' }, input: '${each.key == "asia" ? "ap" : each.key}=${each.value}' },
    },
  },
  moved: [
    { from: 'terraform_data.base', to: 'terraform_data.root' },
    { from: 'terraform_data.keyed["ap"]', to: 'terraform_data.keyed["asia"]' },
  ],
  output: { child: { value: '${terraform_data.child.output}' } },
};

interface Shape {
  actions: string[];
  previous?: string;
  index?: unknown;
  after: string[];
  afterUnknown: string[];
  reason?: string;
}

function shapes(showJson: string): Record<string, Shape> {
  const plan = JSON.parse(showJson) as {
    resource_changes: {
      address: string;
      previous_address?: string;
      index?: unknown;
      action_reason?: string;
      change: { actions: string[]; after: Record<string, unknown> | null; after_unknown: Record<string, unknown> };
    }[];
  };
  return Object.fromEntries(
    plan.resource_changes.map((c) => [
      c.address,
      {
        actions: c.change.actions,
        ...(c.previous_address ? { previous: c.previous_address } : {}),
        index: c.index,
        after: Object.keys(c.change.after ?? {}).sort(),
        afterUnknown: Object.keys(c.change.after_unknown ?? {}).sort(),
        ...(c.action_reason ? { reason: c.action_reason } : {}),
      },
    ]),
  );
}

function terraform(dir: string, ...args: string[]): string {
  const r = spawnSync('terraform', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
  });
  if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function gridform(dir: string, ...args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(
    ['-no-color', ...args],
    { providers: [], version: 'test' },
    { cwd: dir, stdout, stderr, stdin: new PassThrough() as never, color: false, env: {} },
  );
  if (code !== 0) throw new Error(`gridform ${args.join(' ')} failed: ${err}`);
  return out;
}

maybe('parity with terraform on terraform_data', () => {
  let tf: string;
  let gf: string;
  beforeAll(() => {
    tf = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-tf-'));
    gf = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-gf-'));
  });
  afterAll(() => [tf, gf].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const step = async (doc: unknown) => {
    fs.writeFileSync(path.join(tf, 'main.tf.json'), JSON.stringify(doc));
    fs.writeFileSync(path.join(gf, 'cdk.tf.json'), JSON.stringify(doc));
    terraform(tf, 'plan', '-input=false', '-out=plan.bin');
    await gridform(gf, 'plan', '-out=plan.bin');
    return {
      terraform: shapes(terraform(tf, 'show', '-json', 'plan.bin')),
      gridform: shapes(await gridform(gf, 'show', '-json', 'plan.bin')),
    };
  };

  it('plans the same creations, with the same known and unknown attributes', async () => {
    terraform(tf, 'init', '-input=false');
    const { terraform: t, gridform: g } = await step(STEP_1);
    expect(g).toEqual(t);
    expect(Object.keys(g)).toHaveLength(9);
  }, 120_000);

  it('after applying both, plans the same updates, replacements and deletions', async () => {
    terraform(tf, 'apply', '-input=false', 'plan.bin');
    await gridform(gf, 'apply', 'plan.bin');
    const { terraform: t, gridform: g } = await step(STEP_2);
    expect(g).toEqual(t);
    expect(g['terraform_data.pinned'].actions).toEqual(['delete', 'create']);
    expect(g['terraform_data.gone'].actions).toEqual(['delete']);
  }, 120_000);

  it('after applying those, plans the same moves: renamed objects kept, with their previous addresses', async () => {
    terraform(tf, 'apply', '-input=false', 'plan.bin');
    await gridform(gf, 'apply', 'plan.bin');
    const { terraform: t, gridform: g } = await step(STEP_3);
    expect(g).toEqual(t);
    expect(g['terraform_data.root']).toMatchObject({ actions: ['update'], previous: 'terraform_data.base' });
    expect(g['terraform_data.keyed["asia"]']).toMatchObject({ actions: ['no-op'], previous: 'terraform_data.keyed["ap"]' });
  }, 120_000);
});
