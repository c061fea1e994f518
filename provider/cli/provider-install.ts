// Where terraform finds terraform-provider-grid with no registry: the implied local mirror
// (~/.terraform.d/plugins/registry.terraform.io/threefoldtech/grid/VERSION/OS_ARCH/), which lets
// `terraform init` work offline and write a lock file, or a dev_overrides CLI configuration. What
// is installed is a small shell wrapper that execs this node on this checkout's built plugin: its
// bytes do not change when the plugin is rebuilt, so the lock file's hash stays valid.
// It goes under both source addresses a configuration may name: threefoldtech/grid (HCL written
// for ThreeFold's provider) and gridform/grid (what the CDKTF constructs synthesize), so plain
// terraform and cdktf-cli with the real terraform binary both find it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRID_PROVIDER_SOURCE, GRID_PROVIDER_UPSTREAM_SOURCE, GRID_PROVIDER_VERSION } from '../src/provider-identity';

export const TERRAFORM_SOURCE = `registry.terraform.io/${GRID_PROVIDER_UPSTREAM_SOURCE}`;
/** the source the CDKTF constructs synthesize (`gridform/grid`) */
export const CDKTF_SOURCE = `registry.terraform.io/${GRID_PROVIDER_SOURCE}`;
/** every source address the wrapper is installed under */
export const INSTALLED_SOURCES = [TERRAFORM_SOURCE, CDKTF_SOURCE];
export const PLUGIN_BINARY = 'terraform-provider-grid';

export interface Installed {
  readonly mode: 'mirror' | 'dev-overrides';
  readonly version: string;
  /** the wrapper terraform runs (for threefoldtech/grid) */
  readonly binary: string;
  /** the wrapper per source address (the same text under each) */
  readonly binaries: Readonly<Record<string, string>>;
  /** dev-overrides: the CLI configuration to name in TF_CLI_CONFIG_FILE */
  readonly cliConfig?: string;
  /** mirror: the lock hash of an earlier, different install no longer matches */
  readonly replacedDifferent: boolean;
}

/** terraform's name of this platform: linux_amd64, darwin_arm64, ... */
export function terraformPlatform(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

/** The wrapper's text: exec (so terraform's signals reach node) this node on the built plugin. */
export function wrapperScript(pluginMain: string, node = process.execPath): string {
  return (
    '#!/bin/sh\n' +
    '# terraform-provider-grid, installed by `gridform provider install`: terraform starts it.\n' +
    `exec ${shellQuote(node)} ${shellQuote(pluginMain)} "$@"\n`
  );
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The built plugin's entry point, beside this file's folder in dist/ (it runs the bundle when there is a current one). */
export function pluginMain(): string {
  return path.resolve(__dirname, '..', 'plugin', 'launch.js');
}

export function installMirror(home: string, main = pluginMain()): Installed {
  const version = GRID_PROVIDER_VERSION;
  const binaries: Record<string, string> = {};
  let replacedDifferent = false;
  for (const source of INSTALLED_SOURCES) {
    const dir = path.join(home, '.terraform.d', 'plugins', source, version, terraformPlatform());
    binaries[source] = path.join(dir, `${PLUGIN_BINARY}_v${version}`);
    if (writeWrapper(binaries[source], wrapperScript(main))) replacedDifferent = true;
  }
  return { mode: 'mirror', version, binary: binaries[TERRAFORM_SOURCE], binaries, replacedDifferent };
}

export function installDevOverrides(gridformDir: string, main = pluginMain()): Installed {
  const dir = path.join(gridformDir, 'terraform-dev');
  const binary = path.join(dir, PLUGIN_BINARY);
  writeWrapper(binary, wrapperScript(main));
  const cliConfig = path.join(dir, 'dev.tfrc');
  const overrides = INSTALLED_SOURCES.map((source) => `    "${source}" = "${dir}"\n`).join('');
  const text =
    '# Written by `gridform provider install --dev-overrides`: terraform runs the grid provider from\n' +
    '# this checkout. Use it with: export TF_CLI_CONFIG_FILE=' +
    cliConfig +
    '\nprovider_installation {\n' +
    `  dev_overrides {\n${overrides}  }\n` +
    '  direct {}\n}\n';
  fs.writeFileSync(cliConfig, text);
  const binaries = Object.fromEntries(INSTALLED_SOURCES.map((source) => [source, binary]));
  return { mode: 'dev-overrides', version: GRID_PROVIDER_VERSION, binary, binaries, cliConfig, replacedDifferent: false };
}

/** Writes the wrapper (executable); true when a different one was there. */
function writeWrapper(file: string, text: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  fs.writeFileSync(file, text, { mode: 0o755 });
  fs.chmodSync(file, 0o755);
  return before !== undefined && before !== text;
}
