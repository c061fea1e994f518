// What a state backend offers the engine: read and write the state, record changes as they happen
// (a journal, so a crash loses at most what was in flight), and a lock naming its holder.
import type { ResourceMeta, StateFile, StateInstance } from './state';

export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
  Pid: number;
  Host: string;
  Info?: string;
}

/** `problem`: the lock exists but says nothing usable (a damaged lock file): what is wrong and what to do */
export type LockResult = { ok: true; info: LockInfo } | { ok: false; holder: LockInfo } | { ok: false; problem: string };

export interface ReadResult {
  readonly state?: StateFile;
  /** what a journal left by an interrupted run says was in flight (each a sentence) */
  readonly interrupted: string[];
  /** what the user should know about where the state is kept (each a sentence) */
  readonly warnings?: string[];
  /** what recoverCreates found of the interrupted creates and put in the state (each a sentence) */
  readonly recovered?: string[];
}

/** What the intent of a create records, so what it made can be found if the run is killed. */
export interface CreateIntent {
  /** random, passed to the provider with the create */
  readonly idempotencyKey: string;
  readonly providerKey: string;
  readonly meta: ResourceMeta;
  readonly dependencies: string[];
}

/** A create with a key whose result the journal does not have. */
export interface InterruptedCreate extends CreateIntent {
  readonly address: string;
}

/**
 * Asks providers about the interrupted creates and records what they found in `state` (which the
 * backend then writes); throws when a provider cannot tell, so the journal is kept for next time.
 */
export type CreateRecoverer = (
  state: StateFile,
  creates: InterruptedCreate[],
) => Promise<{ recovered: string[]; unresolved: InterruptedCreate[] }>;

export interface ReadOptions {
  /** a journal left by a crash is folded into a new snapshot */
  readonly recover?: boolean;
  /** with recover: called before the snapshot is written when creates with a key were interrupted */
  readonly recoverCreates?: CreateRecoverer;
}

export interface StateBackend {
  /** where the state lives, for messages: a file path, or a database and workspace */
  readonly location: string;
  /** reads the state; with `recover`, a journal left by a crash is folded into a new snapshot */
  read(opts?: ReadOptions): Promise<ReadResult>;
  /** writes a whole snapshot atomically */
  write(state: StateFile): Promise<void>;
  /** starts recording changes made on top of `state` (as last read or written) */
  openJournal(state: StateFile): Promise<StateJournal>;
  lock(operation: string, version: string): Promise<LockResult>;
  unlock(id: string): Promise<void>;
  /** removes a lock whatever holds it (force-unlock) */
  forceUnlock(id: string): Promise<boolean>;
  /** the workspaces that have a state, "default" always among them */
  listWorkspaces(): Promise<string[]>;
  /** removes a workspace's state (not "default") */
  deleteWorkspace(name: string): Promise<void>;
  close?(): Promise<void>;
}

/** Changes recorded one by one during an apply; `commit` folds them into a snapshot. */
export interface StateJournal {
  /** before a side effect: what is about to happen to which object (durable once resolved) */
  intent(address: string, action: string, create?: CreateIntent): void | Promise<void>;
  /**
   * after a side effect: the object as it now is. Durable (a kill of this process cannot lose it)
   * once this returns, or once the promise it returns resolves.
   */
  setObject(meta: ResourceMeta, address: string, instance: StateInstance): void | Promise<void>;
  /** the object is gone; durable as for setObject */
  removeObject(address: string, deposed?: string): void | Promise<void>;
  /** writes `state` as the new snapshot and ends the journal */
  commit(state: StateFile): Promise<void>;
}

/** One journal record, as JSON on one line. */
export type JournalEntry =
  | { t: 'begin'; lineage: string; serial: number }
  | { t: 'intent'; address: string; action: string; create?: CreateIntent }
  | { t: 'set'; meta: ResourceMeta; address: string; instance: StateInstance }
  | { t: 'remove'; address: string; deposed?: string };
