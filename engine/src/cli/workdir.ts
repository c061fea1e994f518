// Where the configuration is: a stack folder with cdk.tf.json is used as it is (read as a Terraform
// folder when it calls modules); a CDKTF app folder (cdktf.json) is synthesized first with the real
// `cdktf synth`, and its only stack used; a folder of .tf files is a plain Terraform folder.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, type Diagnostic } from '../diagnostics';
import { hasTerraformFiles, readHclStack, type HclStack } from '../config/hcl';

export interface StackDir {
  readonly dir: string;
  readonly file: string;
  /** the CDKTF app folder, when there is one */
  readonly appDir?: string;
  /** a plain Terraform folder (.tf, .tf.json, modules): read and parsed, flattened per run */
  readonly hcl?: HclStack;
}

export function findCdktfBinary(from: string): string | undefined {
  const starts = [from, __dirname];
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const bin = path.join(dir, 'node_modules', '.bin', 'cdktf');
      if (fs.existsSync(bin)) return bin;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

export async function synthesize(appDir: string, log: (line: string) => void): Promise<Diagnostic[]> {
  const bin = findCdktfBinary(appDir);
  if (!bin)
    return [
      error(
        'cdktf-cli was not found',
        `gridform runs "cdktf synth" in ${appDir}; install cdktf-cli in the project (npm install cdktf-cli).`,
      ),
    ];
  const started = Date.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(bin, ['synth'], {
      cwd: appDir,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: process.env.CI ?? '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (c) => resolve({ code: c, output }));
    child.on('error', (err) => resolve({ code: 1, output: err.message }));
  });
  if (code !== 0) return [error('cdktf synth failed', `In ${appDir}, cdktf synth exited with ${code}:\n${output.trim()}`)];
  log(`Synthesized ${path.basename(appDir)} with cdktf synth in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return [];
}

/** Finds (and, for an app folder, synthesizes unless `synth` is false and output exists) the stack. */
export async function resolveStack(
  cwd: string,
  opts: { synth: boolean; skipSynth?: boolean; stack?: string; log: (line: string) => void },
): Promise<{ stack?: StackDir; diagnostics: Diagnostic[] }> {
  if (fs.existsSync(path.join(cwd, 'cdk.tf.json'))) return synthesizedStack(cwd);
  if (!fs.existsSync(path.join(cwd, 'cdktf.json')) && hasTerraformFiles(cwd)) {
    const read = await readHclStack(cwd);
    if (!read.hcl) return { diagnostics: read.diagnostics };
    return { stack: { dir: cwd, file: path.join(cwd, 'main.tf'), hcl: read.hcl }, diagnostics: read.diagnostics };
  }
  if (!fs.existsSync(path.join(cwd, 'cdktf.json'))) {
    return {
      diagnostics: [
        error(
          'No configuration files',
          `${cwd} has no cdktf.json (a CDKTF app), cdk.tf.json (a synthesized stack) or .tf files (a Terraform folder). ` +
            `Run gridform in one of those, or pass -chdir=DIR.`,
        ),
      ],
    };
  }
  let outdir = 'cdktf.out';
  try {
    outdir = (JSON.parse(fs.readFileSync(path.join(cwd, 'cdktf.json'), 'utf8')) as { output?: string }).output ?? outdir;
  } catch {
    return { diagnostics: [error('cdktf.json is not valid JSON', `Fix ${path.join(cwd, 'cdktf.json')}.`)] };
  }
  const stacksDir = path.join(cwd, outdir, 'stacks');
  if (opts.skipSynth && !fs.existsSync(stacksDir)) {
    const detail = `-skip-synth uses what cdktf synth wrote last, and ${stacksDir} does not exist. Run without -skip-synth first.`;
    return { diagnostics: [error('Nothing synthesized yet', detail)] };
  }
  if (opts.synth || !fs.existsSync(stacksDir)) {
    const diags = await synthesize(cwd, opts.log);
    if (diags.length) return { diagnostics: diags };
  }
  const stacks = fs.existsSync(stacksDir)
    ? fs.readdirSync(stacksDir).filter((s) => fs.existsSync(path.join(stacksDir, s, 'cdk.tf.json')))
    : [];
  if (!stacks.length)
    return {
      diagnostics: [
        error('cdktf synth produced no stack', `Nothing in ${stacksDir}: does the app create a TerraformStack and call app.synth()?`),
      ],
    };
  const name = opts.stack ?? (stacks.length === 1 ? stacks[0] : undefined);
  if (!name || !stacks.includes(name)) {
    return {
      diagnostics: [
        error(
          opts.stack ? `No stack named ${opts.stack}` : 'Several stacks',
          `The app has stacks ${stacks.join(', ')}: pick one with -stack=NAME.`,
        ),
      ],
    };
  }
  return synthesizedStack(path.join(stacksDir, name), cwd);
}

/**
 * A stack folder cdktf synth wrote. One with module blocks (TerraformHclModule: cdktf copies a local module into the
 * stack's assets/ and points source there) is read as a Terraform folder, its cdk.tf.json being the folder's one
 * .tf.json file, so its modules are flattened as an HCL folder's are.
 */
async function synthesizedStack(dir: string, appDir?: string): Promise<{ stack?: StackDir; diagnostics: Diagnostic[] }> {
  const file = path.join(dir, 'cdk.tf.json');
  const stack = { dir, file, ...(appDir ? { appDir } : {}) };
  if (!hasModuleSection(file)) return { stack, diagnostics: [] };
  const read = await readHclStack(dir);
  if (!read.hcl) return { diagnostics: read.diagnostics };
  return { stack: { ...stack, hcl: read.hcl }, diagnostics: read.diagnostics };
}

function hasModuleSection(file: string): boolean {
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('"module"')) return false;
    const doc = JSON.parse(text) as unknown;
    return !!doc && typeof doc === 'object' && 'module' in doc;
  } catch {
    return false; // read again by the configuration loader, which says what is wrong with it
  }
}
