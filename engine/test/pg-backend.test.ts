// The pg backend against a real PostgreSQL server: state in Terraform's table, a lock held for
// the whole run that a second process waits for (or gives up on, naming the holder), a lock
// that dies with a killed holder, workspaces, force-unlock, and saved plans from another folder.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from './support/pg-cluster';
import { FakeProvider } from './fake-provider';
import { runEngine, StackFolder } from './support/engine-cli';
import { readWorld } from './support/recording-provider';
import { PgBackend } from '../src/state/pg-backend';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'engine', 'test', 'support', 'recording-cli.js');

jest.setTimeout(120_000);

describe('pg backend', () => {
  let pg: PgCluster;
  let folder: StackFolder;
  let db: Client;
  let schema = 0;
  let connStr: string;

  const stack = (n: number, chain = 10) => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < n; i++)
      resources[`r${i}`] = i % chain === 0 ? { name: `r${i}` } : { name: `r${i}`, ref: `\${fake_thing.r${i - 1}.id}` };
    return {
      terraform: {
        required_providers: { fake: { source: 'example/fake' } },
        backend: { pg: { conn_str: connStr, schema_name: `s${schema}` } },
      },
      provider: { fake: [{}] },
      resource: { fake_thing: resources },
    };
  };
  const rows = async (sql: string, args: unknown[] = []) => (await db.query(sql, args)).rows;

  /** gridform as its own process with the recording provider; resolves when it exits. */
  const spawnGridform = (
    dir: string,
    signalAfter: number | string,
    ...args: string[]
  ): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string; err: string }> } => {
    const child = spawn(process.execPath, [CLI, path.join(dir, 'world.jsonl'), '20', String(signalAfter), '--', '-no-color', ...args], {
      cwd: dir,
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err }))) };
  };

  beforeAll(async () => {
    pg = await startPgCluster();
    connStr = pg.connectionString;
    db = new Client({ connectionString: connStr });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await pg.stop();
  });
  beforeEach(() => {
    schema++;
    folder = new StackFolder();
  });
  afterEach(() => folder.remove());

  it("keeps the state in Terraform's states table, one row per workspace", async () => {
    folder.write(stack(3));
    const provider = new FakeProvider();
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    const [row] = await rows(`SELECT name, data FROM s${schema}.states`);
    expect(row.name).toBe('default');
    expect(JSON.parse(row.data).resources).toHaveLength(3);
    expect(fs.existsSync(path.join(folder.dir, 'terraform.tfstate'))).toBe(false);
    expect((await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode'])).code).toBe(0);
  });

  it('two applies at once: one gives up after -lock-timeout naming the holder, one waits, nothing is lost', async () => {
    folder.write(stack(100, 100)); // one chain: about 2 s of 20 ms creations
    const first = spawnGridform(folder.dir, 0, 'apply', '-auto-approve');
    await waitFor(() => readWorld(path.join(folder.dir, 'world.jsonl')).length > 5);
    const impatient = await spawnGridform(folder.dir, 0, 'apply', '-auto-approve', '-lock-timeout=200ms').done;
    expect(impatient.code).toBe(1);
    expect(impatient.err).toContain('Error acquiring the state lock');
    expect(impatient.err).toContain(`pid ${first.child.pid}`);
    expect(impatient.err).toContain('OperationApply');
    const patient = spawnGridform(folder.dir, 0, 'apply', '-auto-approve', '-lock-timeout=60s');
    const [a, b] = await Promise.all([first.done, patient.done]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.out).toContain('No changes.');
    const world = readWorld(path.join(folder.dir, 'world.jsonl'));
    expect(world.filter((r) => r.op === 'create')).toHaveLength(100);
    const state = JSON.parse((await rows(`SELECT data FROM s${schema}.states WHERE name = 'default'`))[0].data);
    expect(state.resources).toHaveLength(100);
  });

  it('SIGKILL of the process holding the lock frees it, and the next apply converges', async () => {
    folder.write(stack(100));
    const killed = await spawnGridform(folder.dir, 30, 'apply', '-auto-approve').done;
    expect(killed.signal).toBe('SIGKILL');
    const next = await spawnGridform(folder.dir, 0, 'apply', '-auto-approve', '-lock-timeout=5s').done;
    expect(next.code).toBe(0);
    // what the killed run recorded stays: the next run creates only what was missing
    const live = new Set(
      readWorld(path.join(folder.dir, 'world.jsonl'))
        .filter((r) => r.op === 'create')
        .map((r) => r.id),
    );
    const state = JSON.parse((await rows(`SELECT data FROM s${schema}.states WHERE name = 'default'`))[0].data);
    expect(state.resources).toHaveLength(100);
    for (const r of state.resources) expect(live.has(r.instances[0].attributes.id)).toBe(true);
    expect(next.out).not.toContain('Resources: 100 added');
    expect(await rows(`SELECT * FROM s${schema}.gridform_journal`)).toEqual([]);
    expect(await rows(`SELECT * FROM s${schema}.gridform_locks`)).toEqual([]);
  });

  it('workspaces keep separate states in the same table', async () => {
    folder.write(stack(2));
    const provider = new FakeProvider();
    await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect((await runEngine(folder.dir, provider, ['workspace', 'new', 'staging'])).out).toContain(
      'Created and switched to workspace "staging"',
    );
    expect((await runEngine(folder.dir, provider, ['plan'])).out).toContain('Plan: 2 to add');
    await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect((await runEngine(folder.dir, provider, ['workspace', 'list'])).out).toBe('  default\n* staging\n\n');
    expect((await rows(`SELECT name FROM s${schema}.states ORDER BY name`)).map((r) => r.name)).toEqual(['default', 'staging']);
    await runEngine(folder.dir, provider, ['workspace', 'select', 'default']);
    const refused = await runEngine(folder.dir, provider, ['workspace', 'delete', 'staging']);
    expect(refused.err).toContain('is not empty');
    expect((await runEngine(folder.dir, provider, ['workspace', 'delete', '-force', 'staging'])).code).toBe(0);
    expect((await rows(`SELECT name FROM s${schema}.states`)).map((r) => r.name)).toEqual(['default']);
  });

  it('force-unlock ends the session of a holder that is stuck, and the lock is free again', async () => {
    folder.write(stack(1));
    const stuck = new PgBackend({ connStr, schemaName: `s${schema}`, workspace: 'default' });
    const held = await stuck.lock('OperationApply', 'test');
    if (!held.ok) throw new Error('could not take the lock');
    const provider = new FakeProvider();
    const blocked = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(blocked.err).toContain(held.info.ID);
    expect((await runEngine(folder.dir, provider, ['force-unlock', '-force', held.info.ID])).code).toBe(0);
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve', '-lock-timeout=5s'])).code).toBe(0);
    await stuck.close();
  });

  it('a lock held by a session that recorded no lock info (terraform) is refused naming that session, not "pid 0 on unknown"', async () => {
    folder.write(stack(1));
    const provider = new FakeProvider();
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    // a stale row from an earlier holder stays behind: it must not be taken for the holder
    await db.query(`INSERT INTO s${schema}.gridform_locks (name, info) VALUES ('default', $1) ON CONFLICT (name) DO UPDATE SET info = $1`, [
      JSON.stringify({
        ID: 'stale',
        Who: 'ghost@gone',
        Pid: 1,
        Host: 'gone',
        Operation: 'OperationApply',
        Created: '2020-01-01',
        Info: 'pg_backend_pid=1',
      }),
    ]);
    const terraform = new Client({ connectionString: connStr, application_name: 'terraform' });
    await terraform.connect();
    try {
      const [{ id }] = await rows(`SELECT id FROM s${schema}.states WHERE name = 'default'`);
      const [{ pid }] = (await terraform.query('SELECT pg_backend_pid() AS pid, pg_advisory_lock($1::bigint)', [id])).rows;
      const refused = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('Error acquiring the state lock');
      expect(refused.err).toContain('application "terraform"');
      expect(refused.err).toContain(`pg_terminate_backend(${pid})`);
      expect(refused.err).not.toMatch(/pid 0|on unknown|since \.|ghost/);
    } finally {
      await terraform.end();
    }
  });

  it('a saved plan applied from another checkout of the stack with the same backend is refused once stale', async () => {
    const other = new StackFolder();
    try {
      folder.write(stack(2));
      // another checkout: the same stack (folder name) elsewhere
      const checkout = path.join(other.dir, path.basename(folder.dir));
      fs.mkdirSync(checkout);
      fs.copyFileSync(path.join(folder.dir, 'cdk.tf.json'), path.join(checkout, 'cdk.tf.json'));
      const provider = new FakeProvider();
      await runEngine(folder.dir, provider, ['plan', '-out=tfplan']);
      fs.copyFileSync(path.join(folder.dir, 'tfplan'), path.join(checkout, 'tfplan'));
      await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
      const stale = await runEngine(checkout, provider, ['apply', 'tfplan']);
      expect(stale.code).toBe(1);
      expect(stale.err).toContain('Saved plan is stale');
    } finally {
      other.remove();
    }
  });
});

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
