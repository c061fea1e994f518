// The deployment challenge, its hash and signatures, as Zero-OS defines them: the challenge is a
// canonical text of the deployment's fields (not contract_id, not results, not signatures), of each
// workload's fields and type-specific data, and of the signature requirement; the hash is the md5
// of that text, whose 32 hex chars the node contract on chain must carry; each required twin signs
// the hash bytes with its key.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { KeyPair, sign, verify } from './keys';
import type { Deployment } from '../generated/gridform/node/Deployment';
import type { Workload } from '../generated/gridform/node/Workload';
import type { SignatureRequirement } from '../generated/gridform/node/SignatureRequirement';

export type DeploymentInput = Omit<Deployment, 'workloads' | 'signatureRequirement'> & {
  workloads?: WorkloadInput[] | null;
  signatureRequirement?: SignatureRequirement | null;
};
type WorkloadInput = Workload;

export function workloadChallenge(w: WorkloadInput): string {
  // Data is hashed by value, so key order or whitespace in the JSON text does not change the hash.
  let data: unknown = null;
  if (w.data) {
    try {
      data = JSON.parse(w.data);
    } catch {
      throw new Error(`workload ${w.name ?? '?'}: data is not valid JSON`);
    }
  }
  return `${w.version ?? 0}${w.type ?? ''}${w.name ?? ''}${canonicalJson(data)}${w.metadata ?? ''}${w.description ?? ''}`;
}

export function deploymentChallenge(d: DeploymentInput): string {
  let out = `${d.version ?? 0}${d.twinId ?? 0}${d.metadata ?? ''}${d.description ?? ''}`;
  for (const w of d.workloads ?? []) out += workloadChallenge(w);
  const req = d.signatureRequirement;
  for (const r of req?.requests ?? []) out += `${r.twinId ?? 0}${r.required ? 'true' : 'false'}${r.weight ?? 0}`;
  out += `${req?.weightRequired ?? 0}${req?.signatureStyle ?? ''}`;
  return out;
}

/** The md5 digest of the challenge; `deploymentHashHex` is what the contract stores. */
export function deploymentHash(d: DeploymentInput): Buffer {
  return createHash('md5').update(deploymentChallenge(d), 'utf8').digest();
}

export function deploymentHashHex(d: DeploymentInput): string {
  return deploymentHash(d).toString('hex');
}

/** Adds (or replaces) the signature of `twinId` on the deployment and returns the deployment. */
export function signDeployment<T extends DeploymentInput>(d: T, twinId: number, keyPair: KeyPair): T {
  const signature = sign(keyPair, deploymentHash(d)).toString('hex');
  const req: SignatureRequirement = d.signatureRequirement ?? { requests: [], weightRequired: 1, signatures: [] };
  const signatures = (req.signatures ?? []).filter((s) => Number(s.twinId) !== twinId);
  signatures.push({ twinId, signature, signatureType: 'ed25519' });
  d.signatureRequirement = { ...req, signatures };
  return d;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Verifies one ed25519 signature; a node may do it off its main thread, hence the promise. */
export type SignatureVerifier = (publicKeyHex: string, message: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>;

interface SignatureToVerify {
  twin: number;
  publicKey: string;
  signature: Buffer;
}

/**
 * Checks the signatures against the twins' public keys (looked up by the caller, e.g. on chain):
 * every required request must be signed, and the signed weight must reach weight_required.
 * `hash` may be passed when the caller computed it already (it is the deployment's md5 challenge).
 */
export function verifyDeploymentSignatures(
  d: DeploymentInput,
  publicKeyOf: (twinId: number) => string | undefined,
  hash: Uint8Array = deploymentHash(d),
): SignatureCheck {
  const pending = signaturesToVerify(d, publicKeyOf);
  if (!Array.isArray(pending)) return pending;
  return weighSignatures(
    d,
    pending,
    pending.map((s) => verify(s.publicKey, hash, s.signature)),
  );
}

/** verifyDeploymentSignatures with the signatures verified by `verifier`, all at once. */
export async function verifyDeploymentSignaturesWith(
  verifier: SignatureVerifier,
  d: DeploymentInput,
  publicKeyOf: (twinId: number) => string | undefined,
  hash: Uint8Array = deploymentHash(d),
): Promise<SignatureCheck> {
  const pending = signaturesToVerify(d, publicKeyOf);
  if (!Array.isArray(pending)) return pending;
  return weighSignatures(d, pending, await Promise.all(pending.map((s) => verifier(s.publicKey, hash, s.signature))));
}

function signaturesToVerify(d: DeploymentInput, publicKeyOf: (twinId: number) => string | undefined): SignatureToVerify[] | SignatureCheck {
  const req = d.signatureRequirement;
  if (!req || !(req.requests ?? []).length) return { ok: false, reason: 'the deployment has no signature requirement' };
  const pending: SignatureToVerify[] = [];
  for (const s of req.signatures ?? []) {
    const twin = Number(s.twinId);
    const publicKey = publicKeyOf(twin);
    if (!publicKey) return { ok: false, reason: `signature by twin ${twin}, which is not on chain` };
    if (s.signatureType && s.signatureType !== 'ed25519')
      return { ok: false, reason: `signature type ${s.signatureType} is not supported (ed25519 only)` };
    pending.push({ twin, publicKey, signature: Buffer.from(s.signature ?? '', 'hex') });
  }
  return pending;
}

function weighSignatures(d: DeploymentInput, signed: SignatureToVerify[], verified: boolean[]): SignatureCheck {
  const bad = signed.find((_, i) => !verified[i]);
  if (bad) return { ok: false, reason: `the signature of twin ${bad.twin} does not verify against its key on chain` };
  const valid = new Set(signed.map((s) => s.twin));
  const req = d.signatureRequirement!;
  let weight = 0;
  for (const r of req.requests ?? []) {
    const twin = Number(r.twinId);
    if (valid.has(twin)) weight += r.weight ?? 0;
    else if (r.required) return { ok: false, reason: `the required signature of twin ${twin} is missing` };
  }
  if (weight < (req.weightRequired ?? 0))
    return { ok: false, reason: `signed weight ${weight} is below the required ${req.weightRequired}` };
  return { ok: true };
}
