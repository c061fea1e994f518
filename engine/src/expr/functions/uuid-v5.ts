// uuidv5(namespace, name): the name-based SHA-1 UUID of RFC 4122. The namespace is "dns", "url",
// "oid", "x500" or a UUID written as terraform accepts it (plain, {braced}, urn:uuid:, or 32 hex digits).
import { createHash } from 'node:crypto';
import { toStr, ValueError } from '../convert';
import { fixed, type FnDef } from './types';

const NAMED: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** The 16 bytes of a UUID in one of the forms Go's uuid.Parse accepts. */
function uuidBytes(text: string): Buffer {
  let hex: string;
  if (text.length === 36) hex = text;
  else if (text.length === 38 && text.startsWith('{') && text.endsWith('}')) hex = text.slice(1, -1);
  else if (text.length === 45 && text.toLowerCase().startsWith('urn:uuid:')) hex = text.slice(9);
  else if (text.length === 32) hex = text.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  else throw new ValueError(`uuidv5() doesn't support namespace ${text} (invalid UUID length: ${text.length})`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(hex))
    throw new ValueError(`uuidv5() doesn't support namespace ${text} (invalid UUID format)`);
  return Buffer.from(hex.replace(/-/g, ''), 'hex');
}

export function uuidV5(namespace: string, name: string): string {
  const digest = createHash('sha1')
    .update(uuidBytes(NAMED[namespace] ?? namespace))
    .update(name, 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const uuidV5Functions: Record<string, FnDef> = {
  uuidv5: fixed(2, ([ns, name]) => uuidV5(toStr(ns, 'the namespace'), toStr(name, 'the name'))),
};
