// What state and output commands answer where a pipeline needs a clear answer, as terraform's do:
// no state at all, -raw of a list, and state push of a state that would throw away what is stored.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../index';
import { FakeProvider, fakeFactory } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

const doc = fakeStack(
  { a: { name: 'a' } },
  {
    output: { name: { value: '${fake_thing.a.name}' }, list: { value: ['${fake_thing.a.name}', 'x'] }, size: { value: 3 } },
  },
);

describe('state and output commands without any state', () => {
  const folder = new StackFolder();
  const provider = new FakeProvider();
  beforeAll(() => folder.write(doc));
  afterAll(() => folder.remove());

  it.each([
    [['state', 'list']],
    [['state', 'show', 'fake_thing.a']],
    [['state', 'rm', 'fake_thing.a']],
    [['state', 'mv', 'fake_thing.a', 'fake_thing.b']],
  ])('%j says "No state file was found!" and exits 1, creating nothing', async (args) => {
    const r = await runEngine(folder.dir, provider, args);
    expect(r.err).toContain('No state file was found!');
    expect(r.code).toBe(1);
    expect(fs.readdirSync(folder.dir)).toEqual(['cdk.tf.json']);
  });

  it('state pull prints nothing and show says "No state.", both exit 0', async () => {
    expect(await runEngine(folder.dir, provider, ['state', 'pull'])).toEqual({ code: 0, out: '', err: '' });
    expect(await runEngine(folder.dir, provider, ['show'])).toEqual({ code: 0, out: 'No state.\n', err: '' });
    expect(await runEngine(folder.dir, provider, ['show', '-json'])).toEqual({ code: 0, out: '{"format_version":"1.0"}\n', err: '' });
  });
});

describe('output -raw', () => {
  const folder = new StackFolder();
  const provider = new FakeProvider();
  beforeAll(async () => {
    folder.write(doc);
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
  });
  afterAll(() => folder.remove());

  it('prints a string or a number as it is, without a newline', async () => {
    expect((await runEngine(folder.dir, provider, ['output', '-raw', 'name'])).out).toBe('a');
    expect((await runEngine(folder.dir, provider, ['output', '-raw', 'size'])).out).toBe('3');
  });

  it('refuses a list, naming its type, as terraform does', async () => {
    const r = await runEngine(folder.dir, provider, ['output', '-raw', 'list']);
    expect(r.err).toContain('Error: Unsupported value for raw output');
    expect(r.err).toContain('output value "list" is tuple');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
  });

  it('refuses -raw without a name, and with -json', async () => {
    const refused = (text: string) => ({ code: 1, err: expect.stringContaining(text) });
    expect(await runEngine(folder.dir, provider, ['output', '-raw'])).toMatchObject(refused('Output name required'));
    expect(await runEngine(folder.dir, provider, ['output', '-raw', '-json', 'name'])).toMatchObject(refused('mutually-exclusive'));
  });

  it('an output that does not exist is an error', async () => {
    const r = await runEngine(folder.dir, provider, ['output', 'nosuch']);
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('Output "nosuch" not found') });
  });
});

describe('state push', () => {
  const folder = new StackFolder();
  const provider = new FakeProvider();
  const statePath = () => path.join(folder.dir, 'terraform.tfstate');
  const pushed = path.join(folder.dir, 'pushed.tfstate');
  let pulled: { serial: number; lineage: string; resources: unknown[] };
  beforeAll(async () => {
    folder.write(doc);
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    pulled = JSON.parse((await runEngine(folder.dir, provider, ['state', 'pull'])).out);
  });
  afterAll(() => folder.remove());

  const push = (state: unknown, ...flags: string[]) => {
    fs.writeFileSync(pushed, JSON.stringify(state));
    return runEngine(folder.dir, provider, ['state', 'push', ...flags, pushed]);
  };

  it('writes a newer state of the same lineage as it is', async () => {
    const r = await push({ ...pulled, serial: pulled.serial + 5, resources: [] });
    expect(r.code).toBe(0);
    const stored = JSON.parse(fs.readFileSync(statePath(), 'utf8'));
    expect(stored).toMatchObject({ serial: pulled.serial + 5, lineage: pulled.lineage, resources: [] });
  });

  it.each([
    ['another lineage', () => ({ ...pulled, serial: 100, lineage: 'other' }), 'over unrelated state with lineage'],
    ['a lower serial', () => ({ ...pulled, serial: 1 }), 'over newer state with serial'],
    ['the same serial with other content', () => ({ ...pulled, serial: pulled.serial + 5 }), 'a different state that has the same serial'],
  ])('refuses %s, leaving the stored state as it was; -force writes it', async (_what, state, message) => {
    const before = fs.readFileSync(statePath(), 'utf8');
    const r = await push(state());
    expect(r.err).toContain(message);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(statePath(), 'utf8')).toBe(before);
    expect((await push(state(), '-force')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(statePath(), 'utf8')).serial).toBe(state().serial);
    fs.writeFileSync(statePath(), before);
  });

  it('refuses a file that is not a state, before taking the lock', async () => {
    fs.writeFileSync(pushed, '{"version": 3}');
    const r = await runEngine(folder.dir, provider, ['state', 'push', pushed]);
    expect(r.err).toContain('Error: Invalid state file');
    expect(r.code).toBe(1);
  });

  it('reads standard input for "-"', async () => {
    const stdin = new PassThrough();
    const stderr = new PassThrough();
    stdin.end(JSON.stringify({ ...pulled, serial: pulled.serial + 20 }));
    const code = await runCli(
      ['state', 'push', '-'],
      { providers: [fakeFactory(provider)], version: 'test' },
      {
        cwd: folder.dir,
        stdout: new PassThrough(),
        stderr,
        stdin,
        color: false,
        env: {},
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(statePath(), 'utf8')).serial).toBe(pulled.serial + 20);
  });
});
