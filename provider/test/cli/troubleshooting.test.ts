// The README's table of common failures is true: every row is run here, in the situation it names,
// and must print what the row says with the exit code it says. A row without a situation here, or
// a situation here without its row, fails the test, so the table and the test change together.
// It runs the built gridform (dist/) in this process, as the command table test does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

const REPO = path.resolve(__dirname, '..', '..', '..');
const engine = require(path.join(REPO, 'dist', 'engine')) as typeof import('../../../engine');
const { gridformOptions } = require(path.join(REPO, 'dist', 'provider', 'cli', 'options')) as typeof import('../../cli/options');

interface Row {
  situation: string;
  args: string[];
  prints: string[];
  exit: number;
}

/** The rows of the table under the README's "When something fails" heading. */
function readmeRows(): Row[] {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split('## When something fails')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Situation'))
    .map((l) => {
      const [situation, command, prints, exit] = l.slice(2, -2).split(' | ');
      const args = command.replace(/^`gridform |`$/g, '').split(' ');
      return { situation: situation.trim(), args, prints: [...prints.matchAll(/`([^`]+)`/g)].map((m) => m[1]), exit: Number(exit) };
    });
}

type Json = Record<string, unknown>;
const terraformData = (extra: Json = {}): Json => ({ resource: { terraform_data: { a: { input: 'x' } } }, ...extra });
const WITH_IPS = { output: { ips: { value: ['${terraform_data.a.output}'] } } };

/** Each situation: the stack folder's configuration and what happened before the command. */
const SITUATIONS: Record<string, (dir: string) => Promise<void> | void> = {
  'a folder with neither cdktf.json nor cdk.tf.json': () => undefined,
  'a flag the command does not have': (dir) => write(dir, terraformData()),
  "asking apply for plan's exit codes": (dir) => write(dir, terraformData()),
  'help: nothing else happens, no grid starts': () => undefined,
  'changes to make': (dir) => write(dir, terraformData()),
  'nothing to change': async (dir) => applied(dir, terraformData()),
  'an argument the resource does not have': (dir) => write(dir, { resource: { terraform_data: { a: { inptu: 'x' } } } }),
  'an output that fails once its resources exist (1)': (dir) =>
    write(dir, {
      resource: { terraform_data: { a: { input: 'x' }, b: { input: '${terraform_data.a.id}' } } },
      output: { checked: { value: '${terraform_data.b.output.nosuch}' } },
    }),
  'no terminal to approve on (CI)': (dir) => write(dir, terraformData()),
  '-json cannot ask: it needs -auto-approve or a saved plan': (dir) => write(dir, terraformData()),
  'the state is locked by another run (2)': async (dir) => {
    await applied(dir, terraformData());
    const lock = {
      ID: 'abc-1',
      Operation: 'OperationApply',
      Who: 'ann@ci',
      Version: '0.1.0',
      Created: '2026-01-02T03:04:05Z',
      Path: 'terraform.tfstate',
    };
    fs.writeFileSync(path.join(dir, '.terraform.tfstate.lock.info'), JSON.stringify(lock));
  },
  'the state changed since the plan was saved': async (dir) => {
    await applied(dir, terraformData());
    expect((await gridform(dir, ['plan', '-out=tfplan'])).code).toBe(0);
    expect((await gridform(dir, ['apply', '-auto-approve', '-replace=terraform_data.a'])).code).toBe(0);
  },
  'a damaged state file': async (dir) => {
    await applied(dir, terraformData());
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), '{"version": 4,');
  },
  'nothing applied yet': (dir) => write(dir, terraformData()),
  'an output that does not exist': async (dir) => applied(dir, terraformData(WITH_IPS)),
  '-raw of a list or a map': async (dir) => applied(dir, terraformData(WITH_IPS)),
  'pushing a state of another lineage': async (dir) => {
    await applied(dir, terraformData());
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as Json;
    fs.writeFileSync(path.join(dir, 'old.tfstate'), JSON.stringify({ ...state, lineage: 'another-lineage' }));
  },
  'no local grid running': () => undefined,
};

function write(dir: string, doc: Json): void {
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc, null, 2));
}

async function applied(dir: string, doc: Json): Promise<void> {
  write(dir, doc);
  expect((await gridform(dir, ['apply', '-auto-approve'])).code).toBe(0);
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-trouble-home-'));
fs.rmSync(home, { recursive: true });

async function gridform(cwd: string, args: string[]): Promise<{ code: number; text: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  const env = { GRIDFORM_HOME: home, MNEMONIC: '', CHECKPOINT_DISABLE: '1' };
  const code = await engine.runCli(args, gridformOptions({ ...process.env, ...env }), { cwd, stdout, stderr, stdin, color: false, env });
  return { code, text };
}

describe("the README's table of common failures", () => {
  const rows = readmeRows();
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('has a row for every situation this test knows, and no other', () => {
    expect(rows.map((r) => r.situation).sort()).toEqual(Object.keys(SITUATIONS).sort());
  });

  it.each(rows.map((r) => [r.situation, r] as const))('%s', async (_s, row) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-trouble-'));
    dirs.push(dir);
    await SITUATIONS[row.situation](dir);
    const r = await gridform(dir, row.args);
    for (const p of row.prints) expect(r.text).toContain(p);
    expect(r.code).toBe(row.exit);
    expect(fs.existsSync(home)).toBe(false);
  });
});
