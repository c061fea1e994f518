// Acceptance: adding an attribute is one edit to the declaration. A copy of the grid provider's
// declaration with one more attribute on grid_network (mtu) is validated by the compiled validator,
// printed by `providers schema -json`, documented in docs/resources/network.md, and present in the
// construct cdktf's generator makes from it, which synthesizes it into cdk.tf.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { Testing, TerraformStack } from 'cdktf';
import { runCli } from '../../../engine';
import { GridProviderImpl, GRID_PROVIDER_SOURCE } from '../../src/grid-provider';
import { GRID_PROVIDER_VERSION } from '../../src/provider-identity';
import type { AttributeDecl, ProviderDecl } from '../../src/schema/declaration';
import { docPages } from '../../src/schema/docs';
import { engineProviderSchema } from '../../src/schema/engine-schema';
import { gridProviderDecl } from '../../src/schema/provider';
import { terraformSchemaDocument } from '../../src/schema/terraform-schema';
import { validateAgainst } from '../../src/schema/validator';
import { generateConstructs } from '../../constructs/generate';

const MTU: AttributeDecl = {
  type: 'number',
  optional: true,
  description: 'MTU of the network interfaces',
  range: [576, 9000],
  default: 1420,
};

/** The grid provider's declaration with one edit: mtu on grid_network. */
function withMtu(): ProviderDecl {
  const network = gridProviderDecl.resources.grid_network;
  const edited = { ...network, block: { ...network.block, attributes: { ...network.block.attributes, mtu: MTU } } };
  return { ...gridProviderDecl, resources: { ...gridProviderDecl.resources, grid_network: edited } };
}

const NETWORK = { name: 'net', nodes: [1], ip_range: '10.1.0.0/16' };
// inside the repository, so the generated code resolves cdktf from its node_modules (.gitignore'd)
const WORK = path.resolve(__dirname, '..', '..', '..', `.test-work-one-edit-${process.pid}`);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe('one edit to a declaration reaches every face of the schema', () => {
  const decl = withMtu();

  it('is validated: an mtu out of range is refused naming it, a good one accepted', () => {
    const refused = validateAgainst(decl.resources.grid_network, { ...NETWORK, mtu: 100 });
    expect(refused).toEqual([
      expect.objectContaining({
        summary: 'Invalid mtu',
        detail: 'mtu is 100; it must be a whole number from 576 to 9000.',
        attributePath: ['mtu'],
      }),
    ]);
    expect(validateAgainst(decl.resources.grid_network, { ...NETWORK, mtu: 1500 })).toEqual([]);
  });

  it('is printed by gridform providers schema -json, with its cty type', async () => {
    const schema = engineProviderSchema(decl);
    class EditedProvider extends GridProviderImpl {
      override getSchema() {
        return schema;
      }
    }
    const factory = { source: GRID_PROVIDER_SOURCE, version: GRID_PROVIDER_VERSION, create: () => new EditedProvider({}) };
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    const io = { cwd: WORK, stdout, stderr: new PassThrough(), stdin: new PassThrough() as never, color: false, env: {} };
    const code = await runCli(['providers', 'schema', '-json'], { providers: [factory], version: 'test' }, io);
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    const network = printed.provider_schemas['registry.terraform.io/gridform/grid'].resource_schemas.grid_network;
    expect(network.block.attributes.mtu).toEqual({
      type: 'number',
      description: MTU.description,
      description_kind: 'plain',
      optional: true,
    });
  });

  it('is documented on the resource page with its constraint and default', () => {
    const page = docPages(decl).get('resources/network.md')!;
    expect(page).toContain('- `mtu` (number) MTU of the network interfaces. A whole number from 576 to 9000. Defaults to `1420`.');
    expect(docPages(gridProviderDecl).get('resources/network.md')).not.toContain('`mtu`');
  });

  it("is in the construct cdktf's generator makes, which synthesizes it", async () => {
    await generateConstructs(WORK, terraformSchemaDocument(decl));
    const source = fs.readFileSync(path.join(WORK, 'providers', 'grid', 'network', 'index.ts'), 'utf8');
    expect(source).toMatch(/readonly mtu\?: number;/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Network } = require(path.join(WORK, 'providers', 'grid', 'network')) as typeof import('../../constructs/network');
    const stack = new TerraformStack(Testing.app(), 'edited');
    new Network(stack, 'net', { name: 'net', nodes: [1], ipRange: '10.1.0.0/16', mtu: 1500 } as never);
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.resource.grid_network.net).toMatchObject({ name: 'net', mtu: 1500 });
  });
});
