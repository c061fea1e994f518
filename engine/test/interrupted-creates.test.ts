// Creates are idempotent across crashes: a create killed between its side effect and its result
// leaves an intent with an idempotency key; the next run asks the provider what that key made and
// adopts it (or creates it, when nothing is left), with the local and the pg backend.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';
import { readWorld } from './support/recording-provider';
import { startPgCluster, type PgCluster } from './support/pg-cluster';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'engine', 'test', 'support', 'recording-cli.js');
const META = { mode: 'managed', type: 'fake_thing', name: 'b', provider: 'provider["registry.terraform.io/example/fake"]' };

jest.setTimeout(60_000);

function chained(n: number, backend?: unknown): unknown {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) resources[`r${i}`] = i % 5 === 0 ? { name: `r${i}` } : { name: `r${i}`, ref: `\${fake_thing.r${i - 1}.id}` };
  const terraform = { required_providers: { fake: { source: 'example/fake' } }, ...(backend ? { backend } : {}) };
  return { terraform, provider: { fake: [{}] }, resource: { fake_thing: resources } };
}

/** What a run killed inside the create of fake_thing.b leaves: b in the fake world, an intent in the journal. */
async function killedCreateOfB(folder: StackFolder, provider: FakeProvider, intent: Record<string, unknown>): Promise<void> {
  folder.write(fakeStack({ a: { name: 'a' } }));
  expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
  const { lineage, serial } = folder.state();
  await provider.applyResourceChange({
    typeName: 'fake_thing',
    priorState: null,
    plannedState: { name: 'b', id: null },
    config: { name: 'b' },
    idempotencyKey: 'key-of-b',
  });
  const lines = [
    { t: 'begin', lineage, serial },
    { t: 'intent', address: 'fake_thing.b', action: 'create', ...intent },
  ];
  fs.writeFileSync(path.join(folder.dir, '.terraform.tfstate.journal'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
}

describe('interrupted creates, with the fake provider', () => {
  let folder: StackFolder;
  beforeEach(() => (folder = new StackFolder()));
  afterEach(() => folder.remove());
  const journal = () => path.join(folder.dir, '.terraform.tfstate.journal');
  const keyed = { create: { idempotencyKey: 'key-of-b', providerKey: 'fake', meta: META, dependencies: [] } };

  it('the next plan adopts what the interrupted create made: no change left, nothing created twice', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, keyed);
    const plan = await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode']);
    expect(plan.err).toContain('A previous run was interrupted');
    expect(plan.err).toContain('fake_thing.b: adopted fake-2, which an interrupted apply created');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('No changes.');
    expect(fs.existsSync(journal())).toBe(false);
    expect(folder.state().resources.map((r) => [r.name, r.instances[0].attributes.id])).toEqual([
      ['a', 'fake-1'],
      ['b', 'fake-2'],
    ]);
    expect(provider.writes()).toEqual(['create a', 'create b']);
  });

  it('when nothing of the interrupted create is left, it says so and the plan creates it', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, { create: { ...keyed.create, idempotencyKey: 'a-key-that-made-nothing' } });
    const plan = await runEngine(folder.dir, provider, ['plan']);
    expect(plan.code).toBe(0);
    expect(plan.err).toContain('fake_thing.b: nothing an interrupted apply started to create is left; it will be created.');
    expect(plan.out).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
  });

  it('a provider that cannot tell fails the run naming the resource, and keeps the journal for the next one', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, keyed);
    provider.recoverError = 'the world is unreachable';
    const failed = await runEngine(folder.dir, provider, ['plan']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('Cannot recover what an interrupted apply created');
    expect(failed.err).toContain('fake_thing.b was being created when a previous run stopped');
    expect(failed.err).toContain('the world is unreachable');
    expect(fs.existsSync(journal())).toBe(true);
    provider.recoverError = undefined;
    const again = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(again.code).toBe(0);
    expect(again.err).toContain('fake_thing.b: adopted fake-2');
    expect(provider.writes()).toEqual(['create a', 'create b']);
  });

  it('a provider that cannot be configured keeps the journal, so the key is not lost', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, keyed);
    provider.configureError = 'the world is down';
    const failed = await runEngine(folder.dir, provider, ['plan']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('the world is down');
    expect(failed.err).toContain('fake_thing.b was being created when a previous run stopped, and the providers could not be configured');
    expect(fs.existsSync(journal())).toBe(true);
    provider.configureError = undefined;
    expect((await runEngine(folder.dir, provider, ['plan'])).err).toContain('fake_thing.b: adopted fake-2');
  });

  it('a journal written without idempotency keys is still folded, naming what was in flight', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, {});
    const plan = await runEngine(folder.dir, provider, ['plan']);
    expect(plan.code).toBe(0);
    expect(plan.err).toContain('A previous run was interrupted');
    expect(plan.err).toContain('fake_thing.b: create was in progress when gridform stopped');
    expect(provider.calls.some((c) => c.method === 'recover')).toBe(false);
    expect(fs.existsSync(journal())).toBe(false);
  });

  it('state rm refuses to drop the key of an interrupted create, and says to plan first', async () => {
    const provider = new FakeProvider();
    await killedCreateOfB(folder, provider, keyed);
    const rm = await runEngine(folder.dir, provider, ['state', 'rm', 'fake_thing.a']);
    expect(rm.code).toBe(1);
    expect(rm.err).toContain('a previous apply was interrupted while creating fake_thing.b: run "gridform plan" (or apply) first');
    expect(fs.existsSync(journal())).toBe(true);
    expect((await runEngine(folder.dir, provider, ['plan'])).err).toContain('fake_thing.b: adopted fake-2');
    expect((await runEngine(folder.dir, provider, ['state', 'rm', 'fake_thing.a'])).code).toBe(0);
  });

  it('each create passes a fresh key to the provider; updates pass none', async () => {
    const provider = new FakeProvider();
    folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    expect(provider.byKey.size).toBe(2);
    folder.write(fakeStack({ a: { name: 'a', size: 2 }, b: { name: 'b' } }));
    expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
    expect(provider.byKey.size).toBe(2);
  });
});

