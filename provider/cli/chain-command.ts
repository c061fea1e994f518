// `gridform chain ...`: what a user would otherwise need an explorer for, and the time warp of a
// local chain.
import { parseArgs } from 'node:util';
import { ChainClient, unitsToTft } from '../../proto';
import { helpText, type CliIO, type ExtraCommand } from '../../engine';
import { chainPeer } from '../src/grid/context';
import { adminToken, chainAddress, fail } from './chain-address';
import { table } from './table';
import { CHAIN_SPEC, parseOptions } from './command-specs';

type Values = { twin?: string; node?: string; json?: boolean; chain?: string; from?: string; hours?: string };

export const chainCommand: Pick<ExtraCommand, 'run'> = {
  async run(argv, io) {
    // runCli checked the arguments against CHAIN_SPEC
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: parseOptions(CHAIN_SPEC) });
    const values = parsed.values as Values;
    const positionals = parsed.positionals;
    const sub = parsed.positionals[0];
    if (!sub || !Object.hasOwn(CHAIN_SPEC.subcommands!, sub)) return (io.stderr.write(helpText(['chain'], CHAIN_SPEC, '--')), 1);
    const client = new ChainClient(chainAddress(values.chain, io), { peer: chainPeer(), adminToken: adminToken(io) });
    try {
      return await run(client, positionals, values, io);
    } catch (err) {
      return fail(io, `${(err as Error).message}`);
    } finally {
      client.close();
    }
  },
};

async function run(client: ChainClient, [sub, arg]: string[], v: Values, io: CliIO): Promise<number> {
  const out = (rows: unknown[], render: () => string) => (io.stdout.write(v.json ? JSON.stringify(rows, null, 2) + '\n' : render()), 0);
  switch (sub) {
    case 'nodes': {
      const nodes = await client.nodes();
      const info = await client.info();
      const seen = (t: number) => (t ? `${ago(info.timestamp - t)} ago` : 'never');
      const header = ['ID', 'FARM', 'TWIN', 'STATUS', 'VERSION', 'LAST REPORT', 'CRU', 'MRU GiB', 'SRU GiB', 'ADDRESS'];
      const rows = nodes.map((n) => [
        n.id,
        n.farmId,
        n.twinId,
        n.status,
        n.version || '-',
        seen(n.lastReport),
        n.resources?.cru,
        gib(n.resources?.mru),
        gib(n.resources?.sru),
        n.address,
      ]);
      return out(nodes, () => table(header, rows));
    }
    case 'farms': {
      const farms = await client.farms(Number(v.twin ?? 0));
      return out(farms, () =>
        table(
          ['ID', 'NAME', 'TWIN', 'PUBLIC IPS', 'FREE'],
          farms.map((f) => [f.id, f.name, f.twinId, f.publicIps.length, f.publicIps.filter((p) => !p.contractId).length]),
        ),
      );
    }
    case 'contracts': {
      const cs = await client.contracts({ twinId: Number(v.twin ?? 0), nodeId: Number(v.node ?? 0) });
      return out(cs, () =>
        table(
          ['ID', 'TYPE', 'STATE', 'TWIN', 'NODE', 'HASH/NAME', 'PUBLIC IPS'],
          cs.map((c) => [
            c.id,
            c.type,
            c.state + (c.deletedReason ? `(${c.deletedReason})` : ''),
            c.twinId,
            c.nodeId || '',
            c.name || c.deploymentHash,
            c.publicIpsList.map((p) => p.ip).join(' '),
          ]),
        ),
      );
    }
    case 'bills': {
      if (!/^\d+$/.test(arg)) return fail(io, `bills takes a contract id (a number), not ${JSON.stringify(arg)}`);
      const bills = (await client.bills(Number(arg))).map((b) => ({ ...b, amountTft: unitsToTft(b.amount) }));
      return out(bills, () =>
        table(
          ['TIME', 'BLOCK', 'AMOUNT TFT', 'DISCOUNT', 'SECONDS'],
          bills.map((b) => [new Date(b.timestamp * 1000).toISOString(), b.block, b.amountTft, b.discountLevel, b.seconds]),
        ),
      );
    }
    case 'events': {
      const from = Number(v.from ?? 0);
      const { block } = await client.info();
      const events: { block: number; type: string; data: unknown }[] = [];
      await new Promise<void>((resolve, reject) => {
        const sub = client.subscribe(
          from,
          (e) => {
            events.push({ block: e.block, type: e.type, data: JSON.parse(e.data) });
            if (e.block >= block) {
              sub.cancel();
              resolve();
            }
          },
          (err) => (err ? reject(err) : resolve()),
        );
        if (from > block) {
          sub.cancel();
          resolve();
        }
      });
      return out(events, () =>
        table(
          ['BLOCK', 'EVENT', 'DATA'],
          events.map((e) => [e.block, e.type, JSON.stringify(e.data)]),
        ),
      );
    }
    case 'advance': {
      const hours = Number(v.hours);
      if (!v.hours || !(hours > 0)) return fail(io, 'advance needs --hours H (a number above 0)');
      const wereUp = (await client.nodes()).filter((n) => n.status === 'up').map((n) => n.id);
      const info = await client.advanceTime(Math.round(hours * 3600));
      io.stdout.write(`Chain time is now ${new Date(info.timestamp * 1000).toISOString()} (block ${info.block}).\n`);
      const down = await stillSilent(client, wereUp);
      const which = `Node${down.length === 1 ? '' : 's'} ${down.join(', ')}`;
      if (down.length) io.stdout.write(`${which} did not report uptime since: down on the chain.\n`);
      return 0;
    }
    default:
      throw new Error(`no chain subcommand ${sub}`);
  }
}

/**
 * The nodes of `ids` (up before a time warp) that are not up after it. Running nodes report within
 * a second of seeing the new chain time; this waits up to `waitMs` for them, so what it prints (and
 * what chain nodes shows next) is settled.
 */
async function stillSilent(client: ChainClient, ids: number[], waitMs = 5000): Promise<number[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const silent = (await client.nodes()).filter((n) => ids.includes(n.id) && n.status !== 'up').map((n) => n.id);
    if (!silent.length || Date.now() > deadline) return silent;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** 95 -> "1m35s", 7300 -> "2h1m" */
function ago(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60}s`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

function gib(bytes: number | undefined): string {
  return bytes ? String(Math.round(bytes / 2 ** 30)) : '0';
}
