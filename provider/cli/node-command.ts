// `gridform node deployments NODE_ID`: your deployments on a node and the state of each workload.
// The node answers only the twin that signs the call: the account of MNEMONIC, else the local
// grid's dev account.
import { parseArgs } from 'node:util';
import { ChainClient, NodeClient, deploymentHashHex, keyPairFromMnemonic } from '../../proto';
import { myMnemonic } from './account-command';
import type { ExtraCommand } from '../../engine';
import { chainAddress, fail } from './chain-address';
import { chainPeer, nodePeer } from '../src/grid/context';
import { table } from './table';

export const nodeCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, chain: { type: 'string' } } });
    } catch (err) {
      return fail(io, (err as Error).message);
    }
    const [sub, id] = parsed.positionals;
    if (sub !== 'deployments' || !/^\d+$/.test(id ?? '')) return fail(io, 'usage: gridform node deployments NODE_ID [--json]');
    const mnemonic = myMnemonic(io);
    if (!mnemonic) return fail(io, 'no account to ask as: the node shows a twin its own deployments only; export MNEMONIC or start a local grid');
    const chain = new ChainClient(chainAddress(parsed.values.chain, io), { peer: chainPeer() });
    let node: NodeClient | undefined;
    try {
      const key = keyPairFromMnemonic(mnemonic);
      const twinId = (await chain.twinByAccount(key.publicKey)).id;
      const signer = { twinId, key, nodeId: Number(id) };
      node = new NodeClient((await chain.node(Number(id))).address, { signer, peer: nodePeer(Number(id)) });
      const deployments = (await node.list(twinId)).map((d) => ({
        contractId: d.contractId, twinId: d.twinId, version: d.version, hash: deploymentHashHex(d),
        workloads: d.workloads.map((w) => ({ name: w.name, type: w.type, version: w.version, state: w.result?.state, message: w.result?.message, result: JSON.parse(w.result?.data || '{}') as unknown })),
      }));
      if (parsed.values.json) io.stdout.write(JSON.stringify(deployments, null, 2) + '\n');
      else io.stdout.write(table(['CONTRACT', 'TWIN', 'WORKLOAD', 'TYPE', 'STATE', 'MESSAGE'], deployments.flatMap((d) => d.workloads.map((w) => [d.contractId, d.twinId, w.name, w.type, w.state, w.message]))));
      return 0;
    } catch (err) {
      return fail(io, `node ${id}: ${(err as Error).message}`);
    } finally {
      node?.close();
      chain.close();
    }
  },
};
