// examples/gitops end to end: its pipeline script against a local grid and a real PostgreSQL
// state backend. The plan exits 2, the saved plan is reviewed and applied, the next plan exits 0;
// a second run finds nothing to do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from '../../../engine/test/support/pg-cluster';
import { copyExample, gridform, GRIDFORM, run } from './cli';

jest.setTimeout(240_000);

describe('gitops pipeline on a local grid with the pg backend', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-gitops-'));
  const app = copyExample('gitops', ['pipeline.sh', 'review-plan.ts', 'print-ui.ts']);
  let pg: PgCluster;
  const pipeline = () =>
    run('bash', [path.join(app, 'pipeline.sh')], {
      cwd: app,
      home,
      env: { PG_CONN_STR: pg.connectionString, GRIDFORM: `${process.execPath} ${GRIDFORM}` },
    });

  beforeAll(async () => {
    pg = await startPgCluster();
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    await pg.stop();
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('plans with exit code 2, reviews the JSON, applies the saved plan, and plans again with exit code 0', async () => {
    const r = await pipeline();
    expect(r.stdout).toContain('Changes planned: saved in tfplan.');
    expect(r.stdout).toContain('create         grid_deployment.web');
    expect(r.stdout).toContain('Review passed: 2 change(s), 0 destructive.');
    expect(r.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(r.stdout).toContain('Converged: the grid matches main.');
    expect(r.code).toBe(0);
    const db = new Client({ connectionString: pg.connectionString });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT data FROM gridform_gitops.states WHERE name = $1', ['default']);
      expect(
        JSON.parse(rows[0].data)
          .resources.map((x: { type: string }) => x.type)
          .sort(),
      ).toEqual(['grid_deployment', 'grid_network']);
    } finally {
      await db.end();
    }
  });

  it('a second run finds nothing to do', async () => {
    const r = await pipeline();
    expect(r.stdout).toContain('No changes: nothing to apply.');
    expect(r.code).toBe(0);
  });
});
