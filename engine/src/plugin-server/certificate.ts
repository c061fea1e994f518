// The server certificate of go-plugin's AutoMTLS: a fresh P-256 key and a self-signed X.509
// certificate for DNS name localhost, usable for server and client auth (as go-plugin makes its
// own). Written as DER by hand: the fixed template below is about 60 lines, where the X.509
// libraries on npm either sign with RSA only (node-forge: an RSA key costs 50-200 ms to make, in
// every one of the 3-4 provider processes a terraform command starts) or pull in a dependency
// injection container and a reflect polyfill (@peculiar/x509), which costs start-up time too.
import * as crypto from 'node:crypto';

export interface ServerCertificate {
  /** PEM, for grpc-js */
  readonly certPem: string;
  readonly keyPem: string;
  /** the certificate's DER in base64 without padding, as the handshake line carries it */
  readonly handshakeCert: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/** `randomSerial` is there for tests: any 16 bytes must give a well-formed certificate. */
export function makeServerCertificate(now = new Date(), randomSerial = () => crypto.randomBytes(16)): ServerCertificate {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = seq(set(seq(oid(OID.organization), utf8('gridform'))), set(seq(oid(OID.commonName), utf8('localhost'))));
  const serial = randomSerial();
  // DER wants a positive INTEGER in its shortest form: the first byte may be neither 0 nor >= 0x80
  // (Go's and OpenSSL's parsers refuse a padded serial, about 1 certificate in 300 before)
  serial[0] = 0x40 | (serial[0] & 0x3f);
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600_000);
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const extensions = seq(
    // digitalSignature, keyEncipherment, keyAgreement, keyCertSign
    seq(oid(OID.keyUsage), bool(true), octets(bitString(Buffer.from([0xac]), 2))),
    seq(oid(OID.extKeyUsage), octets(seq(oid(OID.serverAuth), oid(OID.clientAuth)))),
    seq(oid(OID.basicConstraints), bool(true), octets(seq(bool(true)))),
    seq(oid(OID.subjectAltName), octets(seq(tlv(0x82, Buffer.from('localhost'))))),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, extensions),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, bitString(signature, 0));
  const base64 = der.toString('base64');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    handshakeCert: base64.replace(/=+$/, ''),
  };
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes);
}

function bool(v: boolean): Buffer {
  return tlv(0x01, Buffer.from([v ? 0xff : 0]));
}

function octets(body: Buffer): Buffer {
  return tlv(0x04, body);
}

function bitString(body: Buffer, unusedBits: number): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), body]));
}

function utf8(text: string): Buffer {
  return tlv(0x0c, Buffer.from(text, 'utf8'));
}

function utcTime(d: Date): Buffer {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = [d.getUTCFullYear() % 100, d.getUTCMonth() + 1, d.getUTCDate()];
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  const text = `${[...date, ...time].map(two).join('')}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk = [p & 0x7f];
    for (let x = p >> 7; x > 0; x >>= 7) chunk.unshift(0x80 | (x & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
