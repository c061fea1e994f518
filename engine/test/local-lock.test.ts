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
    fs.writeFileSync(lockPath, JSON.stringify({ ID: 'dead', Operation: 'OperationApply', Who: 'x@y', Version: '1', Created: new Date().toISOString(), Path: '', Pid: 2 ** 22 + 12345, Host: require('node:os').hostname() }));
    expect((await runEngine(folder.dir, new FakeProvider(), ['apply', '-auto-approve'])).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
  });
});
