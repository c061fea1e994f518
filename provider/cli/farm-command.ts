// `gridform farm create|add-ip|remove-ip|list`: a farmer's own farms, signed by the farmer's
// account (MNEMONIC, else the local grid's farmer). The chain applies TFChain's rules and refuses
// with a message naming what is wrong; a refused call changes nothing.
import { parseArgs } from 'node:util';
import { ChainClient, keyPairFromMnemonic, type KeyPair } from '../../proto';
import { helpText, type CliIO, type ExtraCommand } from '../../engine';
import { chainPeer } from '../src/grid/context';
import { readLocalGrid } from '../src/grid/settings';
import { chainAddress, fail } from './chain-address';
import { FARM_SPEC, parseOptions } from './command-specs';
import { table } from './table';

type Values = { farm?: string; gateway?: string; chain?: string; json?: boolean };

/** The farmer the CLI acts as: MNEMONIC, else the local grid's farmer account. */
export function farmerMnemonic(io: CliIO): string | undefined {
  return io.env.MNEMONIC || readLocalGrid(io.env)?.farmer?.mnemonic;
}

/** The farmer's key and twin; a refusal when the account has none. */
export async function farmer(client: ChainClient, io: CliIO): Promise<{ key: KeyPair; twinId: number }> {
  const mnemonic = farmerMnemonic(io);
  if (!mnemonic)
    throw new Error("no farmer account: export MNEMONIC (the farmer's own), or start a local grid (its farmer account is used)");
  const key = keyPairFromMnemonic(mnemonic);
  const twin = await client.twinByAccount(key.publicKey).catch(() => undefined);
  if (!twin) throw new Error(`account ${key.publicKey} has no twin on the chain: create one first (gridform account create)`);
  return { key, twinId: twin.id };
}

/** The farm, when it exists and the farmer owns it; else an error naming the farm and its owner. */
export async function ownFarm(client: ChainClient, farmId: number, twinId: number) {
  const farm = await client.farm(farmId).catch(() => undefined);
  if (!farm) throw new Error(`farm ${farmId} does not exist (gridform chain farms lists the farms)`);
  if (farm.twinId !== twinId) throw new Error(`farm ${farmId} belongs to twin ${farm.twinId}, not to you (twin ${twinId})`);
  return farm;
}

export const farmCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    // runCli checked the arguments against FARM_SPEC
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: parseOptions(FARM_SPEC) });
    const values = parsed.values as Values;
    const sub = parsed.positionals[0];
    if (!sub || !Object.hasOwn(FARM_SPEC.subcommands!, sub)) return (io.stderr.write(helpText(['farm'], FARM_SPEC, '--')), 1);
    const client = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer() });
    try {
      return await run(client, parsed.positionals, values, io);
    } catch (err) {
      return fail(io, (err as Error).message);
    } finally {
      client.close();
    }
  },
};

async function run(client: ChainClient, [sub, arg]: string[], v: Values, io: CliIO): Promise<number> {
  const me = await farmer(client, io);
  const farmId = () => {
    if (!/^\d+$/.test(v.farm ?? '')) throw new Error(`${sub} needs --farm ID (the farm whose IPs change)`);
    return Number(v.farm);
  };
  switch (sub) {
    case 'create': {
      const id = (await client.submit(me.key, { createFarm: { name: arg } })).createdIds[0];
      const farm = await client.farm(id);
      io.stdout.write(
        v.json
          ? JSON.stringify(farm, null, 2) + '\n'
          : `Farm ${id} (${farm.name}) created for twin ${me.twinId}, certification ${farm.certification}.\n`,
      );
      return 0;
    }
    case 'add-ip': {
      const id = farmId();
      if (!v.gateway) return fail(io, 'add-ip needs --gateway IP (the gateway of the IP, in its subnet)');
      await ownFarm(client, id, me.twinId);
      await client.submit(me.key, { addFarmPublicIps: { farmId: id, publicIps: [{ ip: arg, gateway: v.gateway }] } });
      io.stdout.write(`Added public IP ${arg} (gateway ${v.gateway}) to farm ${id}.\n`);
      return 0;
    }
    case 'remove-ip': {
      const id = farmId();
      await ownFarm(client, id, me.twinId);
      await client.submit(me.key, { removeFarmPublicIp: { farmId: id, ip: arg } });
      io.stdout.write(`Removed public IP ${arg} from farm ${id}.\n`);
      return 0;
    }
    case 'list': {
      const farms = await client.farms(me.twinId);
      if (v.json) return (io.stdout.write(JSON.stringify(farms, null, 2) + '\n'), 0);
      const rows = farms.flatMap((f) =>
        (f.publicIps.length ? f.publicIps : [undefined]).map((ip) => [
          f.id,
          f.name,
          f.certification,
          ip?.ip ?? '-',
          ip?.gateway ?? '',
          ip ? (ip.contractId ? `contract ${ip.contractId}` : 'free') : '',
        ]),
      );
      io.stdout.write(table(['FARM', 'NAME', 'CERTIFICATION', 'PUBLIC IP', 'GATEWAY', 'USED BY'], rows));
      return 0;
    }
    default:
      throw new Error(`no farm subcommand ${sub}`);
  }
}
