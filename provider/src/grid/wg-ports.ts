// Wireguard listen ports. The node that runs a network owns its port: the node provisions one
// network per port and fails any other that asks for it ("wireguard port P is already in use").
// A client can only propose a port. It proposes one as the real grid clients do: at random in
// 2000-7999 among the ports the node lists as taken, so applies running at the same time, in
// any number of processes, rarely propose the same one; when they do, the node decides and the
// loser proposes another (see grid_network).

export const WG_PORT_MIN = 2000;
export const WG_PORT_MAX = 7999;
/** proposals per node before giving up: each refusal means another network took the port meanwhile */
export const WG_PORT_TRIES = 5;

/** A random port of the range not in `taken`, or undefined when every one is. */
export function randomFreePort(taken: ReadonlySet<number>, random: () => number = Math.random): number | undefined {
  const free = WG_PORT_MAX - WG_PORT_MIN + 1 - [...taken].filter((p) => p >= WG_PORT_MIN && p <= WG_PORT_MAX).length;
  if (free <= 0) return undefined;
  let skip = Math.floor(random() * free);
  for (let port = WG_PORT_MIN; port <= WG_PORT_MAX; port++) {
    if (taken.has(port)) continue;
    if (skip-- === 0) return port;
  }
  return undefined;
}

const PORT_IN_USE = /wireguard port (\d+) is already in use/;

/** The port a node refused because another network holds it, from the failure's message. */
export function refusedWgPort(err: unknown): number | undefined {
  const m = PORT_IN_USE.exec(err instanceof Error ? err.message : String(err));
  return m ? Number(m[1]) : undefined;
}
