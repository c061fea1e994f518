// Hash and identifier functions: md5 sha1 sha256 sha512 base64sha256 base64sha512 uuid, and
// bcrypt (refused: its output is salted at random, so every plan would show a change).
import { createHash, randomUUID } from 'node:crypto';
import type { Value } from '../../values';
import { toStr, ValueError } from '../convert';
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
  bcrypt: fn(1, 2, () => {
    throw new ValueError('bcrypt is not supported by gridform');
  }),
};
