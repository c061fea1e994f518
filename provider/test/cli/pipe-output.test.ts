// The gridform command writes everything before it exits, whatever stdout is: 10 MB of
// `show -json` and of `state pull` through a real pipe that is read slowly arrive whole and parse,
// and a reader that goes away early (as `| head` does) ends it quietly, exit code kept.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GRIDFORM = process.env.GRIDFORM_BIN ?? path.resolve(__dirname, '..', '..', '..', 'dist', 'provider', 'cli', 'main.js');
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1' };
const MB = 1024 * 1024;

jest.setTimeout(120_000);

/** Runs gridform with stdout a pipe read in 64 KiB sips 5 ms apart, a slow reader such as gzip over a network. */
function throughSlowPipe(dir: string, args: string[]): Promise<{ code: number | null; out: Buffer; err: string }> {
  const child = spawn(process.execPath, [GRIDFORM, ...args], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.pause();
  const sip = () => {
    for (let got = 0, c: Buffer | null; got < 64 * 1024 && (c = child.stdout.read() as Buffer | null); got += c.length) chunks.push(c);
    if (!child.stdout.readableEnded) setTimeout(sip, 5);
  };
  child.stdout.on('readable', () => undefined);
  sip();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out: Buffer.concat(chunks), err })));
}

describe('gridform output through a pipe', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-pipe-'));
    // 120 terraform_data with 50 KB inputs: a plan and a state of about 12 MB in JSON (each input shows in config and after)
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 120; i++) resources[`big${i}`] = { input: `${i}-`.padEnd(50_000, 'x') };
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: resources } }));
    const plan = spawnSync(process.execPath, [GRIDFORM, 'plan', '-out=tfplan', '-no-color'], {
      cwd: dir,
      env: ENV,
      encoding: 'utf8',
      maxBuffer: 256 * MB,
    });
    expect(plan.status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('10 MB of show -json arrives whole and parses', async () => {
    const r = await throughSlowPipe(dir, ['show', '-json', 'tfplan']);
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(10 * MB);
    const plan = JSON.parse(r.out.toString());
    expect(plan.resource_changes).toHaveLength(120);
  });

  it('state pull of a 10 MB state arrives whole and parses', async () => {
    expect(
      spawnSync(process.execPath, [GRIDFORM, 'apply', '-auto-approve', '-no-color', 'tfplan'], { cwd: dir, env: ENV, maxBuffer: 256 * MB })
        .status,
    ).toBe(0);
    const r = await throughSlowPipe(dir, ['state', 'pull']);
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(10 * MB);
    expect(JSON.parse(r.out.toString()).resources).toHaveLength(120);
  });

  it('a reader that stops early (as head does) ends it quietly, with its exit code', () => {
    const status = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${GRIDFORM}" show -json tfplan | head -c 100 >/dev/null; echo \${PIPESTATUS[0]}`],
      { cwd: dir, env: ENV, encoding: 'utf8' },
    );
    expect(status.stderr).toBe('');
    expect(status.stdout.trim()).toBe('0');
  });
});
