// What a local grid receives for attributes a configuration leaves unset, as terraform-provider-
// grid's defaults say (the default column of provider/README.md's audit): the contracts' metadata
// names a deployment "vm" in project "vm/vm" and a cluster's project "kubernetes/MASTER"; the
// master boots upstream's k3s flist; a name proxy carries upstream's description, which an import
// reads back as unset.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { K3S_FLIST } from '../../src/resources/kubernetes';
import { devNodeClient, gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(240_000);

const FLIST = 'https://hub.grid.tf/tf-official-apps/base:latest.flist';

function doc(): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'defaults', nodes: [1, 2], ip_range: '10.41.0.0/16' } },
      grid_deployment: {
        app: { node: 2, network_name: '${grid_network.net.name}', vms: [{ name: 'web', flist: FLIST, cpu: 1, memory: 256 }] },
      },
      grid_kubernetes: {
        k8s: {
          network_name: '${grid_network.net.name}',
          token: 'token12345',
          master: { name: 'mr', node: 2, cpu: 1, memory: 1024, disk_size: 5 },
        },
      },
      grid_name_proxy: {
        proxy: {
          node: 1,
          name: 'defaults',
          backends: ['http://${grid_deployment.app.vms[0].ip}:80'],
          network: 'defaults',
          solution_type: 'shop',
        },
      },
    },
  };
}

describe("upstream's defaults, as a local grid receives them", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-defaults-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-defaults-app-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc()));
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names, projects, the k3s flist and the name proxy description left unset take upstream values', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    const grid = readGrid(home);
    const chain = new ChainClient(grid.chain.address);
    let metadata: Record<string, unknown>[];
    try {
      const contracts = (await chain.contracts({ twinId: grid.devAccount.twinId })).filter((c) => c.type === 'node');
      metadata = contracts.map((c) => JSON.parse(c.deploymentData) as Record<string, unknown>);
    } finally {
      chain.close();
    }
    expect(metadata).toContainEqual(expect.objectContaining({ type: 'vm', name: 'vm', projectName: 'vm/vm' }));
    expect(metadata).toContainEqual(expect.objectContaining({ type: 'kubernetes', name: 'mr', projectName: 'kubernetes/mr' }));
    expect(metadata.filter((m) => m.type === 'network').map((m) => m.projectName)).toEqual(['Network', 'Network']);

    const workloads = [];
    for (const n of grid.nodes) {
      const client = devNodeClient(grid, n);
      try {
        workloads.push(...(await client.list(grid.devAccount.twinId)).flatMap((d) => d.workloads));
      } finally {
        client.close();
      }
    }
    const master = workloads.find((w) => w.type === 'zmachine' && w.name === 'mr')!;
    expect((JSON.parse(master.data) as { flist: string }).flist).toBe(K3S_FLIST);
    const proxy = workloads.find((w) => w.type === 'gateway-name-proxy')!;
    expect(proxy.description).toBe('Description of the gateway name workload.');
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it("an imported name proxy reads upstream's description back as unset, its network and project as set", async () => {
    const id = String(
      JSON.parse((await run('state', 'pull')).stdout).resources.find((r: { type: string }) => r.type === 'grid_name_proxy').instances[0]
        .attributes.id,
    );
    expect((await run('state', 'rm', 'grid_name_proxy.proxy')).code).toBe(0);
    expect((await run('import', 'grid_name_proxy.proxy', id)).code).toBe(0);
    const shown = (await run('state', 'show', 'grid_name_proxy.proxy')).stdout;
    expect(shown).not.toContain('description');
    expect(shown).toContain('network            = "defaults"');
    expect(shown).toContain('solution_type      = "shop"');
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('destroy leaves nothing', async () => {
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
