// The node's key: a random ed25519 seed kept in its data folder, so a restarted daemon is the same
// twin and the same node on chain.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyPairFromSeed, type KeyPair } from '../../proto';

export function loadOrCreateIdentity(dataDir: string): KeyPair {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'identity.seed');
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return keyPairFromSeed(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex'));
}
