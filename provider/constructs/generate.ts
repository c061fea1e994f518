// Generates the CDKTF constructs of the grid provider with cdktf's own provider generator (the
// code `cdktf get` runs), from the schema `gridform providers schema -json` prints. Run at build
// time (npm run gen); the output, constructs/generated/, is not committed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProviderSchema } from '@cdktf/commons';
import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_VERSION } from '../src/provider-identity';
import { terraformSchemaDocument, type TerraformSchemaDocument } from '../src/schema/terraform-schema';

export const GENERATED_DIR = path.join(__dirname, 'generated');

/** Writes the constructs for `doc` under `outdir` (providers/grid/<resource>/index.ts). */
export async function generateConstructs(outdir: string, doc: TerraformSchemaDocument = terraformSchemaDocument()): Promise<void> {
  const { CodeMaker, TerraformProviderGenerator } = loadGenerator();
  const { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } = loadCommons();
  const code = new CodeMaker();
  // the constraint a user's cdktf.json would give ("gridform/grid@0.1.0"), so the output is what cdktf get writes
  const constraint = new TerraformProviderConstraint(`${GRID_PROVIDER_SOURCE}@${GRID_PROVIDER_VERSION}`);
  new TerraformProviderGenerator(code, doc as unknown as ProviderSchema).generate(
    new ConstructsMakerProviderTarget(constraint, LANGUAGES[0]),
  );
  fs.rmSync(outdir, { recursive: true, force: true });
  await code.save(outdir);
  for (const file of tsFiles(outdir)) fs.writeFileSync(file, withOverrides(fs.readFileSync(file, 'utf8')));
}

/**
 * The generator's members that override cdktf's base classes, marked `override` as this
 * codebase's compiler settings (noImplicitOverride) ask; nothing else of its output changes.
 */
export function withOverrides(source: string): string {
  return source
    .replace(/\bprotected (terraformResource|terraformAttribute|wrapsSet):/g, 'protected override $1:')
    .replace(/\bprotected (synthesizeAttributes|synthesizeHclAttributes)\(/g, 'protected override $1(')
    .replace(/\bpublic (get|set) alias\(/g, 'public override $1 alias(');
}

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/**
 * cdktf's libraries ask `terraform version -json` and HashiCorp's checkpoint service as they load;
 * the generator needs neither, and a build must not reach the internet or need terraform.
 */
function loadCommons(): typeof import('@cdktf/commons') {
  loadGenerator();
  return require('@cdktf/commons') as typeof import('@cdktf/commons');
}

function loadGenerator(): typeof import('@cdktf/provider-generator') {
  process.env.CHECKPOINT_DISABLE = '1';
  const saved = process.env.TERRAFORM_BINARY_NAME;
  process.env.TERRAFORM_BINARY_NAME = 'true';
  try {
    return require('@cdktf/provider-generator') as typeof import('@cdktf/provider-generator');
  } finally {
    if (saved === undefined) delete process.env.TERRAFORM_BINARY_NAME;
    else process.env.TERRAFORM_BINARY_NAME = saved;
  }
}

if (require.main === module) {
  const started = Date.now();
  generateConstructs(GENERATED_DIR).then(
    () => console.log(`constructs generated in ${path.relative(process.cwd(), GENERATED_DIR)} (${Date.now() - started} ms)`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
