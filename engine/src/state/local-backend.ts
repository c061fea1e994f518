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
import { JournalDamage, replayJournal, settleInterruptedCreates } from './journal-replay';
import { damagedJournal } from './journal-lines';
import { DAMAGED_STATE_ADVICE, parseState } from './state-check';
import { looseModeWarning, SECRET_FILE_MODE } from './file-modes';
import { parseJson, stringifyJson } from '../json-syntax';

const FSYNC_INTERVAL_MS = 100;

/** Where the states of workspaces other than "default" live: ROOT/NAME/FILE, as Terraform keeps them. */
export interface LocalWorkspaces {
  readonly root: string;
  readonly file: string;
}

export class LocalBackend implements StateBackend {
  constructor(
    readonly statePath: string,
    private readonly workspaces?: LocalWorkspaces,
  ) {}

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
    const parsed = parseState(text);
    if ('problem' in parsed) throw new Error(`The state file ${this.statePath} ${parsed.problem}. ${DAMAGED_STATE_ADVICE}`);
    return parsed.state;
  }

  async read(opts: ReadOptions = {}): Promise<ReadResult> {
    const snapshot = this.readSnapshot();
    const warnings = [
      looseModeWarning(this.statePath, 'the state'),
      looseModeWarning(this.journalPath, 'the journal of an apply that stopped (it holds the objects that apply recorded)'),
    ].flatMap((w) => (w ? [`${w.summary}: ${w.detail}`] : []));
    if (!fs.existsSync(this.journalPath)) return { state: snapshot, interrupted: [], warnings };
    const lines = fs.readFileSync(this.journalPath, 'utf8').split('\n');
    // a journal started before any snapshot existed carries its starting state on line 2
    const start = snapshot ? undefined : lines[1] ? parseState(lines[1]) : undefined;
    const base = snapshot ?? (start && 'state' in start ? start.state : undefined);
    if (!base) {
      const why = start && 'problem' in start ? ` (it ${start.problem})` : '';
      const problem = `it has no snapshot beside it and its second line is not the state it started from${why}`;
      if (lines.some((l) => l.trim())) throw damagedJournal(this.journalPath, problem);
      return { state: snapshot, interrupted: [], warnings };
    }
    let replayed;
    try {
      replayed = replayJournal(base, snapshot ? lines : [lines[0], ...lines.slice(2)]);
    } catch (err) {
      throw err instanceof JournalDamage ? damagedJournal(this.journalPath, err.message) : err;
    }
    const { state, applied } = replayed;
    const { interrupted, recovered } = await settleInterruptedCreates(replayed, opts);
    if (opts.recover) {
      if (applied) {
        state.serial++;
        await this.write(state);
      }
      fs.rmSync(this.journalPath, { force: true });
    }
    return { state, interrupted, recovered, warnings };
  }

  async write(state: StateFile): Promise<void> {
    fs.mkdirSync(path.dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    const fd = openPrivate(tmp);
    try {
      fs.writeSync(fd, stringifyJson(state, 2) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.statePath);
  }

  async openJournal(state: StateFile): Promise<StateJournal> {
    fs.mkdirSync(path.dirname(this.journalPath), { recursive: true });
    const fd = openPrivate(this.journalPath);
    const journal = new LocalJournal(fd, this);
    // with no snapshot on disk yet, the journal carries the empty state it starts from
    if (!fs.existsSync(this.statePath)) journal.append({ t: 'begin', lineage: state.lineage, serial: state.serial }, stringifyJson(state));
    else journal.append({ t: 'begin', lineage: state.lineage, serial: state.serial });
    return journal;
  }

  async lock(operation: string, version: string): Promise<LockResult> {
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: `${os.userInfo().username}@${os.hostname()}`,
      Version: version,
      Created: new Date().toISOString(),
      Path: this.statePath,
      Pid: process.pid,
      Host: os.hostname(),
    };
    fs.mkdirSync(path.dirname(this.lockPath), { recursive: true });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(this.lockPath, JSON.stringify(info, null, 2), { flag: 'wx' });
        return { ok: true, info };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const found = this.readLock();
      if (!found) continue; // released in between
      if ('problem' in found) {
        // another run may be between creating its lock file and writing it: look once more
        if (attempt === 0) await new Promise((r) => setTimeout(r, 50));
        if (attempt === 0) continue;
        return { ok: false, problem: found.problem };
      }
      const holder = found.holder;
      if (holder.Host === os.hostname() && !processAlive(holder.Pid)) {
        fs.rmSync(this.lockPath, { force: true });
        continue;
      }
      return { ok: false, holder };
    }
    const last = this.readLock();
    if (last && 'holder' in last) return { ok: false, holder: last.holder };
    return { ok: false, problem: last?.problem ?? `${this.lockPath} keeps appearing and disappearing; run the command again.` };
  }

  /** The lock file's holder, what is wrong with the file, or undefined when there is none. */
  private readLock(): { holder: LockInfo } | { problem: string } | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.lockPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return { problem: `The lock file ${this.lockPath} cannot be read (${(err as Error).message}). Check its permissions.` };
    }
    const what = lockFileProblem(text);
    if (what === undefined) return { holder: JSON.parse(text) as LockInfo };
    return {
      problem:
        `The lock file ${this.lockPath} is not a state lock: ${what}. A run that holds the lock writes its ID, ` +
        `operation, process and host there as JSON. If no gridform or terraform run is using the state ${this.statePath}, ` +
        `remove the file (rm ${JSON.stringify(this.lockPath)}) and run the command again.`,
    };
  }

  async unlock(id: string): Promise<void> {
    if (this.holder()?.ID === id) fs.rmSync(this.lockPath, { force: true });
  }

  async forceUnlock(id: string): Promise<boolean> {
    const found = this.readLock();
    if (found && 'problem' in found) throw new Error(found.problem);
    if (found?.holder.ID !== id) return false;
    fs.rmSync(this.lockPath, { force: true });
    return true;
  }

  holder(): LockInfo | undefined {
    const found = this.readLock();
    return found && 'holder' in found ? found.holder : undefined;
  }
}

