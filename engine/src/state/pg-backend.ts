// The pg backend, as Terraform's: states in SCHEMA.states (one row per workspace, the v4 JSON in
// `data`), locked with PostgreSQL advisory locks on the row's id (or -1 while a workspace is
// created) held by this process's connection, so a lock dies with its holder. Beside Terraform's
// table, gridform keeps who holds each lock (gridform_locks, so a refusal can name the holder)
// and the journal of a running apply (gridform_journal), folded into the state row at the end.
import * as os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { CreateIntent, JournalEntry, LockInfo, LockResult, ReadOptions, ReadResult, StateBackend, StateJournal } from './backend';
import type { ResourceMeta, StateFile, StateInstance } from './state';
import { JournalDamage, replayJournal, settleInterruptedCreates } from './journal-replay';
import { damagedJournal } from './journal-lines';
import { DAMAGED_STATE_ADVICE, parseState } from './state-check';
import { stringifyJson, parseJsonKeepingDigits } from '../json-syntax';

export interface PgBackendOptions {
  readonly connStr: string;
  readonly schemaName: string;
  readonly workspace: string;
  readonly skipSchemaCreation?: boolean;
  readonly skipTableCreation?: boolean;
  readonly skipIndexCreation?: boolean;
}

const CREATION_LOCK = '-1';

export class PgBackend implements StateBackend {
  private client?: Client;
  private connecting?: Promise<Client>;
  /** the advisory lock key this process holds, and its lock ID */
  private held?: { key: string; id: string };

  constructor(private readonly o: PgBackendOptions) {}

  get location(): string {
    const url = this.o.connStr.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    return `pg ${url} schema ${this.o.schemaName} workspace ${this.o.workspace}`;
  }

  private get schema(): string {
    return `"${this.o.schemaName.replace(/"/g, '""')}"`;
  }

