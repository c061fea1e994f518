import { generateMnemonic, isValidMnemonic, keyPairFromMnemonic, keyPairFromSeed, sign, verify } from '../index';

describe('keys', () => {
  it('derives the same account from the same mnemonic, whatever its spacing or case', () => {
    const m = generateMnemonic();
    const a = keyPairFromMnemonic(m);
    const b = keyPairFromMnemonic(`  ${m.toUpperCase().split(' ').join('   ')} `);
    expect(a.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(b.publicKey).toBe(a.publicKey);
  });

  it('derives different accounts from different mnemonics and passwords', () => {
    const m = generateMnemonic();
    expect(keyPairFromMnemonic(m).publicKey).not.toBe(keyPairFromMnemonic(generateMnemonic()).publicKey);
    expect(keyPairFromMnemonic(m, 'pw').publicKey).not.toBe(keyPairFromMnemonic(m).publicKey);
  });

  it('follows the substrate mini-secret derivation (known vector: the dev phrase)', () => {
    // substrate's dev phrase: `subkey inspect --scheme ed25519` prints this public key for it
    const dev = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
    expect(keyPairFromMnemonic(dev).publicKey).toBe('345071da55e5dccefaaa440339415ef9f2663338a38f7da0df21be5ab4e055ef');
  });

  it('refuses a mnemonic with a bad checksum or unknown words', () => {
    const words = generateMnemonic().split(' ');
    words[11] = words[11] === 'abandon' ? 'ability' : 'abandon';
    const bad = words.join(' ');
    if (!isValidMnemonic(bad)) expect(() => keyPairFromMnemonic(bad)).toThrow(/invalid mnemonic/);
    expect(() => keyPairFromMnemonic('not a real mnemonic at all')).toThrow(/invalid mnemonic/);
  });

  it('verifies its own signatures and rejects tampered messages, keys and signatures', () => {
    const kp = keyPairFromSeed(Buffer.alloc(32, 7));
    const msg = Buffer.from('hello grid');
    const sig = sign(kp, msg);
    expect(verify(kp.publicKey, msg, sig)).toBe(true);
    expect(verify(kp.publicKey, Buffer.from('hello grid!'), sig)).toBe(false);
    expect(verify(keyPairFromSeed(Buffer.alloc(32, 8)).publicKey, msg, sig)).toBe(false);
    const forged = Buffer.from(sig);
    forged[0] ^= 1;
    expect(verify(kp.publicKey, msg, forged)).toBe(false);
    expect(verify('zz', msg, sig)).toBe(false);
  });
});
