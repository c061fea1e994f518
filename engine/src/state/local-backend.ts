// The local backend: the state in one JSON file, written to a temporary file, flushed and renamed
// over the old one, so a crash leaves either the old or the new state, never half of one. During
// an apply each change is appended to a journal beside it (one JSON line per change, flushed to
// disk at least every 100 ms and at the end), so a killed process loses nothing it finished; the
// journal is folded into a new snapshot at the end, or by the next run that takes the lock.
// A lock file names its holder; a lock whose holder process is gone on this host is taken over.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CreateIntent, JournalEntry, LockInfo, LockResult, ReadOptions, ReadResult, StateBackend, StateJournal } from './backend';
import type { ResourceMeta, StateFile, StateInstance } from './state';
import { replayJournal, settleInterruptedCreates } from './journal-replay';

const FSYNC_INTERVAL_MS = 100;

/** Where the states of workspaces other than "default" live: ROOT/NAME/FILE, as Terraform keeps them. */
export interface LocalWorkspaces {
  readonly root: string;
  readonly file: string;
}

export class LocalBackend implements StateBackend {
  constructor(readonly statePath: string, private readonly workspaces?: LocalWorkspaces) {}

  async listWorkspaces(): Promise<string[]> {
    const root = this.workspaces?.root;
    const named = root && fs.existsSync(root) ? fs.readdirSync(root).filter((n) => fs.statSync(path.join(root, n)).isDirectory()) : [];
    return ['default', ...named.sort()];
  }

  async deleteWorkspace(name: string): Promise<void> {
    if (name === 'default' || !this.workspaces) throw new Error('the default workspace cannot be deleted');
    fs.rmSync(path.join(this.workspaces.root, name), { recursive: true, force: true });
  }

  get location(): string {
    return this.statePath;
  }

  get journalPath(): string {
    return path.join(path.dirname(this.statePath), `.${path.basename(this.statePath)}.journal`);
  }

  get lockPath(): string {
    return path.join(path.dirname(this.statePath), `.${path.basename(this.statePath)}.lock.info`);
  }

  readSnapshot(): StateFile | undefined {
    if (!fs.existsSync(this.statePath)) return undefined;
    const text = fs.readFileSync(this.statePath, 'utf8');
    if (!text.trim()) return undefined;
    const state = JSON.parse(text) as StateFile;
    if (state.version !== 4) throw new Error(`${this.statePath} has state version ${state.version}; gridform reads version 4`);
    return state;
  }

  async read(opts: ReadOptions = {}): Promise<ReadResult> {
    const snapshot = this.readSnapshot();
    if (!fs.existsSync(this.journalPath)) return { state: snapshot, interrupted: [] };
    const lines = fs.readFileSync(this.journalPath, 'utf8').split('\n');
    // a journal started before any snapshot existed carries its starting state on line 2
    const base = snapshot ?? parseOrUndefined(lines[1]);
    if (!base) return { state: snapshot, interrupted: [] };
    const replayed = replayJournal(base, snapshot ? lines : [lines[0], ...lines.slice(2)]);
    const { state, applied } = replayed;
    const { interrupted, recovered } = await settleInterruptedCreates(replayed, opts);
    if (opts.recover) {
      if (applied) {
        state.serial++;
        await this.write(state);
      }
      fs.rmSync(this.journalPath, { force: true });
    }
    return { state, interrupted, recovered };
  }

  async write(state: StateFile): Promise<void> {
    fs.mkdirSync(path.dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(state, null, 2) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.statePath);
  }

  async openJournal(state: StateFile): Promise<StateJournal> {
    fs.mkdirSync(path.dirname(this.journalPath), { recursive: true });
    const fd = fs.openSync(this.journalPath, 'w');
    const journal = new LocalJournal(fd, this);
    // with no snapshot on disk yet, the journal carries the empty state it starts from
    if (!fs.existsSync(this.statePath)) journal.append({ t: 'begin', lineage: state.lineage, serial: state.serial }, JSON.stringify(state));
    else journal.append({ t: 'begin', lineage: state.lineage, serial: state.serial });
    return journal;
  }

  async lock(operation: string, version: string): Promise<LockResult> {
    const info: LockInfo = {
      ID: randomUUID(), Operation: operation, Who: `${os.userInfo().username}@${os.hostname()}`, Version: version,
      Created: new Date().toISOString(), Path: this.statePath, Pid: process.pid, Host: os.hostname(),
    };
    fs.mkdirSync(path.dirname(this.lockPath), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.lockPath, JSON.stringify(info, null, 2), { flag: 'wx' });
        return { ok: true, info };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = this.holder();
        if (holder && holder.Host === os.hostname() && !processAlive(holder.Pid)) {
          fs.rmSync(this.lockPath, { force: true });
          continue;
        }
        if (holder) return { ok: false, holder };
      }
    }
    return { ok: false, holder: this.holder()! };
  }

  async unlock(id: string): Promise<void> {
    if (this.holder()?.ID === id) fs.rmSync(this.lockPath, { force: true });
  }

  async forceUnlock(id: string): Promise<boolean> {
    if (this.holder()?.ID !== id) return false;
    fs.rmSync(this.lockPath, { force: true });
    return true;
  }

  holder(): LockInfo | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.lockPath, 'utf8')) as LockInfo;
    } catch {
      return undefined;
    }
  }
}

class LocalJournal implements StateJournal {
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly fd: number, private readonly backend: LocalBackend) {
    this.timer = setInterval(() => this.sync(), FSYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /** One write per record: once written, a killed process cannot lose it. */
  append(entry: JournalEntry, ...extraLines: string[]): void {
    fs.writeSync(this.fd, [JSON.stringify(entry), ...extraLines].join('\n') + '\n');
    this.dirty = true;
  }

  intent(address: string, action: string, create?: CreateIntent): void {
    this.append({ t: 'intent', address, action, ...(create ? { create } : {}) });
  }

  setObject(meta: ResourceMeta, address: string, instance: StateInstance): void {
    this.append({ t: 'set', meta, address, instance });
  }

  removeObject(address: string, deposed?: string): void {
    this.append({ t: 'remove', address, ...(deposed ? { deposed } : {}) });
  }

  private sync(): void {
    if (!this.dirty) return;
    this.dirty = false;
    fs.fsyncSync(this.fd);
  }

  async commit(state: StateFile): Promise<void> {
    clearInterval(this.timer);
    this.sync();
    state.serial++;
    await this.backend.write(state);
    fs.closeSync(this.fd);
    fs.rmSync(this.backend.journalPath, { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parseOrUndefined(line: string | undefined): StateFile | undefined {
  try {
    return line ? (JSON.parse(line) as StateFile) : undefined;
  } catch {
    return undefined;
  }
}
