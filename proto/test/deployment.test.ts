import { deploymentHashHex, keyPairFromSeed, signDeployment, verifyDeploymentSignatures, node } from '../index';

function vmDeployment(memory = 1024): node.Deployment {
  return {
    version: 0,
    twinId: 5,
    contractId: 0,
    metadata: '{"type":"vm","name":"web"}',
    description: '',
    signatureRequirement: { requests: [{ twinId: 5, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
    workloads: [
      {
        version: 0,
        name: 'net',
        type: 'network',
        data: JSON.stringify({ ip_range: '10.1.0.0/16', subnet: '10.1.2.0/24' }),
        metadata: '',
        description: '',
      },
      {
        version: 0,
        name: 'vm',
        type: 'zmachine',
        data: JSON.stringify({ flist: 'f', compute_capacity: { cpu: 1, memory: memory * 2 ** 20 } }),
        metadata: '',
        description: '',
      },
    ],
  };
}

describe('deployment hash', () => {
  it('is 32 hex chars and stable for equal deployments', () => {
    expect(deploymentHashHex(vmDeployment())).toMatch(/^[0-9a-f]{32}$/);
    expect(deploymentHashHex(vmDeployment())).toBe(deploymentHashHex(vmDeployment()));
  });

  it('changes when any workload data changes', () => {
    expect(deploymentHashHex(vmDeployment(2048))).not.toBe(deploymentHashHex(vmDeployment(1024)));
  });

  it('ignores the contract id, results and key order of workload data', () => {
    const a = vmDeployment();
    const b = vmDeployment();
    b.contractId = 42;
    b.workloads![0].result = { state: 'ok', created: 1, message: '', data: '{}' };
    b.workloads![0].data = JSON.stringify({ subnet: '10.1.2.0/24', ip_range: '10.1.0.0/16' });
    expect(deploymentHashHex(b)).toBe(deploymentHashHex(a));
  });

  it('does not change when the deployment is signed', () => {
    const d = vmDeployment();
    const before = deploymentHashHex(d);
    signDeployment(d, 5, keyPairFromSeed(Buffer.alloc(32, 1)));
    expect(deploymentHashHex(d)).toBe(before);
  });
});

describe('deployment signatures', () => {
  const owner = keyPairFromSeed(Buffer.alloc(32, 1));
  const other = keyPairFromSeed(Buffer.alloc(32, 2));
  const keys = (twin: number) => (twin === 5 ? owner.publicKey : twin === 6 ? other.publicKey : undefined);

  it('accepts a deployment signed by its twin', () => {
    expect(verifyDeploymentSignatures(signDeployment(vmDeployment(), 5, owner), keys)).toEqual({ ok: true });
  });

  it('rejects a signature made with another key, naming the twin', () => {
    const r = verifyDeploymentSignatures(signDeployment(vmDeployment(), 5, other), keys);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('twin 5') });
  });

  it('rejects a deployment changed after it was signed', () => {
    const d = signDeployment(vmDeployment(), 5, owner);
    d.workloads![1].data = JSON.stringify({ flist: 'f', compute_capacity: { cpu: 8, memory: 2 ** 30 } });
    expect(verifyDeploymentSignatures(d, keys).ok).toBe(false);
  });

  it('rejects an unsigned deployment as below the required weight', () => {
    expect(verifyDeploymentSignatures(vmDeployment(), keys)).toEqual({ ok: false, reason: expect.stringContaining('below the required') });
  });

  it('rejects a missing required signature', () => {
    const d = vmDeployment();
    d.signatureRequirement!.requests!.push({ twinId: 6, required: true, weight: 1 });
    expect(verifyDeploymentSignatures(signDeployment(d, 5, owner), keys)).toEqual({
      ok: false,
      reason: expect.stringContaining('twin 6 is missing'),
    });
  });
});
