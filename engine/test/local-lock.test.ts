// The local backend's lock: a second run waits up to -lock-timeout and then fails naming the
// holder; a lock whose process is gone is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';
import { LocalBackend } from '../src/state/local-backend';

describe('local state lock', () => {
  let folder: StackFolder;
  beforeEach(() => {
    folder = new StackFolder();
    folder.write(fakeStack({ a: { name: 'a' } }));
  });
  afterEach(() => folder.remove());

  it('a run waits for -lock-timeout, then fails naming who holds the lock, and changes nothing', async () => {
    const backend = new LocalBackend(path.join(folder.dir, 'terraform.tfstate'));
    const held = await backend.lock('OperationApply', 'test');
    expect(held.ok).toBe(true);
    const started = Date.now();
    const r = await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve', '-lock-timeout=1s']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error acquiring the state lock');
    expect(r.err).toContain(`pid ${process.pid}`);
    expect(r.err).toContain(held.ok ? held.info.ID : '');
    expect(fs.existsSync(path.join(folder.dir, 'terraform.tfstate'))).toBe(false);
  });

  it('a run gets the lock once the holder releases it within -lock-timeout', async () => {
    const backend = new LocalBackend(path.join(folder.dir, 'terraform.tfstate'));
    const held = await backend.lock('OperationApply', 'test');
    setTimeout(() => held.ok && void backend.unlock(held.info.ID), 300);
    expect((await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve', '-lock-timeout=5s'])).code).toBe(0);
  });

  it('a lock left by a process that is gone is taken over', async () => {
    const lockPath = path.join(folder.dir, '.terraform.tfstate.lock.info');
    fs.writeFileSync(
      lockPath,
      JSON.stringify({
        ID: 'dead',
        Operation: 'OperationApply',
        Who: 'x@y',
        Version: '1',
        Created: new Date().toISOString(),
        Path: '',
        Pid: 2 ** 22 + 12345,
        Host: require('node:os').hostname(),
      }),
    );
    expect((await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve'])).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it.each([
    ['garbage', 'not JSON'],
    ['', 'empty'],
    ['[1, 2]', 'not an object'],
    ['{"Who": "x"}', 'no lock ID'],
  ])('a lock file holding %j is refused naming the file, what is wrong and what to do', async (text, what) => {
    const lockPath = path.join(folder.dir, '.terraform.tfstate.lock.info');
    fs.writeFileSync(lockPath, text);
    const r = await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error acquiring the state lock');
    expect(r.err).toContain(`The lock file ${lockPath} is not a state lock`);
    expect(r.err).toContain(what);
    expect(r.err).toContain('remove the file');
    expect(r.err).not.toMatch(/Cannot read properties|undefined/);
    fs.rmSync(lockPath);
    expect((await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve'])).code).toBe(0);
  });

  it('a lock held on another host names who, pid, host, operation and since when, with the Lock Info block', async () => {
    const lockPath = path.join(folder.dir, '.terraform.tfstate.lock.info');
    fs.writeFileSync(
      lockPath,
      JSON.stringify({
        ID: 'abc-123',
        Operation: 'OperationApply',
        Who: 'ann@ci-7',
        Version: '0.1.0',
        Created: '2026-01-02T03:04:05Z',
        Path: 'terraform.tfstate',
        Pid: 4242,
        Host: 'ci-7',
      }),
    );
    const r = await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('locked by ann@ci-7 (pid 4242 on ci-7) for OperationApply since 2026-01-02T03:04:05Z');
    expect(r.err).toMatch(/Lock Info:\s+ID:\s+abc-123/);
    expect(r.err).toContain('gridform force-unlock abc-123');
  });
});