/** What makes `text` not a lock file's JSON lock info, or undefined when it is one. */
function lockFileProblem(text: string): string | undefined {
  if (!text.trim()) return 'it is empty';
  const parsed = parseJson(text);
  if ('problem' in parsed) return `it is not JSON (${parsed.problem})`;
  const info = parsed.value;
  if (!info || typeof info !== 'object' || Array.isArray(info)) return 'it holds JSON, but not an object';
  const i = info as Record<string, unknown>;
  if (typeof i.ID !== 'string' || !i.ID) return 'it has no lock ID';
  if (i.Pid !== undefined && typeof i.Pid !== 'number') return `its Pid ${JSON.stringify(i.Pid)} is not a process id`;
  return undefined;
}

class LocalJournal implements StateJournal {
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly fd: number,
    private readonly backend: LocalBackend,
  ) {
    this.timer = setInterval(() => this.sync(), FSYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * One synchronous write(2) per record, done before this returns (so before the CLI reports the
   * object complete). Once write returns, the bytes are in the kernel's page cache for this file:
   * killing the process, even with SIGKILL, cannot take them back; only a crash of the machine can,
   * which the fsync every 100 ms (and at the end) bounds. Should the kernel take only part of a
   * record (a full disk), the rest is written in a loop; a kill in between leaves a torn last line,
   * which the replay ignores.
   */
  append(entry: JournalEntry, ...extraLines: string[]): void {
    const bytes = Buffer.from([stringifyJson(entry), ...extraLines].join('\n') + '\n');
    for (let done = 0; done < bytes.length;) done += fs.writeSync(this.fd, bytes, done);
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

/** Opens a file for writing, readable by its owner only (also when it existed with a looser mode). */
function openPrivate(file: string): number {
  const fd = fs.openSync(file, 'w', SECRET_FILE_MODE);
  fs.fchmodSync(fd, SECRET_FILE_MODE);
  return fd;
}

function processAlive(pid: number | undefined): boolean {
  if (!pid) return true; // a holder that names no process is not assumed gone
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
