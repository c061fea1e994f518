// The local backend: the state in one JSON file, written to a temporary file, flushed and renamed
// over the old one, so a crash leaves either the old or the new state, never half of one. A lock
// file beside it names its holder; a lock whose holder process is gone on this host is taken over.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { StateFile } from './state';

export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
  Pid: number;
  Host: string;
}

export class LocalBackend {
  constructor(readonly statePath: string) {}

  read(): StateFile | undefined {
    if (!fs.existsSync(this.statePath)) return undefined;
    const text = fs.readFileSync(this.statePath, 'utf8');
    if (!text.trim()) return undefined;
    const state = JSON.parse(text) as StateFile;
    if (state.version !== 4) throw new Error(`${this.statePath} has state version ${state.version}; gridform reads version 4`);
    return state;
  }

  write(state: StateFile): void {
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

  get lockPath(): string {
    return path.join(path.dirname(this.statePath), `.${path.basename(this.statePath)}.lock.info`);
  }

  /** Takes the lock, or returns who holds it. */
  lock(operation: string, version: string): { ok: true; info: LockInfo } | { ok: false; holder: LockInfo } {
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

  unlock(id: string): void {
    const holder = this.holder();
    if (holder?.ID === id) fs.rmSync(this.lockPath, { force: true });
  }

  holder(): LockInfo | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.lockPath, 'utf8')) as LockInfo;
    } catch {
      return undefined;
    }
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
