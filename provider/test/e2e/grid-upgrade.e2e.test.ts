// gridform grid upgrade on a local grid running three examples (quickstart, zdb-and-containers,
// gateway): every node restarts on the new version one at a time and the chain shows it; every
// workload keeps its state, IPs and results (read from the nodes before and after), no workload
// was provisioned again (the nodes' logs of state changes did not grow), the contracts are the
// same, and a plan afterwards has nothing to do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { copyExample, devNodeClient, gridform, readGrid } from './cli';

jest.setTimeout(400_000);

const EXAMPLES = ['quickstart', 'zdb-and-containers', 'gateway'];

describe('grid upgrade on a grid running the examples', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upgrade-'));
  const apps = EXAMPLES.map((name) => copyExample(name));

  /** Every deployment of the dev twin on every node: its workloads' results, and how many state changes each logged. */
  async function held(): Promise<Record<string, unknown>> {
    const grid = readGrid(home);
    const out: Record<string, unknown> = {};
    for (const n of grid.nodes) {
      const client = devNodeClient(grid, n);
      try {
        for (const d of await client.list(grid.devAccount.twinId)) {
          const changes = await client.changes(grid.devAccount.twinId, d.contractId);
          out[`node ${n.id} contract ${d.contractId}`] = {
            version: d.version,
            workloads: d.workloads.map((w) => [w.name, w.result]),
            changes: changes.length,
          };
        }
      } finally {
        client.close();
      }
    }
    return out;
  }

  async function chainNodes() {
    const chain = new ChainClient(readGrid(home).chain.address);
    try {
      return { nodes: await chain.nodes(), contracts: await chain.contracts({ twinId: readGrid(home).devAccount.twinId }) };
    } finally {
      chain.close();
    }
  }

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3'], { home })).code).toBe(0);
    for (const app of apps) {
      const apply = await gridform(['apply', '-auto-approve', '-no-color'], { cwd: app, home });
      expect(apply.stderr).not.toContain('Error');
      expect(apply.code).toBe(0);
    }
  });
  afterAll(async () => {
    // grid down --purge removes the chain and the nodes with everything deployed (destroy is tested elsewhere)
    await gridform(['grid', 'down', '--purge'], { home });
    apps.forEach((app) => fs.rmSync(app, { recursive: true, force: true }));
  });

  it('moves every node to the new version and keeps every workload as it was, with nothing re-created', async () => {
    const before = await held();
    const chainBefore = await chainNodes();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(5);
    expect(chainBefore.nodes.map((n) => n.version)).toEqual(['0.1.0', '0.1.0', '0.1.0']);

    const upgrade = await gridform(['grid', 'upgrade'], { home });
    expect(upgrade.stdout).toContain('Upgraded 3 node(s) to 0.2.0: 1, 2, 3.');
    expect(upgrade.stderr).toMatch(/node 1: upgraded from 0\.1\.0 to 0\.2\.0; the chain shows 0\.2\.0/);
    expect(upgrade.stderr).not.toMatch(/not restored/);

    const chainAfter = await chainNodes();
    expect(chainAfter.nodes.map((n) => [n.id, n.status, n.version])).toEqual([
      [1, 'up', '0.2.0'],
      [2, 'up', '0.2.0'],
      [3, 'up', '0.2.0'],
    ]);
    expect(chainAfter.contracts).toEqual(chainBefore.contracts);
    expect(await held()).toEqual(before);
    for (const app of apps) {
      // -skip-synth: the apps are unchanged since beforeAll synthesized them (a synth costs ~9 s of CPU)
      const plan = await gridform(['plan', '-skip-synth', '-detailed-exitcode', '-no-color'], { cwd: app, home });
      expect({ app, code: plan.code, error: plan.stderr.includes('Error') }).toEqual({ app, code: 0, error: false });
    }
  });
});
