// go-plugin's AutoMTLS certificate: terraform parses it with Go's strict DER parser, so every
// certificate the plugin makes must be well-formed, not just most of them.
import * as crypto from 'node:crypto';
import { makeServerCertificate } from '../../src/plugin-server/certificate';

describe('the plugin server certificate', () => {
  it.each([0x00, 0x01, 0x3f, 0x7f, 0x80, 0xff])('a serial drawn with first byte %d still parses as strict DER', (first) => {
    const drawn = Buffer.alloc(16, 0);
    drawn[0] = first;
    const { certPem } = makeServerCertificate(new Date(), () => Buffer.from(drawn));
    const cert = new crypto.X509Certificate(certPem);
    expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]/);
  });

  it('50 fresh certificates all parse as strict DER', () => {
    for (let i = 0; i < 50; i++) expect(() => new crypto.X509Certificate(makeServerCertificate().certPem)).not.toThrow();
  });

  it('is for localhost, self-signed with the key it carries, and valid now', () => {
    const now = new Date();
    const { certPem, keyPem, handshakeCert } = makeServerCertificate(now);
    const cert = new crypto.X509Certificate(certPem);
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.checkPrivateKey(crypto.createPrivateKey(keyPem))).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(now.getTime());
    expect(Buffer.from(handshakeCert, 'base64').equals(cert.raw)).toBe(true);
  });
});
