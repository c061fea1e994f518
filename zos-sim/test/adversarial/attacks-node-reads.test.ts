// Nobody reads another twin's deployments: a node answers Get, List and Changes only to the twin
// whose signed call header it verifies against the chain, and only with that twin's deployments,
// so environment values, 0-db passwords and wireguard private keys stay with their owner.
import * as grpc from '@grpc/grpc-js';
import { CALL_AUTH_HEADERS, NodeClient, nodeProto, signCall } from '../../../proto';
import { NodeHarness, type User } from '../support/node-harness';

const SECRET_ENV = { API_TOKEN: 'owner-only-token' };

describe('who may read a deployment on a node', () => {
  let h: NodeHarness;
  let owner: User;
  let attacker: User;
  let contractId: number;

  beforeAll(async () => {
    h = await NodeHarness.start();
    await h.addNode();
    await h.addNode();
    [owner, attacker] = await Promise.all([h.user(), h.user()]);
    const disk = { name: 'data', type: 'zmount', data: { size: 2 ** 30 } };
    const vm = {
      name: 'vm',
      type: 'zmachine',
      data: { flist: 'https://hub/base.flist', network: { interfaces: [], planetary: true }, size: 0, compute_capacity: { cpu: 1, memory: 512 * 2 ** 20 }, mounts: [], env: SECRET_ENV },
    };
    contractId = (await h.deploy(owner, [disk, vm])).contractId;
  });
  afterAll(() => h.stop());

  it('the owner reads its deployment, secrets included', async () => {
    const d = await h.as(owner).get(owner.twinId, contractId);
    expect(d.workloads.find((w) => w.name === 'vm')!.data).toContain('owner-only-token');
    expect((await h.as(owner).list(owner.twinId)).map((x) => Number(x.contractId))).toEqual([contractId]);
  });

  it('an unsigned Get, List or Changes is refused, whatever twin it claims', async () => {
    const anonymous = h.clients[0];
    for (const call of [anonymous.get(owner.twinId, contractId), anonymous.list(owner.twinId), anonymous.changes(owner.twinId, contractId)]) {
      await expect(call).rejects.toThrow(`node ${h.nodes[0].nodeId} answers this call only when it is signed by the calling twin`);
    }
    await expect(anonymous.list(0)).rejects.toThrow('signed by the calling twin');
  });

  it("another twin, signing as itself, gets neither the owner's deployment nor its existence", async () => {
    const other = h.as(attacker);
    await expect(other.get(owner.twinId, contractId)).rejects.toThrow(`twin ${attacker.twinId} cannot read the deployments of twin ${owner.twinId}`);
    await expect(other.list(owner.twinId)).rejects.toThrow('cannot read the deployments of twin');
    await expect(other.changes(owner.twinId, contractId)).rejects.toThrow('cannot read the deployments of twin');
    await expect(other.get(attacker.twinId, contractId)).rejects.toThrow(`has no deployment for contract ${contractId} of twin ${attacker.twinId}`);
    expect(await other.list(attacker.twinId)).toEqual([]);
  });

  it("a header claiming the owner's twin but signed with another key is refused", async () => {
    const forged = new NodeClient(h.nodes[0].address, { signer: { twinId: owner.twinId, key: attacker.key, nodeId: h.nodes[0].nodeId } });
    try {
      await expect(forged.get(owner.twinId, contractId)).rejects.toThrow(`the call is not signed by twin ${owner.twinId}'s key for node ${h.nodes[0].nodeId}`);
    } finally {
      forged.close();
    }
  });

  it("the owner's header made for another node cannot be replayed to this one", async () => {
    const auth = signCall({ twinId: owner.twinId, key: owner.key, nodeId: h.nodes[1].nodeId });
    await expect(rawGet(h.nodes[0].address, auth)).rejects.toThrow(`not signed by twin ${owner.twinId}'s key for node ${h.nodes[0].nodeId}`);
  });

  it('a header signed an hour ago is refused', async () => {
    const auth = signCall({ twinId: owner.twinId, key: owner.key, nodeId: h.nodes[0].nodeId }, Date.now() - 3_600_000);
    await expect(rawGet(h.nodes[0].address, auth)).rejects.toThrow("away from the node's time");
  });

  /** A Get sent with a hand-made header, as an attacker's own client would send it. */
  function rawGet(address: string, auth: { twinId: number; time: number; signature: string }): Promise<unknown> {
    const client = new (nodeProto().gridform.node.Node)(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      Get(req: unknown, md: grpc.Metadata, cb: (err: grpc.ServiceError | null) => void): void;
    };
    const metadata = new grpc.Metadata();
    metadata.set(CALL_AUTH_HEADERS.twin, String(auth.twinId));
    metadata.set(CALL_AUTH_HEADERS.time, String(auth.time));
    metadata.set(CALL_AUTH_HEADERS.signature, auth.signature);
    return new Promise((resolve, reject) =>
      client.Get({ twinId: auth.twinId, contractId }, metadata, (err) => {
        client.close();
        if (err) reject(new Error(err.details));
        else resolve(undefined);
      }),
    );
  }
});
