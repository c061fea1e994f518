import { decodeCall, encodeCall, keyPairFromSeed, signExtrinsic, verifyExtrinsic, tftToUnits, unitsToTft, canonicalJson } from '../index';

describe('signed chain calls', () => {
  const kp = keyPairFromSeed(Buffer.alloc(32, 3));

  it('round-trips a call through its encoding', () => {
    const call = { createNodeContract: { nodeId: 3, deploymentHash: 'ab'.repeat(16), deploymentData: '{}', publicIps: 1 } };
    expect(decodeCall(encodeCall(call))).toMatchObject({ call: 'createNodeContract', createNodeContract: { nodeId: 3, publicIps: 1 } });
  });

  it('verifies a signed extrinsic and rejects it once its call or nonce is altered', () => {
    const x = signExtrinsic(kp, { cancelContract: { contractId: 9 } }, 77);
    const base = { signer: x.signer!, nonce: Number(x.nonce), call: x.call as Buffer, signature: x.signature as Buffer };
    expect(verifyExtrinsic(base)).toBe(true);
    expect(verifyExtrinsic({ ...base, nonce: 78 })).toBe(false);
    expect(verifyExtrinsic({ ...base, call: encodeCall({ cancelContract: { contractId: 10 } }) })).toBe(false);
    expect(verifyExtrinsic({ ...base, signer: keyPairFromSeed(Buffer.alloc(32, 4)).publicKey })).toBe(false);
  });
});

describe('TFT units', () => {
  it('converts exactly between TFT and chain units', () => {
    expect(tftToUnits('0.305')).toBe(3_050_000n);
    expect(tftToUnits('10000')).toBe(100_000_000_000n);
    expect(tftToUnits(1.5)).toBe(15_000_000n);
    expect(unitsToTft(3_050_000n)).toBe('0.305');
    expect(unitsToTft('-15000000')).toBe('-1.5');
    expect(unitsToTft(0n)).toBe('0');
  });

  it('refuses text that is not an amount', () => {
    expect(() => tftToUnits('1,5')).toThrow(/not a TFT amount/);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
