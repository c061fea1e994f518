// How the provider proposes wireguard ports: at random in 2000-7999, never one the node lists as
// taken, and it reads a node's "port in use" refusal back to the port.
import { randomFreePort, refusedWgPort, WG_PORT_MAX, WG_PORT_MIN } from '../src/grid/wg-ports';

describe('wireguard port proposals', () => {
  it('spread over the whole range, never a taken port', () => {
    const taken = new Set([WG_PORT_MIN, 3000, 3001, WG_PORT_MAX]);
    const picks = Array.from({ length: 2000 }, () => randomFreePort(taken)!);
    expect(picks.every((p) => p >= WG_PORT_MIN && p <= WG_PORT_MAX && !taken.has(p))).toBe(true);
    expect(new Set(picks).size).toBeGreaterThan(1500); // eight processes at once rarely propose the same
    expect(randomFreePort(taken, () => 0)).toBe(WG_PORT_MIN + 1);
    expect(randomFreePort(taken, () => 0.9999999)).toBe(WG_PORT_MAX - 1);
  });

  it('none when every port of the range is taken', () => {
    const all = new Set(Array.from({ length: WG_PORT_MAX - WG_PORT_MIN + 1 }, (_, i) => WG_PORT_MIN + i));
    expect(randomFreePort(all)).toBeUndefined();
    all.delete(4321);
    expect(randomFreePort(all)).toBe(4321);
  });

  it("reads the port from the node's refusal, and nothing from other failures", () => {
    const refusal = 'workload net (network) failed on node 2: wireguard port 4567 is already in use on node 2; pick a free one';
    expect(refusedWgPort(new Error(refusal))).toBe(4567);
    expect(refusedWgPort(new Error('node 2 has not enough memory'))).toBeUndefined();
  });
});
