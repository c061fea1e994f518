// What every call handler gets: the ledger reads, the database, the block being built, and who
// signed. `twin()` is the signer's twin, which most calls require.
import type { Db } from '../../store/open';
import type { BlockBuilder } from '../block';
import type { Queries } from '../queries';
import type { TwinRow } from '../rows';
import { refuse } from '../errors';

export class CallContext {
  constructor(
    readonly db: Db,
    readonly q: Queries,
    readonly block: BlockBuilder,
    readonly signer: string,
  ) {}

  twin(): TwinRow {
    const t = this.q.twinByAccount(this.signer);
    if (!t) throw refuse.precondition(`account ${this.signer} has no twin: create one first (CreateTwin)`);
    return t;
  }
}
