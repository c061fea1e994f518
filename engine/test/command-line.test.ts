// Every engine command and subcommand, from the specs the command line is checked against: -help,
// --help and -h print its usage and exit 0, an unknown flag, a bad boolean or a wrong number of
// arguments exit 1 in terraform's words; none of them touches the stack folder or calls a provider.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SPECS } from '../src/cli/commands/specs';
import type { CommandSpec } from '../src/cli/command-spec';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

function commandPaths(): string[][] {
  return Object.entries(SPECS as Record<string, CommandSpec>).flatMap(([name, spec]) => [
    [name],
    ...Object.keys(spec.subcommands ?? {}).map((sub) => [name, sub]),
  ]);
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, f);
    out[f] = fs.statSync(full).isDirectory() ? '<dir>' : fs.readFileSync(full, 'base64');
  }
  return out;
}

describe('the command line of every engine command', () => {
  const folder = new StackFolder();
  const provider = new FakeProvider();
  let before: Record<string, string>;
  beforeAll(async () => {
    folder.write(fakeStack({ a: { name: 'a' } }, { output: { n: { value: '${fake_thing.a.name}' } } }));
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    before = snapshot(folder.dir);
    provider.calls.length = 0;
  });
  afterEach(() => {
    expect(snapshot(folder.dir)).toEqual(before);
    expect(provider.calls).toEqual([]);
  });
  afterAll(() => folder.remove());

  const helpCases = commandPaths().flatMap((p) => ['-help', '--help', '-h'].map((h) => [p.join(' '), h] as const));
  it.each(helpCases)('%s %s prints its usage and does nothing else', async (cmd, h) => {
    const r = await runEngine(folder.dir, provider, [...cmd.split(' '), h]);
    expect(r.out).toMatch(new RegExp(`^Usage: gridform \\[global options\\] ${cmd} `));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it.each(commandPaths().map((p) => [p.join(' ')]))('%s -bogus is refused before anything happens', async (cmd) => {
    const r = await runEngine(folder.dir, provider, [...cmd.split(' '), '-bogus']);
    expect(r.err).toContain('Error: Failed to parse command-line flags\n\nflag provided but not defined: -bogus');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
  });

  it.each([
    [['plan', '-refresh=maybe'], 'invalid boolean value "maybe" for -refresh'],
    [['plan', '-out'], 'flag needs an argument: -out'],
    [['apply', '-detailed-exitcode', '-auto-approve'], 'flag provided but not defined: -detailed-exitcode'],
    [['plan', 'extra'], 'Too many command line arguments'],
    [['destroy', '-auto-approve', 'extra'], 'Too many command line arguments'],
    [['state', 'mv', 'fake_thing.a'], 'Missing required argument'],
    [['state', 'show'], 'Missing required argument'],
    [['import', 'fake_thing.a'], 'Missing required argument'],
    [['output', 'n', 'm'], 'Too many command line arguments'],
    [['plan', '-parallelism=0'], 'Invalid value for -parallelism'],
    [['apply', '-auto-approve', '-parallelism=many'], 'Invalid value for -parallelism'],
    [['apply', '-auto-approve', '-lock-timeout=soon'], 'Invalid value for -lock-timeout'],
    [['plan', '-refresh-only', '-destroy'], '-refresh-only and -destroy cannot be used together'],
    [['plan', '-target=not an address'], 'Invalid target address'],
  ])('%j is refused: %s', async (args, message) => {
    const r = await runEngine(folder.dir, provider, args);
    expect(r.err).toContain(message);
    expect(r.code).toBe(1);
  });

  const noSubcommand = [['state'], ['workspace'], ['providers'], ['state', 'bogus']];
  it.each(noSubcommand)('%j without a known subcommand prints the usage and exits 1', async (...args) => {
    const r = await runEngine(folder.dir, provider, args);
    expect(r.err).toContain(`Usage: gridform [global options] ${args[0]} <subcommand>`);
    expect(r.code).toBe(1);
  });

  it('an unknown command or global option exits 1', async () => {
    expect((await runEngine(folder.dir, provider, ['bogus'])).code).toBe(1);
    expect((await runEngine(folder.dir, provider, ['-bogus', 'plan'])).code).toBe(1);
  });

  it('flags may be written -name=value, --name=value or -name value', async () => {
    for (const args of [
      ['plan', '-lock-timeout=1s'],
      ['plan', '--lock-timeout=1s'],
      ['plan', '-lock-timeout', '1s'],
    ]) {
      const r = await runEngine(folder.dir, provider, args);
      expect(r.code).toBe(0);
    }
    provider.calls.length = 0;
  });
});
