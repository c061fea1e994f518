// `gridform node deployments NODE_ID`: a node's deployments and the state of each workload.
import { parseArgs } from 'node:util';
import { ChainClient, NodeClient, deploymentHashHex } from '../../proto';
import type { ExtraCommand } from '../../engine';
import { chainAddress, fail } from './chain-address';
import { chainPeer, nodePeer } from '../src/grid/context';
import { table } from './table';

export const nodeCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, chain: { type: 'string' }, twin: { type: 'string' } } });
    } catch (err) {
      return fail(io, (err as Error).message);
    }
    const [sub, id] = parsed.positionals;
    if (sub !== 'deployments' || !/^\d+$/.test(id ?? '')) return fail(io, 'usage: gridform node deployments NODE_ID [--twin ID] [--json]');
    const chain = new ChainClient(chainAddress(parsed.values.chain, io), { peer: chainPeer() });
    let node: NodeClient | undefined;
    try {
      node = new NodeClient((await chain.node(Number(id))).address, { peer: nodePeer(Number(id)) });
      const deployments = (await node.list(Number(parsed.values.twin ?? 0))).map((d) => ({
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
