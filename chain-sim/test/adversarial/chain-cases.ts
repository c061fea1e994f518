// The chain's part of the adversarial suite, on a real chain server on loopback with two twins
// (A owns a node contract, B attacks it). Attacks: the admin service without its credential,
// squatting A's deployment hash, cancelling or changing A's contracts, extrinsics forged or
// replayed, the chain's files readable by others. Inputs: malformed extrinsics, calls and
// requests, each with the refusal expected of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ADMIN_TOKEN_HEADER,
  chainProto,
  encodeCall,
  extrinsicPayload,
  freshNonce,
  sign,
  signExtrinsic,
  type chain,
  type KeyPair,
} from '../../../proto';
import { probe, wire } from '../../../proto/test/adversarial/grpc-probe';
import type { AdversarialCase, Outcome } from '../../../proto/test/adversarial/verdict';
import { farmWithNode, newKey, startTestChain, userWithTwin, type TestChain } from '../helpers';

type Call = chain.Call;

export interface ChainScene {
  readonly t: TestChain;
  readonly a: { key: KeyPair; twinId: number };
  readonly b: { key: KeyPair; twinId: number };
  readonly nodeId: number;
  readonly farmId: number;
  /** A's live node contract */
  readonly contractId: number;
  /** the node's own twin (which may report usage) */
  readonly nodeTwin: { key: KeyPair; twinId: number };
  /** the twin of the node's farm */
  readonly farmer: { key: KeyPair; twinId: number };
}

let hashes = 0;
/** A deployment hash no contract has yet. */
export const freshHash = () => (++hashes).toString(16).padStart(32, 'c');

export async function startChainScene(): Promise<ChainScene> {
  const t = await startTestChain();
  const { nodeId, node, farmId, farmer } = await farmWithNode(t.client, 4);
  const [a, b] = [await userWithTwin(t.client), await userWithTwin(t.client)];
  const contractId = (await t.client.submit(a.key, { createNodeContract: { nodeId, deploymentHash: freshHash(), publicIps: 0 } }))
    .createdIds[0];
  return { t, a, b, nodeId, farmId, contractId, nodeTwin: node, farmer };
}

const service = () => chainProto().gridform.chain.Chain.service;
const admin = () => chainProto().gridform.chain.ChainAdmin.service;

/** Submits `call` signed by `key` as an attacker's client would: the outcome is the chain's answer. */
function submit(s: ChainScene, key: KeyPair, call: Call): Promise<Outcome> {
  return probe({ address: s.t.server.address(), service: service(), method: 'Submit', request: signExtrinsic(key, call) });
}

function read(s: ChainScene, method: string, request: unknown): Promise<Outcome> {
  return probe({ address: s.t.server.address(), service: service(), method, request });
}

function adminCall(s: ChainScene, method: string, request: unknown, token?: string): Promise<Outcome> {
  return probe({
    address: s.t.server.address(),
    service: admin(),
    method,
    request,
    metadata: token === undefined ? undefined : { [ADMIN_TOKEN_HEADER]: token },
  });
}

type Case = [name: string, refusal: RegExp, run: (s: ChainScene) => Promise<Outcome>];

function build(kind: 'attack' | 'input', group: string, scene: () => ChainScene, cases: Case[]): AdversarialCase[] {
  return cases.map(([name, refusal, run]) => ({ kind, group, name, refusal, run: () => run(scene()) }));
}

function adminAttacks(scene: () => ChainScene): AdversarialCase[] {
  const unauthenticated = (what: string) => new RegExp(`UNAUTHENTICATED: ${what} refused: it needs the chain's admin credential`);
  return build('attack', 'chain admin', scene, [
    [
      'funding an account without the admin credential is refused',
      unauthenticated('funding an account'),
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: '1000000000' }),
    ],
    [
      'advancing chain time without the admin credential is refused',
      unauthenticated('advancing chain time'),
      (s) => adminCall(s, 'AdvanceTime', { seconds: 3600 }),
    ],
    [
      'setting the TFT price without the admin credential is refused',
      unauthenticated('setting the TFT price'),
      (s) => adminCall(s, 'SetTftPrice', { tftPriceUsd: '0.0000001' }),
    ],
    [
      'funding with a wrong admin credential is refused',
      unauthenticated('funding an account'),
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: '5' }, 'f'.repeat(64)),
    ],
    [
      'funding with an empty admin credential is refused',
      unauthenticated('funding an account'),
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: '5' }, ''),
    ],
    [
      'funding with the credential cut short is refused',
      unauthenticated('funding an account'),
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: '5' }, s.t.server.adminToken!.slice(0, 10)),
    ],
  ]);
}

