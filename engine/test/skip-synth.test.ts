// -skip-synth, as cdktf's --skip-synth: plan, apply and destroy use the stack cdktf synth wrote
// last, without running the app; with nothing synthesized yet it is refused and nothing is written.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine } from './support/engine-cli';

/** A CDKTF app folder whose app cannot run (any synth would fail), with or without a synthesized stack. */
function appFolder(withStack: boolean): { dir: string; stackDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-skip-synth-'));
  const app = { language: 'typescript', app: 'node app-that-does-not-exist.js' };
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify(app));
  const stackDir = path.join(dir, 'cdktf.out', 'stacks', 'web');
  if (withStack) {
    fs.mkdirSync(stackDir, { recursive: true });
    const doc = fakeStack({ a: { name: 'a' } }, { output: { n: { value: '${fake_thing.a.name}' } } });
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(doc));
  }
  return { dir, stackDir };
}

describe('-skip-synth', () => {
  it('plans, applies and destroys the synthesized stack without running the app', async () => {
    const { dir, stackDir } = appFolder(true);
    const provider = new FakeProvider();
    const plan = await runEngine(dir, provider, ['plan', '-skip-synth']);
    expect(plan.err).toBe('');
    expect(plan.out).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');

    const apply = await runEngine(dir, provider, ['apply', '-auto-approve', '-skip-synth']);
    expect(apply.out).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(fs.existsSync(path.join(stackDir, 'terraform.tfstate'))).toBe(true);

    const destroy = await runEngine(dir, provider, ['destroy', '-auto-approve', '-skip-synth']);
    expect(destroy.out).toContain('Destroy complete! Resources: 1 destroyed.');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with what to do when cdktf synth never ran, and writes nothing', async () => {
    const { dir } = appFolder(false);
    const provider = new FakeProvider();
    const r = await runEngine(dir, provider, ['apply', '-auto-approve', '-skip-synth']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error: Nothing synthesized yet');
    expect(r.err).toContain('Run without -skip-synth first.');
    expect(fs.readdirSync(dir)).toEqual(['cdktf.json']);
    expect(provider.calls).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
