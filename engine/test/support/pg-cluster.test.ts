import { Client } from 'pg';
import { startPgCluster } from './pg-cluster';

describe('throwaway PostgreSQL cluster for tests', () => {
  it('starts a real server on a loopback port that answers queries, and stops it', async () => {
    const cluster = await startPgCluster();
    try {
      const client = new Client({ connectionString: cluster.connectionString });
      await client.connect();
      const { rows } = await client.query('select 1 + 1 as two');
      expect(rows[0].two).toBe(2);
      await client.end();
    } finally {
      await cluster.stop();
    }
    const after = new Client({ connectionString: cluster.connectionString, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });
});