function contractAttacks(scene: () => ChainScene): AdversarialCase[] {
  return build('attack', "another twin's contracts", scene, [
    [
      "B squatting A's next deployment hash does not stop A's contract",
      /twin A's contract \d+ was created beside twin B's contract \d+ with the same hash/,
      async (s) => {
        const hash = freshHash();
        const squat = await submit(s, s.b.key, { createNodeContract: { nodeId: s.nodeId, deploymentHash: hash, publicIps: 0 } });
        const mine = await submit(s, s.a.key, { createNodeContract: { nodeId: s.nodeId, deploymentHash: hash, publicIps: 0 } });
        if (mine.refused) return { refused: false, text: `A's contract was refused: ${mine.text}` };
        const id = (r: Outcome) => (JSON.parse(r.text) as { createdIds: number[] }).createdIds[0];
        return {
          refused: true,
          text: `twin A's contract ${id(mine)} was created beside twin B's contract ${
            squat.refused ? 'none' : id(squat)
          } with the same hash`,
        };
      },
    ],
    [
      "B cancelling A's contract is refused",
      /PERMISSION_DENIED: contract \d+ belongs to twin \d+, not to twin \d+/,
      (s) => submit(s, s.b.key, { cancelContract: { contractId: s.contractId } }),
    ],
    [
      "B changing the hash of A's contract is refused",
      /PERMISSION_DENIED: contract \d+ belongs to twin \d+, not to twin \d+/,
      (s) => submit(s, s.b.key, { updateNodeContract: { contractId: s.contractId, deploymentHash: freshHash(), deploymentData: '' } }),
    ],
    [
      "B reporting usage of A's contract (to bill A) is refused",
      /PERMISSION_DENIED|only the node/i,
      (s) =>
        submit(s, s.b.key, {
          reportContractResources: { reports: [{ contractId: s.contractId, used: { cru: 32, mru: 2 ** 40, sru: 0, hru: 0 } }] },
        }),
    ],
    [
      "an extrinsic naming A's account but signed with B's key is refused",
      /UNAUTHENTICATED: the signature does not verify against account [0-9a-f]{64}/,
      (s) => {
        const call = encodeCall({ transfer: { to: s.b.key.publicKey, amount: '1' } });
        const nonce = freshNonce();
        const x = { signer: s.a.key.publicKey, nonce, call, signature: sign(s.b.key, extrinsicPayload(s.a.key.publicKey, nonce, call)) };
        return probe({ address: s.t.server.address(), service: service(), method: 'Submit', request: x });
      },
    ],
    [
      "A's transfer replayed by B is refused",
      /INVALID_ARGUMENT: nonce \d+ was already used by account [0-9a-f]{64} \(replayed extrinsic\?\)/,
      async (s) => {
        const x = signExtrinsic(s.a.key, { transfer: { to: s.b.key.publicKey, amount: '1' } });
        const first = await probe({ address: s.t.server.address(), service: service(), method: 'Submit', request: x });
        if (first.refused) return { refused: false, text: `the first submission already failed: ${first.text}` };
        return probe({ address: s.t.server.address(), service: service(), method: 'Submit', request: x });
      },
    ],
    [
      "B registering A's node contract's node as its own is refused",
      /PERMISSION_DENIED: node \d+ belongs to twin \d+, not to twin \d+/,
      (s) =>
        submit(s, s.b.key, { updateNode: { nodeId: s.nodeId, resources: { cru: 1, mru: 1, sru: 1, hru: 1 }, address: '127.0.0.1:1' } }),
    ],
    [
      "the chain's data files (its admin credential among them) are readable by the chain's user only",
      /every file of the chain's data folder has mode 0600/,
      async (s) => {
        const loose = fs
          .readdirSync(s.t.dir)
          .map((f) => [f, fs.statSync(path.join(s.t.dir, f)).mode & 0o777] as const)
          .filter(([, m]) => m & 0o077);
        return loose.length
          ? { refused: false, text: loose.map(([f, m]) => `${f} has mode ${m.toString(8)}`).join(', ') }
          : { refused: true, text: "every file of the chain's data folder has mode 0600" };
      },
    ],
  ]);
}

