// `gridform account create|balance|transfer`: accounts on a local chain (the faucet funds them).
import { parseArgs } from 'node:util';
import { ChainClient, generateMnemonic, keyPairFromMnemonic, tftToUnits, unitsToTft } from '../../proto';
import { helpText, type CliIO, type ExtraCommand } from '../../engine';
import { chainPeer } from '../src/grid/context';
import { adminToken, chainAddress, fail } from './chain-address';
import { readLocalGrid } from '../src/grid/settings';

import { ACCOUNT_SPEC, parseOptions } from './command-specs';

type Values = { fund?: string; to?: string; amount?: string; chain?: string; json?: boolean };

export const accountCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    // runCli checked the arguments against ACCOUNT_SPEC
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: parseOptions(ACCOUNT_SPEC) });
    const values = parsed.values as Values;
    const sub = parsed.positionals[0];
    if (!sub || !Object.hasOwn(ACCOUNT_SPEC.subcommands!, sub)) return (io.stderr.write(helpText(['account'], ACCOUNT_SPEC, '--')), 1);
    const client = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer(), adminToken: adminToken(io) });
    try {
      return await run(client, parsed.positionals, values, io);
    } catch (err) {
      return fail(io, (err as Error).message);
    } finally {
      client.close();
    }
  },
};

/** The account the CLI acts as: MNEMONIC, else the local grid's dev account. */
export function myMnemonic(io: CliIO): string | undefined {
  return io.env.MNEMONIC || readLocalGrid(io.env)?.devAccount.mnemonic;
}

async function run(client: ChainClient, [sub, arg]: string[], v: Values, io: CliIO): Promise<number> {
  switch (sub) {
    case 'create': {
      const mnemonic = generateMnemonic();
      const key = keyPairFromMnemonic(mnemonic);
      await client.fund(key.publicKey, tftToUnits(v.fund ?? '1000'));
      const twinId = (await client.submit(key, { createTwin: { relay: 'relay.local' } })).createdIds[0];
      const balance = unitsToTft((await client.account(key.publicKey)).balance);
      io.stdout.write(
        v.json
          ? JSON.stringify({ mnemonic, accountId: key.publicKey, twinId, balance }, null, 2) + '\n'
          : `Account ${key.publicKey}\n  twin ${twinId}, balance ${balance} TFT\n  mnemonic: ${mnemonic}\n`,
      );
      return 0;
    }
    case 'balance': {
      const mnemonic = myMnemonic(io);
      const id = arg ?? (mnemonic ? keyPairFromMnemonic(mnemonic).publicKey : undefined);
      if (!id) return fail(io, 'no account: pass ACCOUNT_ID, export MNEMONIC, or start a local grid');
      const a = await client.account(id);
      io.stdout.write(
        v.json
          ? JSON.stringify({ ...a, balanceTft: unitsToTft(a.balance) }, null, 2) + '\n'
          : `${unitsToTft(a.balance)} TFT (account ${id}${a.twinId ? `, twin ${a.twinId}` : ''})\n`,
      );
      return 0;
    }
    case 'transfer': {
      const mnemonic = myMnemonic(io);
      if (!mnemonic) return fail(io, 'no account to pay from: export MNEMONIC or start a local grid');
      if (!v.to || !v.amount) return fail(io, 'transfer needs --to ACCOUNT_ID and --amount TFT');
      await client.submit(keyPairFromMnemonic(mnemonic), { transfer: { to: v.to, amount: tftToUnits(v.amount).toString() } });
      io.stdout.write(`Transferred ${v.amount} TFT to ${v.to}.\n`);
      return 0;
    }
    default:
      throw new Error(`no account subcommand ${sub}`);
  }
}
