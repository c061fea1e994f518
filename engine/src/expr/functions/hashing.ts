// Hash and identifier functions: md5 sha1 sha256 sha512 base64sha256 base64sha512 uuid bcrypt.
// bcrypt and uuid are random: like terraform, every plan computes a new value (bcryptjs does the
// hashing; the "$2a$" prefix and the cost rules are Go's x/crypto/bcrypt's).
import { createHash, randomUUID } from 'node:crypto';
import type { Value } from '../../values';
import { toInt, toStr, ValueError } from '../convert';
import { fixed, fn, type FnDef } from './types';

const hash = (algorithm: string, encoding: 'hex' | 'base64') =>
  fixed(1, ([s]) => createHash(algorithm).update(toStr(s, 'the string'), 'utf8').digest(encoding));

export const hashFunctions: Record<string, FnDef> = {
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
  uuid: fixed(0, (): Value => randomUUID()),
  bcrypt: fn(1, Infinity, ([s, ...costs]) => bcrypt(toStr(s, 'str'), costs)),
};

const BCRYPT_DEFAULT_COST = 10;

function bcrypt(password: string, costs: Value[]): string {
  let cost = costs.length ? toInt(costs[0], 'cost') : BCRYPT_DEFAULT_COST;
  if (costs.length > 1) throw new ValueError('bcrypt() takes no more than two arguments');
  if (cost < 4) cost = BCRYPT_DEFAULT_COST;
  if (cost > 31) throw new ValueError(`error occured generating password crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
  if (Buffer.byteLength(password, 'utf8') > 72)
    throw new ValueError('error occured generating password bcrypt: password length exceeds 72 bytes');
  // loaded here, not at the top: every command imports the functions, few call bcrypt
  const { genSaltSync, hashSync } = require('bcryptjs') as typeof import('bcryptjs');
  return hashSync(password, genSaltSync(cost).replace(/^\$2b\$/, '$2a$'));
}