function extrinsicInputs(scene: () => ChainScene): AdversarialCase[] {
  const raw = (s: ChainScene, x: unknown) => probe({ address: s.t.server.address(), service: service(), method: 'Submit', request: x });
  return build('input', 'extrinsics', scene, [
    [
      'an extrinsic without signature',
      /UNAUTHENTICATED: the extrinsic is not signed/,
      (s) => raw(s, { ...signExtrinsic(s.a.key, { createTwin: { relay: 'x' } }), signature: Buffer.alloc(0) }),
    ],
    [
      'an extrinsic without signer',
      /UNAUTHENTICATED: the extrinsic is not signed/,
      (s) => raw(s, { ...signExtrinsic(s.a.key, { createTwin: { relay: 'x' } }), signer: '' }),
    ],
    [
      'an extrinsic whose signer is not hex',
      /UNAUTHENTICATED: the signature does not verify against account not-an-account/,
      (s) => raw(s, { ...signExtrinsic(s.a.key, { createTwin: { relay: 'x' } }), signer: 'not-an-account' }),
    ],
    [
      'an extrinsic whose signature is 3 bytes',
      /UNAUTHENTICATED: the signature does not verify/,
      (s) => raw(s, { ...signExtrinsic(s.a.key, { createTwin: { relay: 'x' } }), signature: Buffer.from([1, 2, 3]) }),
    ],
    [
      'an extrinsic whose call is garbage, signed',
      /INVALID_ARGUMENT: the call cannot be decoded/,
      (s) => {
        const call = Buffer.from('\xff\xfe garbage');
        const nonce = freshNonce();
        return raw(s, {
          signer: s.a.key.publicKey,
          nonce,
          call,
          signature: sign(s.a.key, extrinsicPayload(s.a.key.publicKey, nonce, call)),
        });
      },
    ],
    ['an extrinsic carrying no call', /INVALID_ARGUMENT: the extrinsic carries no call/, (s) => submit(s, s.a.key, {})],
    [
      'an extrinsic whose bytes are garbage',
      /INVALID_ARGUMENT: the Submit request cannot be decoded[\s\S]*proto\/defs\/chain\.proto/,
      (s) => raw(s, Buffer.from('\xff\xff\xff garbage, not protobuf')),
    ],
    [
      'an extrinsic whose nonce is sent as a string',
      /INVALID_ARGUMENT: the Submit request cannot be decoded/,
      (s) =>
        raw(
          s,
          Buffer.concat([
            wire.bytes(1, s.a.key.publicKey),
            wire.bytes(2, 'one'),
            wire.bytes(3, encodeCall({ createTwin: { relay: 'x' } })),
          ]),
        ),
    ],
    [
      'a batch inside a batch',
      /INVALID_ARGUMENT: .*a batch may not contain another batch/,
      (s) => submit(s, s.a.key, { batchAll: { calls: [{ batchAll: { calls: [{ createTwin: { relay: 'x' } }] } }] } }),
    ],
    ['an empty batch', /INVALID_ARGUMENT: a batch needs at least one call/, (s) => submit(s, s.a.key, { batchAll: { calls: [] } })],
    [
      'a batch whose second call fails leaves nothing of the first',
      /batch call 1 \(createNameContract\): name "X" must be 3-64 characters[\s\S]*and the first call left nothing/,
      async (s) => {
        const r = await submit(s, s.a.key, {
          batchAll: { calls: [{ createNameContract: { name: 'batchname' } }, { createNameContract: { name: 'X' } }] },
        });
        const left = await s.t.client.contractIdByName('batchname').catch(() => 0);
        return {
          refused: r.refused && !left,
          text: `${r.text}${left ? `; but contract ${left} was kept` : ', and the first call left nothing'}`,
        };
      },
    ],
  ]);
}

