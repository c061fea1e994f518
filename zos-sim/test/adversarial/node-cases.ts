// The node's part of the adversarial suite, on real node servers and a real chain process on
// loopback with two twins: an owner with a deployment holding secrets, and an attacker. Attacks:
// reading, changing or taking over the owner's deployment, forged and replayed call headers,
// secrets in logs or in files others can read. Inputs: malformed requests to every method that
// takes one (bad headers, malformed deployments, undecodable bytes, oversized messages), each
// with the refusal expected of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CALL_AUTH_HEADERS, deploymentHashHex, keyPairFromSeed, nodeProto, signCall, signDeployment, type node } from '../../../proto';
import { probe, wire } from '../../../proto/test/adversarial/grpc-probe';
import type { AdversarialCase, Outcome } from '../../../proto/test/adversarial/verdict';
import { NodeHarness, type User, type WorkloadSpec } from '../support/node-harness';

const MiB = 2 ** 20;
const SECRETS = { env: 'owner-only-token-7f3a', zdbPassword: 'zdb-pass-91c2' };

export interface NodeScene {
  readonly h: NodeHarness;
  readonly owner: User;
  readonly attacker: User;
  readonly contractId: number;
  /** every line the first node logged */
  readonly log: string[];
  readonly dataDir: string;
}

/** Starts a chain process and two nodes; the owner deploys a VM with a secret env value and a 0-db namespace with a password. */
export async function startNodeScene(): Promise<NodeScene> {
  const h = await NodeHarness.start();
  const log: string[] = [];
  const { dataDir } = await h.addNode({ log: (l) => log.push(l) });
  await h.addNode();
  const [owner, attacker] = await Promise.all([h.user(), h.user()]);
  const contractId = (await h.deploy(owner, [disk(), vm({ env: { API_TOKEN: SECRETS.env } }), zdb()])).contractId;
  return { h, owner, attacker, contractId, log, dataDir };
}

const disk = (): WorkloadSpec => ({ name: 'data', type: 'zmount', data: { size: 2 ** 30 } });
const zdb = (): WorkloadSpec => ({ name: 'db', type: 'zdb', data: { size: 2 ** 30, mode: 'user', password: SECRETS.zdbPassword } });
function vm(over: Record<string, unknown> = {}): WorkloadSpec {
  return {
    name: 'vm',
    type: 'zmachine',
    data: {
      flist: 'https://hub/base.flist',
      network: { interfaces: [], planetary: true },
      size: 0,
      compute_capacity: { cpu: 1, memory: 512 * MiB },
      mounts: [],
      ...over,
    },
  };
}

const service = () => nodeProto().gridform.node.Node.service;

function headers(auth: { twinId: number; time: number; signature: string }): Record<string, string> {
  return {
    [CALL_AUTH_HEADERS.twin]: String(auth.twinId),
    [CALL_AUTH_HEADERS.time]: String(auth.time),
    [CALL_AUTH_HEADERS.signature]: auth.signature,
  };
}

/** A call to node `n` of the scene, with the given headers (none when absent). */
function call(s: NodeScene, method: string, request: unknown, metadata?: Record<string, string>, n = 0): Promise<Outcome> {
  return probe({ address: s.h.nodes[n].address, service: service(), method, request, metadata });
}

/** Headers signed by `user` for node `n`. */
const signedBy = (s: NodeScene, user: User, n = 0, nowMs?: number) =>
  headers(signCall({ twinId: user.twinId, key: user.key, nodeId: s.h.nodes[n].nodeId }, nowMs));

function attack(
  group: string,
  name: string,
  refusal: RegExp,
  run: (s: NodeScene) => Promise<Outcome>,
  scene: () => NodeScene,
): AdversarialCase {
  return { kind: 'attack', group, name, refusal, run: () => run(scene()) };
}

function input(
  group: string,
  name: string,
  refusal: RegExp,
  run: (s: NodeScene) => Promise<Outcome>,
  scene: () => NodeScene,
): AdversarialCase {
  return { kind: 'input', group, name, refusal, run: () => run(scene()) };
}

