// What the CLI reported complete survives a SIGKILL: a real `gridform apply` (or destroy) of 2,000
// terraform_data is killed at a random point after N "complete" lines, and the state read
// afterwards holds every object printed as created (and none printed as destroyed), with the local
// and the pg backend. The database sits behind a link that adds 5 ms each way, as a database
// across a network does, so that results wait in the client while lines are printed. The kill
// point is printed on failure; GRIDFORM_KILL_AT replays one.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startPgCluster, type PgCluster } from './support/pg-cluster';
import { StackFolder } from './support/engine-cli';
import { startSlowLink, type SlowLink } from './support/slow-link';

const GRIDFORM = process.env.GRIDFORM_BIN ?? path.resolve(__dirname, '..', '..', 'dist', 'provider', 'cli', 'main.js');
const N = 2000;
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

jest.setTimeout(120_000);

function terraformData(n: number, backend?: unknown): unknown {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) resources[`r${i}`] = { input: i % 10 === 0 ? `start-${i}` : `\${terraform_data.r${i - 1}.output}-${i}` };
  return { terraform: { required_providers: {}, ...(backend ? { backend } : {}) }, resource: { terraform_data: resources } };
}

/**
 * Runs gridform with its stdout in a file (written synchronously, as to a terminal: a line in the
 * file is a line printed) and sends SIGKILL once `pattern` has matched `killAt` lines of it.
 */
function runAndKill(dir: string, args: string[], pattern: RegExp, killAt: number): Promise<{ signal: string | null; reported: string[] }> {
  const file = path.join(dir, 'stdout.txt');
  const out = fs.openSync(file, 'w+');
  const child = spawn(process.execPath, [GRIDFORM, ...args, '-no-color'], { cwd: dir, env: ENV, stdio: ['ignore', out, 'ignore'] });
  const reported: string[] = [];
  let offset = 0;
  let rest = '';
  // one buffer for every read: the poll below runs each millisecond, and zeroing a fresh 1 MiB each
  // time cost CPU that gridform, running beside it, could use
  const buf = Buffer.alloc(1 << 20);
  const readNew = () => {
    for (let n; (n = fs.readSync(out, buf, 0, buf.length, offset)) > 0; offset += n) {
      const lines = (rest + buf.toString('utf8', 0, n)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) reported.push(m[1]);
      }
    }
  };
  const poll = setInterval(() => {
    readNew();
    if (reported.length >= killAt && child.exitCode === null) child.kill('SIGKILL');
  }, 1);
  return new Promise((resolve) =>
    child.on('close', (_code, signal) => {
      clearInterval(poll);
      readNew();
      fs.closeSync(out);
      resolve({ signal, reported });
    }),
  );
}

/** Runs gridform to its end; asynchronously, since the slow link lives in this process. */
function gridform(dir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [GRIDFORM, ...args, '-no-color'], { cwd: dir, env: ENV });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

async function stateAddresses(dir: string): Promise<Set<string>> {
  const list = await gridform(dir, 'state', 'list');
  expect(list.status).toBe(0);
  return new Set(list.stdout.split('\n').filter(Boolean));
}

const randomKillPoint = () => Number(process.env.GRIDFORM_KILL_AT ?? 100 + Math.floor(Math.random() * 1500));

describe.each(['local', 'pg'] as const)('SIGKILL of gridform with the %s backend', (kind) => {
  let pg: PgCluster | undefined;
  let link: SlowLink | undefined;
  let folder: StackFolder;
  let schema = 0;
  const backend = () =>
    kind === 'pg'
      ? { pg: { conn_str: `postgres://postgres@127.0.0.1:${link!.port}/postgres`, schema_name: `kill_${++schema}` } }
      : undefined;

  beforeAll(async () => {
    if (kind !== 'pg') return;
    pg = await startPgCluster();
    link = await startSlowLink({ host: '127.0.0.1', port: pg.port }, 5);
  });
  afterAll(async () => {
    await link?.close();
    await pg?.stop();
  });
  beforeEach(() => (folder = new StackFolder()));
  afterEach(() => folder.remove());

  it('every object printed as "Creation complete" is in the state afterwards, and apply converges', async () => {
    folder.write(terraformData(N, backend()));
    const killAt = randomKillPoint();
    const run = await runAndKill(folder.dir, ['apply', '-auto-approve'], /^(\S+): Creation complete/, killAt);
    expect({ killAt, signal: run.signal }).toEqual({ killAt, signal: 'SIGKILL' });
    expect(run.reported.length).toBeGreaterThanOrEqual(killAt);
    const inState = await stateAddresses(folder.dir);
    expect({ killAt, missing: run.reported.filter((a) => !inState.has(a)) }).toEqual({ killAt, missing: [] });

    const again = await gridform(folder.dir, 'apply', '-auto-approve');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`Resources: ${N - inState.size} added, 0 changed, 0 destroyed.`);
    expect((await stateAddresses(folder.dir)).size).toBe(N);
  });

  it('no object printed as "Destruction complete" is in the state after a killed destroy', async () => {
    folder.write(terraformData(N, backend()));
    expect((await gridform(folder.dir, 'apply', '-auto-approve')).status).toBe(0);
    const killAt = randomKillPoint();
    const run = await runAndKill(folder.dir, ['destroy', '-auto-approve'], /^(\S+): Destruction complete/, killAt);
    expect({ killAt, signal: run.signal }).toEqual({ killAt, signal: 'SIGKILL' });
    const inState = await stateAddresses(folder.dir);
    expect({ killAt, stillThere: run.reported.filter((a) => inState.has(a)) }).toEqual({ killAt, stillThere: [] });
    expect(inState.size).toBeLessThanOrEqual(N - run.reported.length);
  });
});