function callInputs(scene: () => ChainScene): AdversarialCase[] {
  const A = (s: ChainScene) => s.a.key;
  return build('input', 'calls', scene, [
    [
      'a second twin for one account',
      /ALREADY_EXISTS: account [0-9a-f]{64} already has twin \d+/,
      (s) => submit(s, A(s), { createTwin: { relay: 'relay.local' } }),
    ],
    [
      'a twin with a relay of 200 characters',
      /INVALID_ARGUMENT: relay must be at most 128 characters/,
      (s) => submit(s, newKey(), { createTwin: { relay: 'r'.repeat(200) } }),
    ],
    [
      'a transfer of more than the balance',
      /FAILED_PRECONDITION: insufficient balance: account [0-9a-f]{64} has \d+ units/,
      (s) => submit(s, A(s), { transfer: { to: s.b.key.publicKey, amount: '9'.repeat(30) } }),
    ],
    [
      'a transfer of "abc"',
      /INVALID_ARGUMENT: amount "abc" is not a whole number of units/,
      (s) => submit(s, A(s), { transfer: { to: s.b.key.publicKey, amount: 'abc' } }),
    ],
    [
      'a transfer of -5',
      /INVALID_ARGUMENT: amount "-5" is not a whole number of units/,
      (s) => submit(s, A(s), { transfer: { to: s.b.key.publicKey, amount: '-5' } }),
    ],
    [
      'a transfer of 0',
      /INVALID_ARGUMENT: amount must be more than 0/,
      (s) => submit(s, A(s), { transfer: { to: s.b.key.publicKey, amount: '0' } }),
    ],
    [
      'a transfer to something that is not an account',
      /INVALID_ARGUMENT: destination account "bob" is not an account id/,
      (s) => submit(s, A(s), { transfer: { to: 'bob', amount: '1' } }),
    ],
    [
      'a farm with an empty name',
      /INVALID_ARGUMENT: farm name "" must be 3-40 characters of lowercase letters/,
      (s) => submit(s, A(s), { createFarm: { name: '', publicIps: [] } }),
    ],
    [
      'a farm named with spaces',
      /INVALID_ARGUMENT: farm name "my farm!" must be 3-40 characters of lowercase letters/,
      (s) => submit(s, A(s), { createFarm: { name: 'my farm!', publicIps: [] } }),
    ],
    [
      'a farm with a public IP that is not one',
      /INVALID_ARGUMENT: .*"not-an-ip" is not an IPv4 address in CIDR form/,
      (s) => submit(s, A(s), { createFarm: { name: 'ipfarm', publicIps: [{ ip: 'not-an-ip', gateway: '203.0.113.1' }] } }),
    ],
    [
      'a farm with an IP octet of 300',
      /INVALID_ARGUMENT: .*"203\.0\.113\.300\/24" is not an IPv4 address/,
      (s) => submit(s, A(s), { createFarm: { name: 'ipfarm2', publicIps: [{ ip: '203.0.113.300/24', gateway: '203.0.113.1' }] } }),
    ],
    [
      'a node on a farm that does not exist',
      /NOT_FOUND: farm 9999 does not exist/,
      (s) => submit(s, s.b.key, { createNode: { farmId: 9999, resources: { cru: 1, mru: 1, sru: 1, hru: 1 }, address: 'h:1' } }),
    ],
    [
      'a node with no resources',
      /INVALID_ARGUMENT: node resources must have cru > 0 and mru > 0/,
      (s) => submit(s, s.b.key, { createNode: { farmId: s.farmId, resources: { cru: 0, mru: 0, sru: 0, hru: 0 }, address: 'h:1' } }),
    ],
    [
      'a node whose address is not HOST:PORT',
      /INVALID_ARGUMENT: node address "nowhere" must be HOST:PORT/,
      (s) => submit(s, s.b.key, { createNode: { farmId: s.farmId, resources: { cru: 1, mru: 1, sru: 1, hru: 1 }, address: 'nowhere' } }),
    ],
    [
      'a contract on a node that does not exist',
      /NOT_FOUND: node 9999 does not exist/,
      (s) => submit(s, A(s), { createNodeContract: { nodeId: 9999, deploymentHash: freshHash(), publicIps: 0 } }),
    ],
    [
      'a contract whose hash is not hex',
      /INVALID_ARGUMENT: deployment hash "xyz" must be 32 lowercase hex characters/,
      (s) => submit(s, A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: 'xyz', publicIps: 0 } }),
    ],
    [
      'a contract whose hash is uppercase',
      /INVALID_ARGUMENT: deployment hash "[0-9A-F]{32}" must be 32 lowercase hex characters/,
      (s) => submit(s, A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: 'AB'.repeat(16), publicIps: 0 } }),
    ],
    [
      'a contract with 600 bytes of deployment data',
      /INVALID_ARGUMENT: deployment_data is 600 bytes; at most 512 are allowed/,
      (s) =>
        submit(s, A(s), {
          createNodeContract: { nodeId: s.nodeId, deploymentHash: freshHash(), deploymentData: 'd'.repeat(600), publicIps: 0 },
        }),
    ],
    [
      'a contract asking for 50 public IPs',
      /RESOURCE_EXHAUSTED: .*public IP/i,
      (s) => submit(s, A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: freshHash(), publicIps: 50 } }),
    ],
    [
      'the same hash twice for one twin on one node',
      /ALREADY_EXISTS: your contract \d+ on node \d+ already has deployment hash/,
      async (s) => {
        const hash = freshHash();
        await submit(s, A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: hash, publicIps: 0 } });
        return submit(s, A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: hash, publicIps: 0 } });
      },
    ],
    [
      'an update of a contract that does not exist',
      /NOT_FOUND: contract 9999 does not exist/,
      (s) => submit(s, A(s), { updateNodeContract: { contractId: 9999, deploymentHash: freshHash(), deploymentData: '' } }),
    ],
    [
      'a cancel of a contract that does not exist',
      /NOT_FOUND: contract 9999 does not exist/,
      (s) => submit(s, A(s), { cancelContract: { contractId: 9999 } }),
    ],
    [
      'a cancel of a contract cancelled already',
      /FAILED_PRECONDITION: contract \d+ is already deleted/,
      async (s) => {
        const id = (await s.t.client.submit(A(s), { createNodeContract: { nodeId: s.nodeId, deploymentHash: freshHash(), publicIps: 0 } }))
          .createdIds[0];
        await s.t.client.submit(A(s), { cancelContract: { contractId: id } });
        return submit(s, A(s), { cancelContract: { contractId: id } });
      },
    ],
    [
      'a name contract named "ab"',
      /INVALID_ARGUMENT: name "ab" must be 3-64 characters/,
      (s) => submit(s, A(s), { createNameContract: { name: 'ab' } }),
    ],
    [
      'a name contract named "Bad Name"',
      /INVALID_ARGUMENT: name "Bad Name" must be 3-64 characters/,
      (s) => submit(s, A(s), { createNameContract: { name: 'Bad Name' } }),
    ],
    [
      'a rent contract on a node that does not exist',
      /NOT_FOUND: node 9999 does not exist/,
      (s) => submit(s, A(s), { createRentContract: { nodeId: 9999 } }),
    ],
    [
      'a node certification of "Gold"',
      /INVALID_ARGUMENT: certification must be Diy or Certified, not "Gold"/,
      (s) => submit(s, s.farmer.key, { setNodeCertification: { nodeId: s.nodeId, certification: 'Gold' } }),
    ],
    [
      "a node certification by someone not the node's farmer",
      /PERMISSION_DENIED: only the farmer \(twin \d+\) may certify node \d+/,
      (s) => submit(s, A(s), { setNodeCertification: { nodeId: s.nodeId, certification: 'Certified' } }),
    ],
  ]);
}

