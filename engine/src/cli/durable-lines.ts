// "Creation complete" and its kin are printed only once the object's journal entry is durable, so
// that whatever a user (or a script reading the output) saw reported complete survives a kill of
// the process. The walk does not wait for durability: a backend that batches (pg) keeps many
// results in one round trip, and the dependents' intents queue behind them in order.
export class DurableLines {
  private readonly recorded = new Map<string, Promise<boolean>>();
  private readonly pending = new Set<Promise<void>>();

  /** Notes that the entry of the object `key` is durable once `done` resolves (at once when not a promise). */
  recording(key: string, done: void | Promise<void>): void {
    if (!done) return void this.recorded.delete(key);
    // a failed entry is reported by the journal's commit; its line is never printed
    this.recorded.set(
      key,
      done.then(
        () => true,
        () => false,
      ),
    );
  }

  /** Runs `print` once the latest entry recorded for `key` is durable; never if it failed. */
  afterRecorded(key: string, print: () => void): void {
    const durable = this.recorded.get(key);
    this.recorded.delete(key);
    if (!durable) return print();
    const p = durable.then((ok) => (ok ? print() : undefined)).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves once every line waiting for its entry has been printed (or dropped). */
  async printed(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
