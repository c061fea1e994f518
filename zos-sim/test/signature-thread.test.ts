// A node process verifies deployment signatures on a thread of its own, batched: the answers
// must be exactly those of verifying inline, for bursts of good and forged signatures alike, and
// still so when the thread cannot run. The thread runs the built worker (npm test builds first).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyPairFromSeed, sign, verify } from '../../proto';
import { ThreadVerifier } from '../src/signature-verifier';

const WORKER = path.resolve(__dirname, '../../dist/zos-sim/src/verify-worker.js');

function burst(n: number) {
  const owner = keyPairFromSeed(Buffer.alloc(32, 3));
  const other = keyPairFromSeed(Buffer.alloc(32, 4));
  return Array.from({ length: n }, (_, i) => {
    const message = Buffer.from(`deployment ${i}`);
    const forged = i % 3 === 0;
    return { publicKey: owner.publicKey, message, signature: sign(forged ? other : owner, message), forged };
  });
}

describe('signature verification on a thread', () => {
  const built = fs.existsSync(WORKER);
  if (!built) it.skip(`needs the built worker ${WORKER} (run npm run build)`, () => undefined);
  else {
    it('accepts every good signature and refuses every forged one in a burst of 300', async () => {
      const verifier = new ThreadVerifier(WORKER);
      const items = burst(300);
      const answers = await Promise.all(items.map((s) => verifier.verify(s.publicKey, s.message, s.signature)));
      expect(answers).toEqual(items.map((s) => !s.forged));
      expect(answers).toEqual(items.map((s) => verify(s.publicKey, s.message, s.signature)));
    });

    it('refuses a malformed key or signature instead of failing the batch', async () => {
      const verifier = new ThreadVerifier(WORKER);
      const [good] = burst(2).slice(1);
      const answers = await Promise.all([
        verifier.verify('not hex', good.message, good.signature),
        verifier.verify(good.publicKey, good.message, good.signature.subarray(0, 10)),
        verifier.verify(good.publicKey, good.message, good.signature),
      ]);
      expect(answers).toEqual([false, false, true]);
    });
  }

  it('verifies inline, with the same answers, when the thread cannot start', async () => {
    const verifier = new ThreadVerifier(path.join(__dirname, 'no-such-worker.js'));
    const items = burst(30);
    const answers = await Promise.all(items.map((s) => verifier.verify(s.publicKey, s.message, s.signature)));
    expect(answers).toEqual(items.map((s) => !s.forged));
  });
});
