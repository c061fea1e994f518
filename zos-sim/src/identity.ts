// The node's key: a random ed25519 seed kept with the node's data, so a restarted daemon is the
// same twin and the same node on chain. A node with a data folder keeps it in a file there; nodes
// hosted together keep it in their shared store.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyPairFromSeed, type KeyPair } from '../../proto';
import type { NodeStore } from './store/node-store';

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

export function storedIdentity(store: NodeStore): KeyPair {
  let seed = store.meta('identity_seed');
  if (!seed) store.setMeta('identity_seed', (seed = randomBytes(32).toString('hex')));
  return keyPairFromSeed(Buffer.from(seed, 'hex'));
}