function readInputs(scene: () => ChainScene): AdversarialCase[] {
  return build('input', 'chain reads', scene, [
    ['a twin that does not exist', /NOT_FOUND: twin 99999 does not exist/, (s) => read(s, 'GetTwin', { id: 99999 })],
    ['twin 0', /NOT_FOUND: twin 0 does not exist/, (s) => read(s, 'GetTwin', { id: 0 })],
    ['a contract that does not exist', /NOT_FOUND: contract 99999 does not exist/, (s) => read(s, 'GetContract', { id: 99999 })],
    ['a farm that does not exist', /NOT_FOUND: farm 99999 does not exist/, (s) => read(s, 'GetFarm', { id: 99999 })],
    ['a node that does not exist', /NOT_FOUND: node 99999 does not exist/, (s) => read(s, 'GetNode', { id: 99999 })],
    ['pricing policy 2', /NOT_FOUND: pricing policy 2 does not exist/, (s) => read(s, 'GetPricingPolicy', { id: 2 })],
    [
      'an account that is not an account id',
      /INVALID_ARGUMENT: .*"bob" is not an account id/,
      (s) => read(s, 'GetAccount', { accountId: 'bob' }),
    ],
    [
      'the twin of an account that is not an account id',
      /(INVALID_ARGUMENT: .*"bob" is not an account id|NOT_FOUND: a twin of account bob does not exist)/,
      (s) => read(s, 'GetTwinByAccount', { accountId: 'bob' }),
    ],
    ['the bills of a contract that does not exist', /NOT_FOUND: contract 99999 does not exist/, (s) => read(s, 'ListBills', { id: 99999 })],
    [
      'a contract id by a hash that is not one',
      /INVALID_ARGUMENT: deployment hash "zz" must be 32 lowercase hex characters/,
      (s) => read(s, 'GetContractIdByNodeHash', { nodeId: s.nodeId, deploymentHash: 'zz' }),
    ],
    [
      'a GetTwin whose bytes are garbage',
      /INVALID_ARGUMENT: the GetTwin request cannot be decoded/,
      (s) => read(s, 'GetTwin', Buffer.from([0x08, 0xff, 0xff])),
    ],
    [
      'a GetChainInfo whose bytes are garbage',
      /INVALID_ARGUMENT: the GetChainInfo request cannot be decoded/,
      (s) => read(s, 'GetChainInfo', Buffer.from('\x0f\x0f\x0f')),
    ],
  ]);
}

