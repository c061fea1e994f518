// The stacks the chaos trials apply, as stack folders holding a cdk.tf.json. Grid stacks are
// synthesized with the real CDKTF constructs (cdktf's App, in this process: the same JSON
// `cdktf synth` writes, without paying a synth process per trial) once per variant, with a
// placeholder that each trial replaces by its own tag, so names held on the chain (name
// contracts) never collide between trials. Stacks of terraform_data are written as JSON directly.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Deployment, GridProvider, NameProxy, Network } from '../../index';

/** Replaced by each trial's tag in the synthesized JSON (lowercase letters: valid in every name). */
const TAG = 'qqtagqq';

export type Backend = { type: 'local' } | { type: 'pg'; connStr: string; schemaName: string };

export interface GridStackShape {
  /** the stack's version: v2 grows every VM's memory and the zdb (updates in place) */
  version: 1 | 2;
  /** nodes of the grid to use; the first is the gateway node */
  nodes: number[];
}

/** Network on every node, a VM with a public IP and a zdb per other node, a name proxy on the first. */
class ChaosGridStack extends TerraformStack {
  constructor(scope: App, id: string, shape: GridStackShape) {
    super(scope, id);
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'net', { name: `net${TAG}`, nodes: shape.nodes, ipRange: '10.60.0.0/16' });
    const vmNodes = shape.nodes.length > 1 ? shape.nodes.slice(1) : shape.nodes;
    const deployments = vmNodes.map(
      (node, i) =>
        new Deployment(this, `vm${i + 1}`, {
          node,
          name: `vm${i + 1}${TAG}`,
          networkName: network.name,
          vms: [
            {
              name: `vm${i + 1}`,
              flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
              entrypoint: '/sbin/zinit init',
              cpu: 1,
              memory: shape.version === 1 ? 1024 : 2048,
              publicip: true,
            },
          ],
          zdbs: [{ name: `db${i + 1}`, size: shape.version === 1 ? 5 : 10, mode: 'user', password: 'chaos' }],
        }),
    );
    new NameProxy(this, 'proxy', { node: shape.nodes[0], name: `gw${TAG}`, backends: [`http://${deployments[0].vms.get(0).ip}:8080`] });
  }
}

/** Synthesizes the grid stack once; returns its JSON text with the placeholder tag left in. */
export function synthGridStack(shape: GridStackShape): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chaos-synth-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    new ChaosGridStack(app, 'chaos', shape);
    app.synth();
    return fs.readFileSync(path.join(outdir, 'stacks', 'chaos', 'cdk.tf.json'), 'utf8');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `count` terraform_data objects; `version` goes into each one's input (a new version updates them all). */
export function dataStack(count: number, version: number): string {
  const resource: Record<string, { input: string }> = {};
  for (let i = 0; i < count; i++) resource[`d${i}`] = { input: `v${version}-${i}` };
  return JSON.stringify({ resource: { terraform_data: resource } }, null, 2);
}

/** Writes `stackJson` into `dir`/cdk.tf.json with the trial's tag and backend. */
export function writeStack(dir: string, stackJson: string, tag: string, backend: Backend): void {
  const doc = JSON.parse(stackJson.split(TAG).join(tag)) as { terraform?: Record<string, unknown> };
  doc.terraform = { ...(doc.terraform ?? {}), backend: backendBlock(backend) };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc, null, 2));
}

function backendBlock(b: Backend): Record<string, unknown> {
  if (b.type === 'local') return { local: { path: 'terraform.tfstate' } };
  return { pg: { conn_str: b.connStr, schema_name: b.schemaName } };
}
