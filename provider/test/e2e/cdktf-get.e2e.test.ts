// `cdktf get` with gridform as TERRAFORM_BINARY_NAME, in a user's own app: cdktf-cli runs
// `gridform init`, `providers schema -json` and `version -json`, and generates the grid
// provider's bindings into .gen; they are the package's own generated constructs (the same
// generator, the same schema), and the app that uses them synthesizes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withOverrides } from '../../constructs/generate';
import { GRIDFORM, REPO, run } from './cli';

jest.setTimeout(180_000);

// inside the repository, so that the app resolves cdktf from its node_modules (.gitignore'd)
const APP = path.join(REPO, `.test-work-cdktf-get-${process.pid}`);
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-cdktf-get-'));
const CDKTF_JSON = { language: 'typescript', app: 'npx tsx main.ts', terraformProviders: ['gridform/grid@0.1.0'], codeMakerOutput: '.gen' };
const MAIN = `import { App, TerraformStack } from 'cdktf';
import { GridProvider } from './.gen/providers/grid/provider';
import { Network } from './.gen/providers/grid/network';
const app = new App();
const stack = new TerraformStack(app, 'mine');
new GridProvider(stack, 'grid', { network: 'local' });
new Network(stack, 'net', { name: 'net', nodes: [1], ipRange: '10.1.0.0/16' });
app.synth();
`;

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

describe('cdktf get with gridform as its terraform', () => {
  const cdktf = (...args: string[]) =>
    run(path.join(REPO, 'node_modules', '.bin', 'cdktf'), args, {
      cwd: APP,
      home: HOME,
      env: { TERRAFORM_BINARY_NAME: GRIDFORM, CI: '1' },
    });

  beforeAll(() => {
    fs.mkdirSync(APP, { recursive: true });
    fs.writeFileSync(path.join(APP, 'cdktf.json'), JSON.stringify(CDKTF_JSON));
    fs.writeFileSync(path.join(APP, 'main.ts'), MAIN);
  });
  afterAll(() => {
    fs.rmSync(APP, { recursive: true, force: true });
    fs.rmSync(HOME, { recursive: true, force: true });
  });

  it("generates the grid provider's bindings, the same as the package's own constructs", async () => {
    const get = await cdktf('get');
    expect(get.stdout + get.stderr).toContain('Generated typescript constructs in the output directory: .gen');
    const generated = path.join(APP, '.gen', 'providers', 'grid');
    const ours = path.join(REPO, 'provider', 'constructs', 'generated', 'providers', 'grid');
    expect(tsFiles(generated)).toEqual(tsFiles(ours));
    expect(tsFiles(generated)).toContain(path.join('deployment', 'index.ts'));
    for (const file of tsFiles(generated)) {
      expect({ file, text: withOverrides(fs.readFileSync(path.join(generated, file), 'utf8')) }).toEqual({
        file,
        text: fs.readFileSync(path.join(ours, file), 'utf8'),
      });
    }
  });

  it('the app using them synthesizes the snake_case attributes', async () => {
    const synth = await cdktf('synth');
    expect(synth.code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(path.join(APP, 'cdktf.out', 'stacks', 'mine', 'cdk.tf.json'), 'utf8'));
    expect(doc.resource.grid_network.net).toMatchObject({ name: 'net', nodes: [1], ip_range: '10.1.0.0/16' });
    expect(doc.terraform.required_providers.grid).toEqual({ source: 'gridform/grid', version: '0.1.0' });
  });
});
