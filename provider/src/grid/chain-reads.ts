// Chain reads of many objects in one call. A refresh reads 50 resources at once, each asking for
// its contracts and nodes: asked one by one that is hundreds of calls, each a gRPC round trip
// the chain and this process pay for. Here the ids asked for in one turn of the event loop go
// to the chain as one ListContracts / ListNodes call; what it does not return is asked alone,
// so a missing contract fails exactly as GetContract fails. Nodes are looked up once per run
// (the provider already looks at each node's health once per run), and so is the pricing policy
// the balance check uses; contracts are read fresh.
import type { ChainClient, chain } from '../../../proto';

/** ids per list call (the chain takes up to 1000) */
const CHUNK = 500;

type Waiter<T> = { resolve: (v: T) => void; reject: (err: unknown) => void };

/** Collects the ids asked for in one turn, then fetches them with `many`; `one` for a lone id or one `many` left out. */
class Coalescer<T extends { id: number }> {
  private queued = new Map<number, Waiter<T>[]>();

  constructor(
    private readonly many: (ids: number[]) => Promise<T[]>,
    private readonly one: (id: number) => Promise<T>,
  ) {}

  get(id: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.queued.size) setImmediate(() => void this.flush());
      const waiting = this.queued.get(id) ?? [];
      waiting.push({ resolve, reject });
      this.queued.set(id, waiting);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    this.queued = new Map();
    const ids = [...batch.keys()];
    const settle = (id: number, p: Promise<T>) =>
      p.then(
        (v) => batch.get(id)!.forEach((w) => w.resolve(v)),
        (err: unknown) => batch.get(id)!.forEach((w) => w.reject(err)),
      );
    if (ids.length === 1) return settle(ids[0], this.one(ids[0]));
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      let found: Map<number, T>;
      try {
        found = new Map((await this.many(chunk)).map((x) => [Number(x.id), x]));
      } catch (err) {
        chunk.forEach((id) => void settle(id, Promise.reject(err)));
        continue;
      }
      await Promise.all(chunk.map((id) => settle(id, found.has(id) ? Promise.resolve(found.get(id)!) : this.one(id))));
    }
  }
}

export class ChainReads {
  private readonly contracts: Coalescer<chain.Contract__Output>;
  private readonly nodes: Coalescer<chain.Node__Output>;
  private readonly nodesSeen = new Map<number, Promise<chain.Node__Output>>();
  private policy?: Promise<chain.PricingPolicy__Output>;

  constructor(private readonly chain: ChainClient) {
    this.contracts = new Coalescer(
      (ids) => chain.contracts({ ids }),
      (id) => chain.contract(id),
    );
    this.nodes = new Coalescer(
      (ids) => chain.nodes(0, ids),
      (id) => chain.node(id),
    );
  }

  /** The contract as the chain has it now (GetContract's answer and errors). */
  contract(id: number): Promise<chain.Contract__Output> {
    return this.contracts.get(Number(id));
  }

  /** The chain's pricing policy (1), read once per run for the balance check before each create. */
  pricingPolicy(): Promise<chain.PricingPolicy__Output> {
    if (!this.policy) {
      this.policy = this.chain.pricingPolicy(1);
      this.policy.catch(() => (this.policy = undefined));
    }
    return this.policy;
  }

  /** The node as the chain had it when this run first asked (a failed lookup is asked again next time). */
  node(id: number): Promise<chain.Node__Output> {
    let seen = this.nodesSeen.get(id);
    if (!seen) {
      seen = this.nodes.get(Number(id));
      this.nodesSeen.set(id, seen);
      seen.catch(() => this.nodesSeen.delete(id));
    }
    return seen;
  }
}