function readAttacks(scene: () => NodeScene): AdversarialCase[] {
  const group = "another twin's deployments";
  const out: AdversarialCase[] = [];
  for (const method of ['Get', 'List', 'Changes']) {
    const req = (s: NodeScene) => ({ twinId: s.owner.twinId, contractId: s.contractId });
    out.push(
      attack(
        group,
        `an unsigned ${method} of the owner's deployment is refused`,
        /UNAUTHENTICATED: node \d+ answers this call only when it is signed by the calling twin/,
        (s) => call(s, method, req(s)),
        scene,
      ),
      attack(
        group,
        `the attacker's ${method} of the owner's deployment, signed as itself, is refused`,
        /PERMISSION_DENIED: twin \d+ cannot read the deployments of twin \d+/,
        (s) => call(s, method, req(s), signedBy(s, s.attacker)),
        scene,
      ),
      attack(
        group,
        `a ${method} claiming the owner's twin, signed with the attacker's key, is refused`,
        /UNAUTHENTICATED: .*not signed by twin \d+'s key for node \d+/,
        (s) => {
          const forged = signCall({ twinId: s.owner.twinId, key: s.attacker.key, nodeId: s.h.nodes[0].nodeId });
          return call(s, method, req(s), headers(forged));
        },
        scene,
      ),
    );
  }
  out.push(
    attack(
      group,
      "a Get of the owner's contract under the attacker's own twin id answers no deployment",
      /NOT_FOUND: node \d+ has no deployment for contract \d+ of twin \d+/,
      (s) => call(s, 'Get', { twinId: s.attacker.twinId, contractId: s.contractId }, signedBy(s, s.attacker)),
      scene,
    ),
    attack(
      group,
      "a Changes of the owner's contract under the attacker's own twin id answers no deployment",
      /NOT_FOUND: node \d+ has no deployment for contract \d+/,
      (s) => call(s, 'Changes', { twinId: s.attacker.twinId, contractId: s.contractId }, signedBy(s, s.attacker)),
      scene,
    ),
    attack(
      group,
      "a List by the attacker with twin 0 shows none of the owner's deployments",
      /lists 0 deployments/,
      async (s) => {
        const r = await call(s, 'List', { twinId: 0 }, signedBy(s, s.attacker));
        if (r.refused) return r;
        const n = (JSON.parse(r.text) as { deployments: unknown[] }).deployments.length;
        return { refused: n === 0, text: `lists ${n} deployments: ${r.text}` };
      },
      scene,
    ),
    attack(
      group,
      "the owner's header made for another node cannot be replayed to this one",
      /UNAUTHENTICATED: .*not signed by twin \d+'s key for node \d+/,
      (s) => call(s, 'Get', { twinId: s.owner.twinId, contractId: s.contractId }, signedBy(s, s.owner, 1)),
      scene,
    ),
    attack(
      group,
      "the owner's header signed an hour ago is refused",
      /UNAUTHENTICATED: .*away from the node's time/,
      (s) => call(s, 'Get', { twinId: s.owner.twinId, contractId: s.contractId }, signedBy(s, s.owner, 0, Date.now() - 3_600_000)),
      scene,
    ),
    attack(
      group,
      'a header signed an hour ahead is refused',
      /UNAUTHENTICATED: .*away from the node's time/,
      (s) => call(s, 'Get', { twinId: s.owner.twinId, contractId: s.contractId }, signedBy(s, s.owner, 0, Date.now() + 3_600_000)),
      scene,
    ),
  );
  return out;
}

