// terraform refuses every configuration of the corpus too, so gridform refuses nothing terraform
// would take, and the expected refusals are real ones. All of the corpus is run, four terraform
// processes at a time (about 20 s on two cores); skipped when terraform is not installed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithTerraform, terraformEnv } from '../support/terraform';
import { invalidConfigurations } from './corpus';

const cases = invalidConfigurations();

function plan(dir: string): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const child = spawn('terraform', ['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false'], {
      cwd: dir,
      env: terraformEnv(),
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

describeWithTerraform('terraform refuses the corpus of invalid configurations', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'invalid-tf-'));
  const results = new Map<string, { code: number; text: string }>();

  beforeAll(async () => {
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const i = next++;
        const dir = path.join(root, String(i));
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(cases[i].doc));
        results.set(cases[i].name, await plan(dir));
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }, 300_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.name] as const))('%s', (name) => {
    const r = results.get(name)!;
    if (r.code !== 1) throw new Error(`terraform exited ${r.code} on "${name}":\n${r.text}`);
    expect(r.text).toMatch(/Error: /);
  });
});
