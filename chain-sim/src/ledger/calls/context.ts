// What every call handler gets: the ledger reads, the database, the block being built, and who
// signed. `twin()` is the signer's twin, which most calls require.
import type Database from 'better-sqlite3';
import type { Db } from '../../store/open';
import type { BlockBuilder } from '../block';
import type { Queries } from '../queries';
import type { TwinRow } from '../rows';
import { refuse } from '../errors';

type Statement = Database.Statement<unknown[], unknown>;
const statementCache = new WeakMap<Db, Map<string, Statement>>();

export class CallContext {
  constructor(
    readonly db: Db,
    readonly q: Queries,
    readonly block: BlockBuilder,
    readonly signer: string,
    /** prices and periods, for the final bill of a cancelled contract */
    readonly billing: { tftPriceUsd: string; gracePeriodSeconds: number } = { tftPriceUsd: '0.05', gracePeriodSeconds: 14 * 24 * 3600 },
  ) {}

  /** A prepared statement for `sql`, prepared once per database (preparing is the costly part). */
  sql(text: string): Statement {
    let cache = statementCache.get(this.db);
    if (!cache) statementCache.set(this.db, (cache = new Map()));
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, (stmt = this.db.prepare(text)));
    return stmt;
  }

  twin(): TwinRow {
    const t = this.q.twinByAccount(this.signer);
    if (!t) throw refuse.precondition(`account ${this.signer} has no twin: create one first (CreateTwin)`);
    return t;
  }
}