function writeAttacks(scene: () => NodeScene): AdversarialCase[] {
  const group = "another twin's deployments";
  /** The owner's deployment as the attacker would rewrite it: its own VM, the owner's contract, the next version (0 for a Deploy). */
  const hijack = async (s: NodeScene, twinId: number, update: boolean): Promise<node.Deployment> => {
    const version = update ? (await s.h.as(s.owner).get(s.owner.twinId, s.contractId)).version + 1 : 0;
    const d = s.h.deployment({ twinId, key: s.attacker.key }, [disk(), vm({ flist: 'https://evil/miner.flist' })], version, s.contractId);
    return signDeployment(d, twinId, s.attacker.key);
  };
  return [
    attack(
      group,
      "an Update of the owner's deployment signed by the attacker is refused",
      /PERMISSION_DENIED: the deployment of contract \d+ belongs to twin \d+, not to twin \d+/,
      async (s) => call(s, 'Update', await hijack(s, s.attacker.twinId, true)),
      scene,
    ),
    attack(
      group,
      "an Update of the owner's deployment claiming the owner's twin, signed by the attacker, is refused",
      /(FAILED_PRECONDITION: the deployment's hash|PERMISSION_DENIED: bad signature)/,
      async (s) => call(s, 'Update', await hijack(s, s.owner.twinId, true)),
      scene,
    ),
    attack(
      group,
      "a Deploy onto the owner's contract by the attacker is refused",
      /(ALREADY_EXISTS|PERMISSION_DENIED).*contract \d+/,
      async (s) => call(s, 'Deploy', await hijack(s, s.attacker.twinId, false)),
      scene,
    ),
    attack(
      group,
      "a Deploy onto the owner's contract on another node (where it has no deployment) is refused",
      /contract \d+ is for node \d+, not for this node/,
      async (s) => call(s, 'Deploy', await hijack(s, s.attacker.twinId, false), undefined, 1),
      scene,
    ),
  ];
}

function secretAttacks(scene: () => NodeScene): AdversarialCase[] {
  const group = 'secrets a node holds';
  return [
    attack(
      group,
      'the owner reads its own secrets back (the node keeps them for their owner)',
      /the owner's Get holds its secrets/,
      async (s) => {
        const r = await call(s, 'Get', { twinId: s.owner.twinId, contractId: s.contractId }, signedBy(s, s.owner));
        const whole = !r.refused && r.text.includes(SECRETS.env) && r.text.includes(SECRETS.zdbPassword);
        return { refused: whole, text: whole ? "the owner's Get holds its secrets" : `the owner could not read them: ${r.text}` };
      },
      scene,
    ),
    attack(
      group,
      'no secret appears in what the node logs',
      /the node logged \d+ lines, none with a secret/,
      async (s) => {
        // an update, a refused update and a cancelled deployment make the node log about deployments holding secrets
        await s.h.update(s.owner, s.contractId, 1, [disk(), vm({ env: { API_TOKEN: SECRETS.env } }), zdb()]);
        await call(
          s,
          'Update',
          s.h.deployment(s.owner, [vm({ env: { API_TOKEN: SECRETS.env }, compute_capacity: { cpu: 999, memory: 1 } })], 2, s.contractId),
        );
        const other = await s.h.deploy(s.owner, [vm({ env: { API_TOKEN: SECRETS.env } }), zdb()]);
        await s.h.cancel(s.owner, other.contractId);
        if (!s.log.length)
          return { refused: false, text: 'the node logged nothing, so this proves nothing: it should log the cancellation' };
        const leaked = s.log.filter((l) => l.includes(SECRETS.env) || l.includes(SECRETS.zdbPassword));
        return {
          refused: !leaked.length,
          text: leaked.length ? `logged: ${leaked.join(' | ')}` : `the node logged ${s.log.length} lines, none with a secret`,
        };
      },
      scene,
    ),
    attack(
      group,
      "the node's data files (its store holds the secrets) are readable by the node's user only",
      /every file of the node's data folder has mode 0600/,
      async (s) => {
        const loose = listFiles(s.dataDir)
          .map((f) => [f, fs.statSync(f).mode & 0o777] as const)
          .filter(([, mode]) => mode & 0o077);
        if (!loose.length) return { refused: true, text: "every file of the node's data folder has mode 0600" };
        return { refused: false, text: loose.map(([f, m]) => `${path.relative(s.dataDir, f)} has mode ${m.toString(8)}`).join(', ') };
      },
      scene,
    ),
  ];
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Signed-call headers that are malformed: each is refused as unsigned, naming the headers. */
function headerInputs(scene: () => NodeScene): AdversarialCase[] {
  const group = 'node call headers';
  const unsigned = /UNAUTHENTICATED: node \d+ answers this call only when it is signed by the calling twin \(headers x-gridform-twin/;
  const variants: [string, (s: NodeScene) => Record<string, string>, RegExp][] = [
    ['a twin that is not a number', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.twin]: 'abc' }), unsigned],
    ['a negative twin', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.twin]: '-1' }), unsigned],
    ['a twin of 30 digits', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.twin]: '1'.repeat(30) }), unsigned],
    ['a time that is a date', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.time]: '2026-01-01' }), unsigned],
    ['a signature that is not hex', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.signature]: 'z'.repeat(128) }), unsigned],
    ['a signature cut short', (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.signature]: 'ab'.repeat(10) }), unsigned],
    [
      'a signature of zeros',
      (s) => ({ ...signedBy(s, s.owner), [CALL_AUTH_HEADERS.signature]: '0'.repeat(128) }),
      /UNAUTHENTICATED: .*not signed by twin \d+'s key/,
    ],
    [
      'no signature',
      (s) => {
        const h = signedBy(s, s.owner);
        delete h[CALL_AUTH_HEADERS.signature];
        return h;
      },
      unsigned,
    ],
    [
      'a twin that does not exist on chain',
      (s) => headers(signCall({ twinId: 99_999, key: keyPairFromSeed(Buffer.alloc(32, 77)), nodeId: s.h.nodes[0].nodeId })),
      /UNAUTHENTICATED: .*twin 99999 does not exist on chain/,
    ],
    [
      'twin 0',
      (s) => headers(signCall({ twinId: 0, key: s.owner.key, nodeId: s.h.nodes[0].nodeId })),
      /UNAUTHENTICATED: .*twin 0 does not exist on chain/,
    ],
  ];
  return variants.map(([what, make, re]) =>
    input(
      group,
      `a Get whose header has ${what}`,
      re,
      (s) => call(s, 'Get', { twinId: s.owner.twinId, contractId: s.contractId }, make(s)),
      scene,
    ),
  );
}