/** A real process killed inside its 7th create (after the object exists), then applied again. */
type Spawned = ReturnType<typeof spawnSync>;
type World = ReturnType<typeof readWorld>;

function killInsideCreateThenReapply(dir: string, doc: unknown): { again: Spawned; world: World } {
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const args = (kill: string) => [CLI, path.join(dir, 'world.jsonl'), '5', kill, '--', '-no-color', 'apply', '-auto-approve'];
  const run = (kill: string) => spawnSync(process.execPath, args(kill), { cwd: dir, encoding: 'utf8' });
  expect(run('IN:7').signal).toBe('SIGKILL');
  const again = run('0');
  return { again, world: readWorld(path.join(dir, 'world.jsonl')) };
}

function expectAdoptedOnce(again: Spawned, world: World, state: { resources: { instances: { attributes: { id: string } }[] }[] }): void {
  expect(again.status).toBe(0);
  expect(String(again.stderr)).toMatch(/fake_thing\.r\d+: adopted r\d+-\d+-7, which an interrupted apply created/);
  const created = world.filter((r) => r.op === 'create');
  expect(created).toHaveLength(20);
  expect(new Set(created.map((r) => r.name)).size).toBe(20);
  expect(state.resources.map((r) => r.instances[0].attributes.id).sort()).toEqual(created.map((r) => r.id).sort());
}

describe('interrupted creates, a real process killed mid-create', () => {
  it('local backend: the next apply adopts the object the killed create made, every name created once', () => {
    const folder = new StackFolder();
    try {
      const { again, world } = killInsideCreateThenReapply(folder.dir, chained(20));
      expectAdoptedOnce(again, world, folder.state() as never);
    } finally {
      folder.remove();
    }
  });

  describe('pg backend', () => {
    let pg: PgCluster;
    beforeAll(async () => (pg = await startPgCluster()));
    afterAll(async () => pg.stop());

    it('the key is in the journal table before the create starts; the next apply adopts the object', async () => {
      const folder = new StackFolder();
      const db = new Client({ connectionString: pg.connectionString });
      await db.connect();
      try {
        const backend = { pg: { conn_str: pg.connectionString, schema_name: 'interrupted' } };
        const { again, world } = killInsideCreateThenReapply(folder.dir, chained(20, backend));
        const { rows } = await db.query(`SELECT data FROM interrupted.states WHERE name = 'default'`);
        expectAdoptedOnce(again, world, JSON.parse(rows[0].data));
        expect((await db.query('SELECT * FROM interrupted.gridform_journal')).rows).toEqual([]);
      } finally {
        await db.end();
        folder.remove();
      }
    });
  });
});
