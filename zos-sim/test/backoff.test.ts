// The retry waits of a node that lost the chain, and the log lines an outage costs.
import { Backoff } from '../src/backoff';
import { OutageLog } from '../src/outage-log';

describe('Backoff', () => {
  it('waits a random time below a ceiling that doubles from 0.5 s up to 30 s, and starts over after reset', () => {
    const b = new Backoff();
    const ceilings = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000];
    for (const ceiling of ceilings) {
      const wait = b.next();
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(ceiling);
    }
    const top = new Backoff({ random: () => 1 });
    expect(Array.from({ length: 9 }, () => top.next())).toEqual(ceilings);
    top.reset();
    expect(top.next()).toBe(500);
  });

  it('spreads the waits of many nodes (full jitter): they do not retry together', () => {
    const waits = Array.from({ length: 1000 }, () => {
      const b = new Backoff();
      for (let i = 0; i < 6; i++) b.next();
      return b.next(); // ceiling 30 s
    });
    const seconds = new Set(waits.map((w) => Math.floor(w / 1000)));
    expect(seconds.size).toBeGreaterThan(25);
  });
});

describe('OutageLog', () => {
  it('a 5-minute outage retried every second costs one line, a summary every 30 s and one line when it is over', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new OutageLog(
      'chain events',
      (l) => lines.push(l),
      30_000,
      () => now,
    );
    const refused = Object.assign(new Error('No connection established. Last error: connect ECONNREFUSED 127.0.0.1:9944'), { code: 14 });
    for (; now < 300_000; now += 1000) log.failed(refused);
    log.recovered();
    expect(lines[0]).toBe('chain events: chain unreachable (connection refused); retrying with backoff');
    expect(lines[1]).toBe('chain events: chain unreachable for 30 s, 31 attempts (last: connection refused)');
    expect(lines).toHaveLength(1 + 9 + 1);
    expect(lines[10]).toBe('chain events: chain reachable again after 300 s, 300 failed attempts');
  });
});