function requestInputs(scene: () => NodeScene): AdversarialCase[] {
  const group = 'node requests';
  const get = (s: NodeScene, contractId: number) => call(s, 'Get', { twinId: s.owner.twinId, contractId }, signedBy(s, s.owner));
  return [
    input(group, 'a Get of contract 0', /NOT_FOUND: node \d+ has no deployment for contract 0/, (s) => get(s, 0), scene),
    input(
      group,
      'a Get of a contract that does not exist',
      /NOT_FOUND: node \d+ has no deployment for contract 987654/,
      (s) => get(s, 987654),
      scene,
    ),
    input(
      group,
      'a Get of contract 2^64-1',
      /NOT_FOUND: node \d+ has no deployment for contract/,
      (s) => get(s, Number.MAX_SAFE_INTEGER),
      scene,
    ),
    input(
      group,
      'a Get whose bytes are garbage',
      /INVALID_ARGUMENT: the Get request cannot be decoded[\s\S]*proto\/defs\/node\.proto/,
      (s) => call(s, 'Get', Buffer.from('\xff\xff\xff garbage, not protobuf'), signedBy(s, s.owner)),
      scene,
    ),
    input(
      group,
      'a Get whose twin_id is sent as a string',
      /INVALID_ARGUMENT: the Get request cannot be decoded as the message \/gridform\.node\.Node\/Get takes \(invalid wire type/,
      (s) => call(s, 'Get', Buffer.concat([wire.bytes(1, 'twin-of-someone'), wire.varint(2, s.contractId)]), signedBy(s, s.owner)),
      scene,
    ),
    input(
      group,
      'a Deploy whose bytes are cut short',
      /INVALID_ARGUMENT: the Deploy request cannot be decoded/,
      (s) => {
        const full = service().Deploy.requestSerialize(s.h.deployment(s.owner, [vm()]) as never) as Buffer;
        return call(s, 'Deploy', full.subarray(0, Math.floor(full.length / 2)));
      },
      scene,
    ),
    input(
      group,
      'an empty Deploy',
      /INVALID_ARGUMENT: deployment of contract 0 has no workloads/,
      (s) => call(s, 'Deploy', Buffer.alloc(0)),
      scene,
    ),
    input(
      group,
      'a Deploy of 5 MB',
      /RESOURCE_EXHAUSTED: .*(larger than max|message)/i,
      (s) => call(s, 'Deploy', s.h.deployment(s.owner, [vm({ env: { PAD: 'x'.repeat(5 * MiB) } })])),
      scene,
    ),
    input(
      group,
      'a Statistics whose bytes are garbage',
      /INVALID_ARGUMENT: the Statistics request cannot be decoded/,
      (s) => call(s, 'Statistics', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])),
      scene,
    ),
  ];
}

