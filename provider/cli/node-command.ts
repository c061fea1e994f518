// `gridform node deployments NODE_ID`: your deployments on a node and the state of each workload.
// The node answers only the twin that signs the call: the account of MNEMONIC, else the local
// grid's dev account. `node stop|start|restart|upgrade` run the zos-sim launcher on a node of the
// local grid; `node join --farm ID` checks the farm is the farmer's, then has the launcher start a
// node daemon that registers itself in it.
import { parseArgs } from 'node:util';
import { ChainClient, NodeClient, deploymentHashHex, keyPairFromMnemonic } from '../../proto';
import { myMnemonic } from './account-command';
import { helpText, type CliIO, type ExtraCommand } from '../../engine';
import { NODE_SPEC, parseOptions } from './command-specs';
import { chainAddress, fail } from './chain-address';
import { chainPeer, nodePeer } from '../src/grid/context';
import { table } from './table';
import { runLauncher } from './grid-command';
import { farmer, ownFarm } from './farm-command';
import { rentNode } from './node-rent';

const LIFECYCLE = new Set(['stop', 'start', 'restart', 'upgrade']);

/** The farmer powers a node of its farm down (standby on the chain) or up again; the chain checks who asks. */
async function power(id: string, values: { target?: string; chain?: string }, io: CliIO): Promise<number> {
  if (!/^\d+$/.test(id)) return fail(io, `power takes a node id (a number), not ${JSON.stringify(id)}`);
  if (!values.target) return fail(io, 'power needs --target up or --target down');
  const target = values.target.toLowerCase() === 'up' ? 'Up' : 'Down';
  const chain = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer() });
  try {
    const me = await farmer(chain, io);
    await chain.submit(me.key, { changePowerTarget: { nodeId: Number(id), powerTarget: target } });
    const node = await chain.node(Number(id));
    io.stdout.write(`Node ${id}: power target ${target}; the chain has it ${node.status}.\n`);
    return 0;
  } catch (err) {
    return fail(io, `node ${id}: ${(err as Error).message}`);
  } finally {
    chain.close();
  }
}

/** Refuses a farm that does not exist or is not the farmer's before any process starts. */
async function join(argv: string[], values: { farm?: string; chain?: string }, io: CliIO): Promise<number> {
  if (!/^\d+$/.test(values.farm ?? '')) return fail(io, 'join needs --farm ID (the farm the node joins)');
  const chain = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer() });
  try {
    const me = await farmer(chain, io);
    await ownFarm(chain, Number(values.farm), me.twinId);
  } catch (err) {
    return fail(io, `node join: ${(err as Error).message}`);
  } finally {
    chain.close();
  }
  return runLauncher(['node', ...argv], io);
}

export const nodeCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    // runCli checked the arguments against NODE_SPEC
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: parseOptions(NODE_SPEC) });
    const values = parsed.values as { json?: boolean; chain?: string };
    const [sub, id] = parsed.positionals;
    if (LIFECYCLE.has(sub)) return runLauncher(['node', ...argv], io);
    if (sub === 'join') return join(argv, parsed.values as { farm?: string; chain?: string }, io);
    if (sub === 'power') return power(id, parsed.values as { target?: string; chain?: string }, io);
    if (sub === 'rent' || sub === 'unrent') return rentNode(sub, id, values, io);
    if (sub !== 'deployments') return (io.stderr.write(helpText(['node'], NODE_SPEC, '--')), 1);
    if (!/^\d+$/.test(id)) return fail(io, `deployments takes a node id (a number), not ${JSON.stringify(id)}`);
    const mnemonic = myMnemonic(io);
    if (!mnemonic)
      return fail(io, 'no account to ask as: the node shows a twin its own deployments only; export MNEMONIC or start a local grid');
    const chain = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer() });
    let node: NodeClient | undefined;
    try {
      const key = keyPairFromMnemonic(mnemonic);
      const twinId = (await chain.twinByAccount(key.publicKey)).id;
      const signer = { twinId, key, nodeId: Number(id) };
      node = new NodeClient((await chain.node(Number(id))).address, { signer, peer: nodePeer(Number(id)) });
      const deployments = (await node.list(twinId)).map((d) => ({
        contractId: d.contractId,
        twinId: d.twinId,
        version: d.version,
        hash: deploymentHashHex(d),
        workloads: d.workloads.map((w) => ({
          name: w.name,
          type: w.type,
          version: w.version,
          state: w.result?.state,
          message: w.result?.message,
          result: JSON.parse(w.result?.data || '{}') as unknown,
        })),
      }));
      if (values.json) io.stdout.write(JSON.stringify(deployments, null, 2) + '\n');
      else
        io.stdout.write(
          table(
            ['CONTRACT', 'TWIN', 'WORKLOAD', 'TYPE', 'STATE', 'MESSAGE'],
            deployments.flatMap((d) => d.workloads.map((w) => [d.contractId, d.twinId, w.name, w.type, w.state, w.message])),
          ),
        );
      return 0;
    } catch (err) {
      return fail(io, `node ${id}: ${(err as Error).message}`);
    } finally {
      node?.close();
      chain.close();
    }
  },
};