function adminInputs(scene: () => ChainScene): AdversarialCase[] {
  const token = (s: ChainScene) => s.t.server.adminToken!;
  return build('input', 'chain admin requests', scene, [
    [
      'a fund of "abc"',
      /INVALID_ARGUMENT: amount "abc" must be a whole number of units/,
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: 'abc' }, token(s)),
    ],
    [
      'a fund of 0',
      /INVALID_ARGUMENT: the amount to fund must be more than 0/,
      (s) => adminCall(s, 'Fund', { accountId: s.b.key.publicKey, amount: '0' }, token(s)),
    ],
    [
      'a fund of an account that is not one',
      /INVALID_ARGUMENT: "bob" is not an account id/,
      (s) => adminCall(s, 'Fund', { accountId: 'bob', amount: '1' }, token(s)),
    ],
    [
      'a time advance of 0 seconds',
      /INVALID_ARGUMENT: seconds must be a whole number above 0/,
      (s) => adminCall(s, 'AdvanceTime', { seconds: 0 }, token(s)),
    ],
    [
      'a time advance of 30,000 years',
      /INVALID_ARGUMENT: .*over the limit/,
      (s) => adminCall(s, 'AdvanceTime', { seconds: 1e12 }, token(s)),
    ],
    [
      'a TFT price of "abc"',
      /INVALID_ARGUMENT: TFT price "abc" must be a positive decimal number of USD/,
      (s) => adminCall(s, 'SetTftPrice', { tftPriceUsd: 'abc' }, token(s)),
    ],
    [
      'a TFT price of -1',
      /INVALID_ARGUMENT: TFT price "-1" must be a positive decimal number of USD/,
      (s) => adminCall(s, 'SetTftPrice', { tftPriceUsd: '-1' }, token(s)),
    ],
    [
      'a TFT price of 0',
      /INVALID_ARGUMENT: TFT price "0" must be a positive decimal number of USD/,
      (s) => adminCall(s, 'SetTftPrice', { tftPriceUsd: '0' }, token(s)),
    ],
    [
      'a Fund whose bytes are garbage',
      /INVALID_ARGUMENT: the Fund request cannot be decoded as the message \/gridform\.chain\.ChainAdmin\/Fund takes/,
      (s) =>
        probe({
          address: s.t.server.address(),
          service: admin(),
          method: 'Fund',
          request: Buffer.from([0x0a, 0xff]),
          metadata: { [ADMIN_TOKEN_HEADER]: token(s) },
        }),
    ],
  ]);
}

export function chainCases(scene: () => ChainScene): AdversarialCase[] {
  return [
    ...adminAttacks(scene),
    ...contractAttacks(scene),
    ...extrinsicInputs(scene),
    ...callInputs(scene),
    ...readInputs(scene),
    ...adminInputs(scene),
  ];
}