/** Deployments malformed in their shape or workload data: refused before any chain check. */
function deploymentInputs(scene: () => NodeScene): AdversarialCase[] {
  const group = 'deployments';
  const shaped = (workloads: WorkloadSpec[] | ((s: NodeScene) => node.Deployment)) => (s: NodeScene) =>
    call(s, 'Deploy', typeof workloads === 'function' ? workloads(s) : s.h.deployment(s.owner, workloads));
  const machine = (data: Record<string, unknown>) => [vm(data)];
  const table: [string, WorkloadSpec[] | ((s: NodeScene) => node.Deployment), string][] = [
    ['no workloads', [], 'has no workloads'],
    ['a workload name with a dash', [{ ...vm(), name: 'my-vm' }], 'workload name "my-vm" must be 1-36 characters'],
    ['an empty workload name', [{ ...vm(), name: '' }], 'workload name "" must be 1-36 characters'],
    ['a workload name of 40 characters', [{ ...vm(), name: 'v'.repeat(40) }], 'must be 1-36 characters'],
    ['two workloads of one name', [vm(), vm()], 'workload name vm is used twice'],
    ['a workload type that does not exist', [{ name: 'g', type: 'gpu', data: {} }], 'type "gpu" is not supported by this node'],
    ['workload data that is not JSON', (s) => withData(s, 'zmachine', '{flist: nope'), 'data is not JSON'],
    ['workload data that is a JSON list', (s) => withData(s, 'zmachine', '[1,2]'), 'data must be a JSON object'],
    [
      'workload data of invalid UTF-8',
      (s) => withData(s, 'zmachine', Buffer.from([0xc3, 0x28, 0xa0, 0xa1]).toString('latin1')),
      'data is not',
    ],
    ['a VM without flist', machine({ flist: undefined }), 'flist must be the URL of an flist'],
    [
      'a VM with cpu "abc"',
      machine({ compute_capacity: { cpu: 'abc', memory: 512 * MiB } }),
      'compute_capacity.cpu "abc" must be a whole number from 1 to 32',
    ],
    ['a VM with 0 cpu', machine({ compute_capacity: { cpu: 0, memory: 512 * MiB } }), 'compute_capacity.cpu 0 must be a whole number'],
    ['a VM with -4 cpu', machine({ compute_capacity: { cpu: -4, memory: 512 * MiB } }), 'compute_capacity.cpu -4 must be a whole number'],
    [
      'a VM with 33 cpu',
      machine({ compute_capacity: { cpu: 33, memory: 512 * MiB } }),
      'compute_capacity.cpu 33 must be a whole number from 1 to 32',
    ],
    [
      'a VM with 1.5 cpu',
      machine({ compute_capacity: { cpu: 1.5, memory: 512 * MiB } }),
      'compute_capacity.cpu 1.5 must be a whole number',
    ],
    ['a VM with 1 byte of memory', machine({ compute_capacity: { cpu: 1, memory: 1 } }), 'compute_capacity.memory 1 must be at least'],
    [
      'a VM with negative memory',
      machine({ compute_capacity: { cpu: 1, memory: -512 * MiB } }),
      'compute_capacity.memory -536870912 must be at least',
    ],
    ['a VM without compute_capacity', machine({ compute_capacity: undefined }), 'compute_capacity {cpu, memory} is required'],
    ['a VM with a negative root disk', machine({ size: -5 }), 'size (the root disk, in bytes) must be a number >= 0'],
    ['a VM whose env is a string', machine({ env: 'A=1' }), 'env must be a map of strings'],
    ['a VM whose env holds a number', machine({ env: { A: 1 } }), 'env must be a map of strings'],
    ['a VM without network', machine({ network: undefined }), 'network {interfaces, public_ip, planetary} is required'],
    ['a VM whose interfaces are a string', machine({ network: { interfaces: 'net' } }), 'network.interfaces must be a list'],
    ['a VM with no network at all', machine({ network: { interfaces: [] } }), 'a VM needs at least one network'],
    [
      'a VM mounting at a relative path',
      machine({ mounts: [{ name: 'data', mountpoint: 'data' }] }),
      'mounts must be a list of {name, mountpoint} with absolute mountpoints',
    ],
    ['a disk of -1 bytes', [{ name: 'd', type: 'zmount', data: { size: -1 } }], 'size -1 must be a whole number of bytes above 0'],
    ['a disk of "10GB"', [{ name: 'd', type: 'zmount', data: { size: '10GB' } }], 'size "10GB" must be a whole number of bytes above 0'],
    ['a 0-db of 0 bytes', [{ name: 'db', type: 'zdb', data: { size: 0 } }], 'size 0 must be a whole number of bytes above 0'],
    ['a 0-db of mode "fast"', [{ name: 'db', type: 'zdb', data: { size: 1, mode: 'fast' } }], 'mode "fast" must be "user" or "seq"'],
    ['a 0-db whose password is a number', [{ name: 'db', type: 'zdb', data: { size: 1, password: 1234 } }], 'password must be a string'],
    [
      'a network of a /8',
      [{ name: 'n', type: 'network', data: { ip_range: '10.0.0.0/8', subnet: '10.1.2.0/24' } }],
      'ip_range "10.0.0.0/8" must be an IPv4 /16 range',
    ],
    [
      'a network whose subnet is outside its range',
      [{ name: 'n', type: 'network', data: { ip_range: '10.1.0.0/16', subnet: '10.2.2.0/24' } }],
      'subnet "10.2.2.0/24" must be a /24 inside ip_range',
    ],
    [
      'a network with a short wireguard key',
      [{ name: 'n', type: 'network', data: { ip_range: '10.1.0.0/16', subnet: '10.1.2.0/24', wireguard_private_key: 'abc' } }],
      'wireguard_private_key must be 32 bytes in base64',
    ],
    [
      'a network on port 70000',
      [
        {
          name: 'n',
          type: 'network',
          data: {
            ip_range: '10.1.0.0/16',
            subnet: '10.1.2.0/24',
            wireguard_private_key: Buffer.alloc(32, 1).toString('base64'),
            wireguard_listen_port: 70000,
          },
        },
      ],
      'wireguard_listen_port 70000 must be a port number',
    ],
    ['an ip workload with v4 "yes"', [{ name: 'ip', type: 'ip', data: { v4: 'yes' } }], 'v4 must be true or false'],
    ['an ip workload asking for nothing', [{ name: 'ip', type: 'ip', data: {} }], 'an ip workload needs v4 or v6'],
    ['a new deployment of version 5', (s) => s.h.deployment(s.owner, [vm()], 5), 'a new deployment must have version 0, not 5'],
    [
      'a workload of a version above the deployment',
      (s) => s.h.deployment(s.owner, [{ ...vm(), version: 3 }]),
      "workload vm has version 3, above the deployment's version 0",
    ],
  ];
  return table.map(([what, workloads, words]) =>
    input(group, `a Deploy of ${what}`, new RegExp(`INVALID_ARGUMENT: .*${escape(words)}`), shaped(workloads), scene),
  );
}

