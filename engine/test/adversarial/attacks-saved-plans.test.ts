// A saved plan is applied only as it was reviewed: not after an edit, not in another stack or
// workspace, not over a state that moved on, and never readable by others (it holds the provider
// configuration, a mnemonic say).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider } from '../fake-provider';
import { fakeStack, runEngine, StackFolder } from '../support/engine-cli';

/** Rewrites a saved plan's body with `edit`, and (unless told not to) its checksum to match. */
function tamper(file: string, edit: (body: Record<string, any>) => void, fixChecksum = true): void {
  const text = fs.readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline));
  const body = JSON.parse(text.slice(newline + 1));
  edit(body);
  const payload = JSON.stringify(body);
  if (fixChecksum) header.sha256 = createHash('sha256').update(payload).digest('hex');
  fs.writeFileSync(file, `${JSON.stringify(header)}\n${payload}`);
}

describe('saved plans', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (...args: string[]) => runEngine(folder.dir, provider, args);
  const creates = () => provider.calls.filter((c) => c.method === 'create').map((c) => c.name);
  const planFile = () => path.join(folder.dir, 'tfplan');

  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
    folder.write(fakeStack({ a: { name: 'a' } }));
  });
  afterEach(() => folder.remove());

  it('are written readable by their owner only, as are the state and its journal', async () => {
    await run('plan', '-out=tfplan');
    expect(fs.statSync(planFile()).mode & 0o777).toBe(0o600);
    expect((await run('apply', 'tfplan')).code).toBe(0);
    expect(fs.statSync(path.join(folder.dir, 'terraform.tfstate')).mode & 0o777).toBe(0o600);
  });

  it('a state file readable by others gets a warning naming it and the fix', async () => {
    await run('apply', '-auto-approve');
    const state = path.join(folder.dir, 'terraform.tfstate');
    fs.chmodSync(state, 0o644);
    const plan = await run('plan');
    expect(plan.code).toBe(0);
    expect(plan.err).toContain(`${state} is readable by others`);
    expect(plan.err).toContain(`chmod 600 ${state}`);
  });

  it('one edited after it was written is refused, naming the file', async () => {
    await run('plan', '-out=tfplan');
    tamper(planFile(), (body) => (body.configuration.resource.fake_thing.a.name = 'evil'), false);
    const apply = await run('apply', 'tfplan');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain(`The saved plan ${planFile()} was changed after it was written`);
    expect(creates()).toEqual([]);
  });

  it('one whose configuration was edited (checksum recomputed) fails the final plan check and changes nothing', async () => {
    await run('plan', '-out=tfplan');
    tamper(planFile(), (body) => (body.configuration.resource.fake_thing.a.name = 'evil'));
    const apply = await run('apply', 'tfplan');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('Inconsistent final plan');
    expect(apply.err).toContain('name = "evil", where the reviewed plan had "a"');
    expect(creates()).toEqual([]);
  });

  it('a stale one whose recorded serial was edited to the current one is still refused', async () => {
    await run('apply', '-auto-approve');
    folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
    await run('plan', '-out=tfplan');
    folder.write(fakeStack({ a: { name: 'a' }, c: { name: 'c' } }));
    await run('apply', '-auto-approve');
    const serial = folder.state().serial;
    tamper(planFile(), (body) => {
      body.origin.priorState.serial = serial;
      body.plan.priorSerial = serial;
    });
    const apply = await run('apply', 'tfplan');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('Saved plan is stale');
    expect(apply.err).toContain(`both at serial ${serial}, with other content`);
    expect(creates()).toEqual(['a', 'c']);
  });

  it('a plan of one stack applied in another stack folder is refused and writes nothing there', async () => {
    await run('plan', '-out=tfplan');
    const other = new StackFolder();
    try {
      other.write(fakeStack({ z: { name: 'z' } }));
      const apply = await runEngine(other.dir, provider, ['apply', planFile()]);
      expect(apply.code).toBe(1);
      expect(apply.err).toContain('Saved plan is for another stack');
      expect(apply.err).toContain(path.basename(folder.dir));
      expect(fs.existsSync(path.join(other.dir, 'terraform.tfstate'))).toBe(false);
      expect(creates()).toEqual([]);
    } finally {
      other.remove();
    }
  });

  it('a plan made in one workspace is refused in another', async () => {
    await run('plan', '-out=tfplan');
    expect((await run('workspace', 'new', 'staging')).code).toBe(0);
    const apply = await run('apply', 'tfplan');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('Saved plan is for another workspace');
  });

  it('a malformed one (a null plan) gets a message naming the file, not a JavaScript error', async () => {
    await run('plan', '-out=tfplan');
    tamper(planFile(), (body) => (body.plan = null));
    for (const args of [['apply', 'tfplan'], ['show', '-json', 'tfplan']]) {
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`The saved plan ${planFile()} is malformed`);
      expect(r.err).not.toMatch(/Cannot read properties|TypeError/);
    }
  });
});
