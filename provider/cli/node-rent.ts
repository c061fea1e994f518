// `gridform node rent|unrent NODE_ID`: rent a node whole (a rent contract, as TFChain has it) or end
// that rent, as MNEMONIC (else the local grid's dev account). A VM may use a node's GPUs only on a
// node its twin rents; the chain bills the rent (and the node's extra fee) every hour.
import { ChainClient, keyPairFromMnemonic } from '../../proto';
import type { CliIO } from '../../engine';
import { myMnemonic } from './account-command';
import { chainAddress, fail } from './chain-address';
import { chainPeer } from '../src/grid/context';

export async function rentNode(sub: 'rent' | 'unrent', id: string, values: { chain?: string }, io: CliIO): Promise<number> {
  if (!/^\d+$/.test(id ?? '')) return fail(io, `${sub} takes a node id (a number), not ${JSON.stringify(id)}`);
  const mnemonic = myMnemonic(io);
  if (!mnemonic) return fail(io, `no account to ${sub} as: export MNEMONIC or start a local grid`);
  const chain = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer() });
  try {
    const key = keyPairFromMnemonic(mnemonic);
    const twinId = (await chain.twinByAccount(key.publicKey)).id;
    const nodeId = Number(id);
    if (sub === 'rent') {
      const contractId = (await chain.submit(key, { createRentContract: { nodeId } })).createdIds[0];
      io.stdout.write(`Rented node ${nodeId}: rent contract ${contractId} (twin ${twinId}); its GPUs are yours to use.\n`);
      return 0;
    }
    const rent = (await chain.contracts({ twinId, nodeId })).find((c) => c.type === 'rent' && c.state !== 'Deleted');
    if (!rent) return fail(io, `node ${nodeId}: twin ${twinId} has no rent contract on it`);
    await chain.submit(key, { cancelContract: { contractId: rent.id } });
    io.stdout.write(`Node ${nodeId}: rent contract ${rent.id} cancelled.\n`);
    return 0;
  } catch (err) {
    return fail(io, `node ${id}: ${(err as Error).message}`);
  } finally {
    chain.close();
  }
}