function withData(s: NodeScene, type: string, data: string): node.Deployment {
  const d = s.h.deployment(s.owner, [{ name: 'w', type, data: {} }]);
  return { ...d, workloads: [{ ...d.workloads![0], data }] };
}

/** Deployments well formed but not backed by the chain: the contract, its hash, the signatures, the capacity. */
function chainInputs(scene: () => NodeScene): AdversarialCase[] {
  const group = 'deployments';
  const withContract = async (s: NodeScene, user: User, d: node.Deployment, hash = deploymentHashHex(d)) => {
    const id = (
      await s.h.chain.client.submit(user.key, { createNodeContract: { nodeId: s.h.nodes[0].nodeId, deploymentHash: hash, publicIps: 0 } })
    ).createdIds[0];
    return { ...d, contractId: id };
  };
  const fresh = (s: NodeScene, workloads: WorkloadSpec[] = [vm()]) => s.h.deployment(s.owner, workloads);
  return [
    input(
      group,
      'a Deploy without contract_id',
      /INVALID_ARGUMENT: the deployment has no contract_id: create its node contract on chain first/,
      (s) => call(s, 'Deploy', signDeployment(fresh(s), s.owner.twinId, s.owner.key)),
      scene,
    ),
    input(
      group,
      'a Deploy without signatures',
      /PERMISSION_DENIED: bad signature on the deployment of contract \d+/,
      async (s) => {
        const d = fresh(s, [vm({ entrypoint: '/unsigned' })]);
        return call(s, 'Deploy', await withContract(s, s.owner, d));
      },
      scene,
    ),
    input(
      group,
      'a Deploy whose signature is garbage',
      /PERMISSION_DENIED: bad signature on the deployment of contract \d+/,
      async (s) => {
        const d = await withContract(s, s.owner, fresh(s, [vm({ entrypoint: '/garbage' })]));
        return call(s, 'Deploy', {
          ...d,
          signatureRequirement: {
            ...d.signatureRequirement!,
            signatures: [{ twinId: s.owner.twinId, signature: 'not-hex', signatureType: 'ed25519' }],
          },
        });
      },
      scene,
    ),
    input(
      group,
      "a Deploy signed with another twin's key",
      /PERMISSION_DENIED: bad signature on the deployment of contract \d+/,
      async (s) => {
        const d = await withContract(s, s.owner, fresh(s, [vm({ entrypoint: '/other-key' })]));
        return call(s, 'Deploy', signDeployment(d, s.owner.twinId, s.attacker.key));
      },
      scene,
    ),
    input(
      group,
      "a Deploy whose hash differs from its contract's",
      /FAILED_PRECONDITION: the deployment's hash [0-9a-f]+ differs from the hash [0-9a-f]+ of contract \d+ on chain/,
      async (s) => {
        const d = await withContract(s, s.owner, fresh(s, [vm({ entrypoint: '/hash' })]), 'ab'.repeat(16));
        return call(s, 'Deploy', signDeployment(d, s.owner.twinId, s.owner.key));
      },
      scene,
    ),
    input(
      group,
      'a Deploy asking for 100 TB of memory',
      /RESOURCE_EXHAUSTED: .*node \d+/,
      async (s) => {
        const d = await withContract(s, s.owner, fresh(s, [vm({ compute_capacity: { cpu: 32, memory: 100 * 2 ** 40 } })]));
        return call(s, 'Deploy', signDeployment(d, s.owner.twinId, s.owner.key));
      },
      scene,
    ),
    input(
      group,
      'an Update of a contract the node does not hold',
      /NOT_FOUND: node \d+ has no deployment for contract 424242/,
      (s) => call(s, 'Update', signDeployment({ ...fresh(s), version: 1, contractId: 424242 }, s.owner.twinId, s.owner.key)),
      scene,
    ),
    input(
      group,
      'an Update that skips a version',
      /INVALID_ARGUMENT: an update must have version \d+ \(the deployment is at \d+\), not 9/,
      (s) =>
        call(s, 'Update', signDeployment(s.h.deployment(s.owner, [disk(), vm(), zdb()], 9, s.contractId), s.owner.twinId, s.owner.key)),
      scene,
    ),
    input(
      group,
      "an Update that changes a workload's type",
      /INVALID_ARGUMENT: workload vm cannot change type from zmachine to zmount/,
      async (s) => {
        const current = await s.h.as(s.owner).get(s.owner.twinId, s.contractId);
        return call(
          s,
          'Update',
          signDeployment(
            s.h.deployment(s.owner, [disk(), { name: 'vm', type: 'zmount', data: { size: 1 } }, zdb()], current.version + 1, s.contractId),
            s.owner.twinId,
            s.owner.key,
          ),
        );
      },
      scene,
    ),
  ];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every case of the node's part; `scene` gives the started scene when a case runs. */
export function nodeCases(scene: () => NodeScene): AdversarialCase[] {
  return [
    ...readAttacks(scene),
    ...writeAttacks(scene),
    ...secretAttacks(scene),
    ...headerInputs(scene),
    ...requestInputs(scene),
    ...deploymentInputs(scene),
    ...chainInputs(scene),
  ];
}
