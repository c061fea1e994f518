// One source of truth: the same configuration (main.tf.json for terraform, cdk.tf.json for
// gridform) applied by terraform through terraform-provider-grid and by gridform, one after the
// other on one local grid, gives the same state attributes, apart from the ids the grid hands out,
// and `state show` prints them alike.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, leftOnGrid } from '../e2e/cli';
import { describeWithTerraform, terraform, terraformWorld, type TerraformWorld } from './terraform-cli';

jest.setTimeout(300_000);

function doc(source: string, cpu = 1): unknown {
  return {
    terraform: { required_providers: { grid: { source } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'parity', nodes: [1], ip_range: '10.30.0.0/16', description: 'same in both' } },
      grid_deployment: {
        app: {
          node: 1,
          name: 'app',
          network_name: '${grid_network.net.name}',
          disks: [{ name: 'data', size: 5 }],
          zdbs: [{ name: 'cache', size: 2, mode: 'user', password: 'pw' }],
          vms: [
            {
              name: 'vm',
              flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
              cpu,
              memory: 512,
              planetary: cpu === 2,
              description: '',
              env_vars: { A: 'b' },
            },
          ],
        },
      },
    },
  };
}

type Attributes = Record<string, Record<string, unknown>>;

/** The attributes of each resource in a v4 state file, by address. */
function attributesIn(stateFile: string): Attributes {
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
    resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
  };
  return Object.fromEntries(state.resources.map((r) => [`${r.type}.${r.name}`, r.instances[0].attributes]));
}

/** Ids and contract-derived values differ between two applies; everything else must not. */
function withoutGridIds(attrs: Attributes): Attributes {
  const drop = new Set(['id', 'node_deployment_id', 'namespace', 'mycelium_ip', 'planetary_ip', 'ips']);
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !drop.has(k))
          .map(([k, x]) => [k, clean(x)]),
      );
    return v;
  };
  return clean(attrs) as Attributes;
}

const SHOWN = ['grid_deployment.app', 'grid_network.net'];

/** `state show` text without what differs between two applies: ids, namespaces, contract ids, 0-db addresses. */
function withoutShownIds(text: string): string {
  return text
    .replace(/^( +id += )".*"$/gm, '$1"ID"')
    .replace(/(namespace += )"\d+-/g, '$1"N-')
    .replace(/^( +"\d+" += )\d+$/gm, '$1CONTRACT')
    .replace(/^( +)"[0-9a-f:]+:[0-9a-f:]+",$/gm, '$1"IPV6",');
}

/** A plan's text from its list of changes to its summary line, ids made alike. */
function planBody(text: string): string {
  const from = text.indexOf('will perform the following actions:');
  const to = text.indexOf('\nPlan: ');
  return withoutShownIds(text.slice(from, to));
}

describeWithTerraform('one configuration through terraform and through gridform', () => {
  const gridHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-parity-'));
  const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-parity-tf-'));
  const gfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-parity-gf-'));
  let world: TerraformWorld;

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home: gridHome })).code).toBe(0);
    world = await terraformWorld(gridHome);
    fs.writeFileSync(path.join(tfDir, 'main.tf.json'), JSON.stringify(doc('threefoldtech/grid')));
    fs.writeFileSync(path.join(gfDir, 'cdk.tf.json'), JSON.stringify(doc('gridform/grid')));
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home: gridHome });
    for (const d of [tfDir, gfDir, world?.home ?? '']) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('gives the same state attributes, and both destroy to nothing', async () => {
    expect((await terraform(world, tfDir, ['init', '-no-color'])).code).toBe(0);
    const plannedByTerraform = [(await terraform(world, tfDir, ['plan', '-no-color'])).stdout];
    const plannedByGridform = [(await gridform(['-no-color', 'plan'], { cwd: gfDir, home: gridHome })).stdout];
    expect((await terraform(world, tfDir, ['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    const byTerraform = attributesIn(path.join(tfDir, 'terraform.tfstate'));
    fs.writeFileSync(path.join(tfDir, 'main.tf.json'), JSON.stringify(doc('threefoldtech/grid', 2)));
    plannedByTerraform.push((await terraform(world, tfDir, ['plan', '-no-color'])).stdout);
    const shownByTerraform = await Promise.all(
      SHOWN.map(async (a) => (await terraform(world, tfDir, ['state', 'show', '-no-color', a])).stdout),
    );
    expect((await terraform(world, tfDir, ['destroy', '-auto-approve', '-no-color'])).code).toBe(0);

    expect((await gridform(['-no-color', 'apply', '-auto-approve'], { cwd: gfDir, home: gridHome })).code).toBe(0);
    const stateFile = ['terraform.tfstate', 'terraform.cdk.tfstate'].map((f) => path.join(gfDir, f)).find((f) => fs.existsSync(f))!;
    const byGridform = attributesIn(stateFile);
    fs.writeFileSync(path.join(gfDir, 'cdk.tf.json'), JSON.stringify(doc('gridform/grid', 2)));
    plannedByGridform.push((await gridform(['-no-color', 'plan'], { cwd: gfDir, home: gridHome })).stdout);
    const shownByGridform = await Promise.all(
      SHOWN.map(async (a) => (await gridform(['-no-color', 'state', 'show', a], { cwd: gfDir, home: gridHome })).stdout),
    );
    expect((await gridform(['-no-color', 'destroy', '-auto-approve'], { cwd: gfDir, home: gridHome })).code).toBe(0);

    expect(Object.keys(byTerraform).sort()).toEqual(['grid_deployment.app', 'grid_network.net']);
    expect(withoutGridIds(byTerraform)).toEqual(withoutGridIds(byGridform));
    // the plans, a create and an update in place, print alike (the tool's name and the header's wrapping
    // aside), down to terraform's quirks: an empty string shows as null, a description "" as unchanged
    expect(plannedByGridform.map(planBody)).toEqual(plannedByTerraform.map(planBody));
    expect(planBody(plannedByGridform[1])).toContain('~ cpu ');
    // state show prints them alike too: blocks as blocks, the 0-db password hidden, "" shown as null
    expect(shownByGridform.map(withoutShownIds)).toEqual(shownByTerraform.map(withoutShownIds));
    expect(shownByGridform[0]).toMatch(/^ {8}password += \(sensitive value\)$/m);
    expect(shownByGridform[0]).not.toContain('"pw"');
    expect(await leftOnGrid(gridHome)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