  private async db(): Promise<Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      // pg (and the modules it pulls in) costs a few hundred ms to load: only runs that use this backend pay it
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Client } = require('pg') as typeof import('pg');
      const client = new Client({ connectionString: this.o.connStr, application_name: `gridform ${process.pid}` });
      client.on('error', () => undefined); // a lost connection surfaces as the next query's error
      await client.connect();
      await this.prepare(client);
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  /** Creates the schema, Terraform's states table and index, and gridform's two tables. */
  private async prepare(c: Client): Promise<void> {
    if (!this.o.skipSchemaCreation) {
      const { rows } = await c.query('select count(1)::int as n from information_schema.schemata where schema_name = $1', [
        this.o.schemaName,
      ]);
      if (rows[0].n < 1) await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    }
    if (!this.o.skipTableCreation) {
      await c.query('CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint');
      await c.query(
        `CREATE TABLE IF NOT EXISTS ${this.schema}.states (` +
          `id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY, name text UNIQUE, data text)`,
      );
    }
    if (!this.o.skipIndexCreation) await c.query(`CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON ${this.schema}.states (name)`);
    await c.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.gridform_locks (name text PRIMARY KEY, info text NOT NULL)`);
    await c.query(
      `CREATE TABLE IF NOT EXISTS ${this.schema}.gridform_journal (seq bigserial PRIMARY KEY, name text NOT NULL, entry text NOT NULL)`,
    );
  }

  private async snapshot(c: Client): Promise<StateFile | undefined> {
    const { rows } = await c.query(`SELECT data FROM ${this.schema}.states WHERE name = $1`, [this.o.workspace]);
    const data = rows[0]?.data as string | null | undefined;
    if (!data) return undefined;
    const parsed = parseState(data);
    const where = `The state of workspace ${this.o.workspace} (table ${this.schema}.states, row name '${this.o.workspace}')`;
    if ('problem' in parsed) throw new Error(`${where} ${parsed.problem}. ${DAMAGED_STATE_ADVICE}`);
    return parsed.state;
  }

  async read(opts: ReadOptions = {}): Promise<ReadResult> {
    const c = await this.db();
    const snapshot = await this.snapshot(c);
    const { rows } = await c.query(`SELECT entry FROM ${this.schema}.gridform_journal WHERE name = $1 ORDER BY seq`, [this.o.workspace]);
    if (!rows.length) return { state: snapshot, interrupted: [] };
    const lines = rows.map((r) => r.entry as string);
    // a journal started before any state existed carries its starting state as its second entry
    const base = snapshot ?? (parseJsonKeepingDigits(lines[1] ?? 'null') as StateFile | null) ?? undefined;
    if (!base) return { state: snapshot, interrupted: [] };
    let replayed;
    try {
      replayed = replayJournal(base, snapshot ? lines : [lines[0], ...lines.slice(2)]);
    } catch (err) {
      if (!(err instanceof JournalDamage)) throw err;
      throw damagedJournal(`of workspace ${this.o.workspace} (table ${this.schema}.gridform_journal)`, err.message);
    }
    const { state, applied } = replayed;
    const { interrupted, recovered } = await settleInterruptedCreates(replayed, opts);
    if (opts.recover) {
      if (applied) state.serial++;
      await this.commitSnapshot(c, applied ? state : undefined);
    }
    return { state, interrupted, recovered };
  }

  /** Writes the state row (when given) and clears the journal, in one transaction. */
  private async commitSnapshot(c: Client, state: StateFile | undefined): Promise<void> {
    await c.query('BEGIN');
    try {
      if (state) await this.upsert(c, state);
      await c.query(`DELETE FROM ${this.schema}.gridform_journal WHERE name = $1`, [this.o.workspace]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async upsert(c: Client, state: StateFile): Promise<void> {
    const upsert =
      `INSERT INTO ${this.schema}.states (name, data) VALUES ($1, $2) ` +
      'ON CONFLICT (name) DO UPDATE SET data = $2 WHERE states.name = $1';
    await c.query(upsert, [this.o.workspace, stringifyJson(state, 2)]);
  }

  async write(state: StateFile): Promise<void> {
    await this.upsert(await this.db(), state);
  }

  async openJournal(state: StateFile): Promise<StateJournal> {
    const c = await this.db();
    const hasSnapshot =
      (await c.query(`SELECT 1 FROM ${this.schema}.states WHERE name = $1 AND data IS NOT NULL AND data <> ''`, [this.o.workspace])).rows
        .length > 0;
    const journal = new PgJournal(c, this.schema, this.o.workspace, (s) => this.commitSnapshot(c, s));
    await journal.append([{ t: 'begin', lineage: state.lineage, serial: state.serial }, ...(hasSnapshot ? [] : [state])]);
    return journal;
  }

  async lock(operation: string, version: string): Promise<LockResult> {
    const c = await this.db();
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: `${os.userInfo().username}@${os.hostname()}`,
      Version: version,
      Created: new Date().toISOString(),
      Path: '',
      Pid: process.pid,
      Host: os.hostname(),
    };
    const key = await this.tryAdvisoryLock(c);
    if (!key) return { ok: false, holder: await this.holder(c) };
    const { rows } = await c.query('SELECT pg_backend_pid() AS pid');
    const held: LockInfo = { ...info, Path: key, Info: `pg_backend_pid=${rows[0].pid}` };
    await c.query(`INSERT INTO ${this.schema}.gridform_locks (name, info) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET info = $2`, [
      this.o.workspace,
      JSON.stringify(held),
    ]);
    this.held = { key, id: info.ID };
    return { ok: true, info: held };
  }

  /** Terraform's scheme: the row's id for an existing workspace, -1 while one is being created. */
  private async tryAdvisoryLock(c: Client): Promise<string | undefined> {
    const { rows } = await c.query(
      `SELECT s.id::text AS id, pg_try_advisory_lock(s.id) AS row_lock, pg_try_advisory_lock(${CREATION_LOCK}) AS create_lock ` +
        `FROM ${this.schema}.states s WHERE s.name = $1`,
      [this.o.workspace],
    );
    if (!rows.length) {
      const r = await c.query(`SELECT pg_try_advisory_lock(${CREATION_LOCK}) AS ok`);
      return r.rows[0].ok ? CREATION_LOCK : undefined;
    }
    const { id, row_lock: rowLock, create_lock: createLock } = rows[0] as { id: string; row_lock: boolean; create_lock: boolean };
    if (rowLock && createLock) {
      await c.query(`SELECT pg_advisory_unlock(${CREATION_LOCK})`);
      return id;
    }
    if (rowLock) await c.query(`SELECT pg_advisory_unlock(${id}::bigint)`);
    if (createLock) await c.query(`SELECT pg_advisory_unlock(${CREATION_LOCK})`);
    return undefined;
  }

  /**
   * Who holds the lock: the row its holder wrote in gridform_locks, when that row is the holder's
   * (its pg_backend_pid is the session holding the advisory lock). A holder that has just taken
   * the lock gets a moment to write its row; one that writes none (terraform) is described from
   * its database session.
   */
  private async holder(c: Client): Promise<LockInfo> {
    for (let attempt = 0; ; attempt++) {
      const sessions = await this.lockSessions(c);
      const { rows } = await c.query(`SELECT info FROM ${this.schema}.gridform_locks WHERE name = $1`, [this.o.workspace]);
      const row = parseLockInfo(rows[0]?.info);
      const rowPid = Number(/pg_backend_pid=(\d+)/.exec(row?.Info ?? '')?.[1]);
      if (row && (sessions.length === 0 || sessions.some((x) => x.pid === rowPid))) return row;
      if (sessions.length && attempt < 10) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const x = sessions[0];
      const unknown = { ID: '', Operation: '', Version: '', Created: '', Path: '', Pid: 0, Host: '' };
      if (!x) return { ...unknown, Who: 'another session of this database (it has let go since)' };
      const app = /^gridform (\d+)$/.exec(x.app ?? '');
      const client = app ? '' : ` (${x.app ? `application "${x.app}"` : 'no application name'})`;
      return {
        ...unknown,
        Who: `${x.user}@${x.addr ?? 'local socket'}${client}`,
        Created: x.since,
        Pid: app ? Number(app[1]) : 0,
        Host: x.addr ?? '',
        Info:
          `pg_backend_pid=${x.pid}; it recorded no lock info (terraform, or a gridform killed while taking the lock): ` +
          `end that session with SELECT pg_terminate_backend(${x.pid}) if it is stuck`,
      };
    }
  }

  /** The other database sessions holding this workspace's advisory lock (the row's id, or -1 while it is created). */
  private async lockSessions(c: Client): Promise<{ pid: number; user: string; addr: string | null; app: string | null; since: string }[]> {
    const { rows } = await c.query(
      `SELECT a.pid, a.usename AS user, host(a.client_addr) AS addr, a.application_name AS app,
         to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
         AND ((l.classid::bigint << 32) | l.objid::bigint)
           IN (SELECT id FROM ${this.schema}.states WHERE name = $1 UNION SELECT ${CREATION_LOCK}::bigint)`,
      [this.o.workspace],
    );
    return rows as { pid: number; user: string; addr: string | null; app: string | null; since: string }[];
  }

  async unlock(id: string): Promise<void> {
    if (!this.held || this.held.id !== id || !this.client) return;
    await this.client.query(`DELETE FROM ${this.schema}.gridform_locks WHERE name = $1 AND info::jsonb->>'ID' = $2`, [
      this.o.workspace,
      id,
    ]);
    await this.client.query(`SELECT pg_advisory_unlock(${this.held.key}::bigint)`);
    this.held = undefined;
  }

  /** Ends the holder's database session, which releases its advisory lock. */
  async forceUnlock(id: string): Promise<boolean> {
    const c = await this.db();
    const holder = await this.holder(c);
    if (holder.ID !== id) return false;
    const pid = /pg_backend_pid=(\d+)/.exec(holder.Info ?? '')?.[1];
    if (pid) await c.query('SELECT pg_terminate_backend($1::int)', [Number(pid)]);
    await c.query(`DELETE FROM ${this.schema}.gridform_locks WHERE name = $1`, [this.o.workspace]);
    return true;
  }

  async listWorkspaces(): Promise<string[]> {
    const c = await this.db();
    const { rows } = await c.query(`SELECT name FROM ${this.schema}.states ORDER BY name`);
    return [...new Set(['default', ...rows.map((r) => r.name as string)])];
  }

  async deleteWorkspace(name: string): Promise<void> {
    if (name === 'default') throw new Error('the default workspace cannot be deleted');
    const c = await this.db();
    await c.query(`DELETE FROM ${this.schema}.states WHERE name = $1`, [name]);
    await c.query(`DELETE FROM ${this.schema}.gridform_journal WHERE name = $1`, [name]);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await c?.end().catch(() => undefined);
  }
}

/**
 * Journal entries are inserted in batches: while one insert is on its way, new entries queue and
 * go together in the next, so many resources finishing at once cost one round trip. An intent is
 * awaited before its side effect. A result resolves once its batch is committed (the CLI reports
 * the object complete only then), but nothing needs to wait for it to go on: batches arrive in
 * order, so once any later intent is stored, every result queued before it is stored too.
 */
class PgJournal implements StateJournal {
  private queue: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushing = false;
  private flushSoon?: NodeJS.Immediate;
  private failure: unknown;

  constructor(
    private readonly c: Client,
    private readonly schema: string,
    private readonly name: string,
    private readonly commitState: (s: StateFile) => Promise<void>,
  ) {}

  append(entries: (JournalEntry | StateFile)[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const all = entries.map((e) => new Promise<void>((done, fail) => this.queue.push({ line: stringifyJson(e), done, fail })));
    // after this turn of the event loop: the intents a walk starts together go in one round trip
    if (!this.flushSoon) this.flushSoon = setImmediate(() => ((this.flushSoon = undefined), void this.flush()));
    return Promise.all(all).then(() => undefined);
  }

  /** Queues an entry; resolves once it is stored. A failure also shows at the next intent or the commit. */
  private send(entry: JournalEntry): Promise<void> {
    const stored = this.append([entry]);
    stored.catch((err: unknown) => (this.failure ??= err));
    return stored;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.c.query({
            name: 'gridform-journal-append',
            text:
              `INSERT INTO ${this.schema}.gridform_journal (name, entry) ` +
              `SELECT $1, e FROM unnest($2::text[]) WITH ORDINALITY AS t(e, n) ORDER BY n`,
            values: [this.name, batch.map((b) => b.line)],
          });
          batch.forEach((b) => b.done());
        } catch (err) {
          batch.forEach((b) => b.fail(err));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  intent(address: string, action: string, create?: CreateIntent): Promise<void> {
    return this.append([{ t: 'intent', address, action, ...(create ? { create } : {}) }]);
  }

  setObject(meta: ResourceMeta, address: string, instance: StateInstance): Promise<void> {
    return this.send({ t: 'set', meta, address, instance });
  }

  removeObject(address: string, deposed?: string): Promise<void> {
    return this.send({ t: 'remove', address, ...(deposed ? { deposed } : {}) });
  }

  async commit(state: StateFile): Promise<void> {
    while (this.flushing || this.queue.length || this.flushSoon) await new Promise((r) => setTimeout(r, 1));
    if (this.failure) throw this.failure;
    state.serial++;
    await this.commitState(state);
  }
}

function parseLockInfo(text: unknown): LockInfo | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const info = JSON.parse(text) as LockInfo;
    return info && typeof info === 'object' && typeof info.ID === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}
