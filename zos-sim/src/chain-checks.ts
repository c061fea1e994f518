// What the node checks on chain before it accepts a deployment: a live node contract on this node,
// owned by the deploying twin, carrying the deployment's hash, and valid signatures by the twins'
// keys on chain. A freshly created contract may not be visible yet, so a missing one is retried
// briefly before the refusal; so is a chain not reconnected to yet.
import {
  RpcError,
  deploymentHash,
  isNotFound,
  verify,
  verifyDeploymentSignaturesWith,
  type ChainClient,
  type chain,
  type node,
  type SignatureVerifier,
} from '../../proto';
import { NodeRefusal } from './refusal';
import { TwinKeyCache } from './twin-keys';
import type { ContractIndex } from './contract-index';

export interface ChainCheckOptions {
  nodeId: number;
  /** twin keys read recently (a key that fails to verify is read again before refusing) */
  twinKeys?: TwinKeyCache;
  /** contracts known from chain events; a deployment that fails against one is checked against the chain */
  known?: ContractIndex;
  /** verifies each signature (default: inline) */
  verifier?: SignatureVerifier;
  /** how long to wait for a contract not found yet (ms) */
  contractWaitMs?: number;
}

export async function checkDeploymentOnChain(
  chainClient: ChainClient,
  d: node.Deployment__Output,
  opts: ChainCheckOptions,
): Promise<chain.Contract__Output> {
  const known = opts.known?.get(d.contractId);
  if (known) {
    try {
      return await checkAgainst(known, chainClient, d, opts);
    } catch (err) {
      if (!(err instanceof NodeRefusal)) throw err; // what the events said may be behind the chain: ask it
    }
  }
  return checkAgainst(await fetchContract(chainClient, d.contractId, opts.contractWaitMs ?? 3000), chainClient, d, opts);
}

async function checkAgainst(
  contract: chain.Contract__Output,
  chainClient: ChainClient,
  d: node.Deployment__Output,
  opts: ChainCheckOptions,
): Promise<chain.Contract__Output> {
  if (contract.type !== 'node')
    throw new NodeRefusal('INVALID_ARGUMENT', `contract ${contract.id} is a ${contract.type} contract, not a node contract`);
  if (contract.state === 'Deleted')
    throw new NodeRefusal('FAILED_PRECONDITION', `contract ${contract.id} is deleted on chain (${contract.deletedReason})`);
  if (contract.nodeId !== opts.nodeId)
    throw new NodeRefusal('INVALID_ARGUMENT', `contract ${contract.id} is for node ${contract.nodeId}, not for this node (${opts.nodeId})`);
  if (contract.twinId !== d.twinId) {
    throw new NodeRefusal(
      'PERMISSION_DENIED',
      `contract ${contract.id} belongs to twin ${contract.twinId}, but the deployment is from twin ${d.twinId}`,
    );
  }
  const digest = deploymentHash(d);
  const hash = Buffer.from(digest).toString('hex');
  if (hash !== contract.deploymentHash) {
    throw new NodeRefusal(
      'FAILED_PRECONDITION',
      `the deployment's hash ${hash} differs from the hash ${contract.deploymentHash} of contract ${contract.id} on chain: ` +
        `update the contract with the new hash first`,
    );
  }
  const cache = opts.twinKeys ?? new TwinKeyCache(chainClient, 0);
  const read = async (fresh: boolean) => {
    const keys = new Map<number, string>();
    for (const s of d.signatureRequirement?.signatures ?? []) {
      try {
        const pk = await cache.key(s.twinId, fresh);
        if (pk) keys.set(s.twinId, pk);
      } catch (err) {
        throw new NodeRefusal('UNAVAILABLE', `cannot read twin ${s.twinId} from the chain: ${(err as Error).message}`);
      }
    }
    return verifyDeploymentSignaturesWith(opts.verifier ?? verify, d, (twin) => keys.get(twin), digest);
  };
  let sig = await read(false);
  if (!sig.ok) sig = await read(true); // the twin may have changed its key since it was cached
  if (!sig.ok) throw new NodeRefusal('PERMISSION_DENIED', `bad signature on the deployment of contract ${contract.id}: ${sig.reason}`);
  return contract;
}

async function fetchContract(chainClient: ChainClient, id: number, waitMs: number): Promise<chain.Contract__Output> {
  if (!id) throw new NodeRefusal('INVALID_ARGUMENT', 'the deployment has no contract_id: create its node contract on chain first');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await chainClient.contract(id);
    } catch (err) {
      // a chain just back is reconnected to within a second or two: wait for it as for a new contract
      const unreachable = err instanceof RpcError && err.unavailable;
      if (!isNotFound(err) && (!unreachable || Date.now() >= deadline)) {
        throw new NodeRefusal('UNAVAILABLE', `cannot read contract ${id} from the chain: ${(err as Error).message}`);
      }
      if (Date.now() >= deadline) throw new NodeRefusal('NOT_FOUND', `contract ${id} does not exist on chain`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
