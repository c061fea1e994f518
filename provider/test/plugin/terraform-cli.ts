// Runs the real terraform binary against terraform-provider-grid as a user would: a HOME of its
// own where `gridform provider install` put the provider, an empty CLI configuration, a local
// grid home. Tests skip with a message where terraform is not installed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, run, type Run } from '../e2e/cli';

export const TERRAFORM = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';

/** terraform's version line, or undefined when it cannot run here. */
export function terraformVersion(): string | undefined {
  const candidates = [TERRAFORM, 'terraform'];
  for (const bin of candidates) {
    try {
      return execFileSync(bin, ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).split('\n')[0];
    } catch {
      // not this one
    }
  }
  return undefined;
}

export function terraformBin(): string {
  return fs.existsSync(TERRAFORM) ? TERRAFORM : 'terraform';
}

/** describe, or describe.skip with a message saying why, where terraform is absent. */
export function describeWithTerraform(name: string, body: () => void): void {
  if (terraformVersion()) return describe(name, body);
  describe(name, () => {
    it.skip(`skipped: terraform is not installed (looked for ${TERRAFORM} and terraform on PATH)`, () => {});
  });
}

export interface TerraformWorld {
  /** HOME for terraform: the implied local mirror lives in it */
  readonly home: string;
  /** GRIDFORM_HOME: the local grid */
  readonly gridHome: string;
  readonly env: Record<string, string>;
}

/** A fresh HOME and terraform CLI configuration, with the provider installed by the real `gridform provider install`. */
export async function terraformWorld(gridHome: string): Promise<TerraformWorld & { install: Run }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-home-'));
  const cliConfig = path.join(home, 'empty.tfrc');
  fs.writeFileSync(cliConfig, '');
  const env = { HOME: home, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_LOG: '' };
  const install = await gridform(['provider', 'install'], { home: gridHome, env });
  return { home, gridHome, env, install };
}

let runs = 0;

/**
 * terraform ARGS in `cwd`, as the world's user. terraform keeps a provider's own stderr in its log
 * only: the log of each run is kept, and its provider lines are added to stderr when the provider
 * did not start, so a failure says why.
 */
export async function terraform(world: TerraformWorld, cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const log = path.join(world.home, `terraform-${++runs}.log`);
  const logEnv = { TF_LOG: 'DEBUG', TF_LOG_PATH: log };
  const result = await run(terraformBin(), ['-chdir=' + cwd, ...args], { home: world.gridHome, env: { ...world.env, ...logEnv, ...env } });
  if (/Failed to read any lines from plugin|plugin exited/.test(result.stderr) && fs.existsSync(log)) {
    const pluginLines = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => /plugin|provider/i.test(l));
    result.stderr += `\n--- terraform's log of the provider (${log}) ---\n${pluginLines.slice(-40).join('\n')}\n`;
  }
  return result;
}
