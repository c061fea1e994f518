// A damaged state file or journal is refused with a message naming the file, what is wrong and
// what to do, by the commands that change the state and by those that only look.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('damaged state files', () => {
  let folder: StackFolder;
  let statePath: string;
  let journalPath: string;
  beforeEach(() => {
    folder = new StackFolder();
    folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
    statePath = path.join(folder.dir, 'terraform.tfstate');
    journalPath = path.join(folder.dir, '.terraform.tfstate.journal');
  });
  afterEach(() => folder.remove());

  it.each([
    ['{"version": 4, "serial": 1', 'is not JSON'],
    ['[]', 'not a state object'],
    ['{"version": 3, "serial": 1, "lineage": "x", "resources": []}', 'version 3; gridform reads version 4'],
    [
      '{"version": 4, "serial": 1, "lineage": "x", "resources": [{"type": "fake_thing"}]}',
      'resource (number 1) without type, name or instances',
    ],
  ])('a state file holding %s is refused naming the file and what to do', async (text, what) => {
    fs.writeFileSync(statePath, text);
    for (const args of [
      ['apply', '-auto-approve'],
      ['state', 'list'],
    ]) {
      const r = await runEngine(folder.dir, new FakeProvider(), args);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`The state file ${statePath}`);
      expect(r.err).toContain(what);
      expect(r.err).toContain('Restore it from a backup');
      expect(r.err).not.toMatch(/Cannot read properties|Unexpected token .* in JSON at position \d+\s*$/m);
    }
  });

  it('a journal damaged before its last line is refused naming the record; a torn last line is not', async () => {
    const provider = new FakeProvider();
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    const state = folder.state();
    const begin = JSON.stringify({ t: 'begin', lineage: state.lineage, serial: state.serial });
    fs.writeFileSync(
      journalPath,
      `${begin}\n{"t":"intent","address":"fake_thing.c","action":"create"}\n{"t":"set"}\n{"t":"remove","address":"fake_thing.a"}\n`,
    );
    const r = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The journal ${journalPath}`);
    expect(r.err).toContain('record 3 is not a journal record');
    expect(r.err).toContain('Move it away');
    expect(fs.existsSync(journalPath)).toBe(true); // kept: it is the evidence

    fs.writeFileSync(journalPath, `${begin}\n{"t":"remove","address":"fake_thing.a"}\n{"t":"set","meta":{"mo`);
    fs.chmodSync(journalPath, 0o600); // as gridform writes it: a journal others can read gets a warning
    const torn = await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode']);
    expect(torn.err).toBe('');
    expect(torn.out).toContain('1 to add'); // the removal before the torn line was replayed
  });
});
