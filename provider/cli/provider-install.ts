// Where terraform finds terraform-provider-grid with no registry: the implied local mirror
// (~/.terraform.d/plugins/registry.terraform.io/threefoldtech/grid/VERSION/OS_ARCH/), which lets
// `terraform init` work offline and write a lock file, or a dev_overrides CLI configuration. What
// is installed is a small shell wrapper that execs this node on this checkout's built plugin: its
// bytes do not change when the plugin is rebuilt, so the lock file's hash stays valid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRID_PROVIDER_VERSION } from '../src/provider-identity';

export const TERRAFORM_SOURCE = 'registry.terraform.io/threefoldtech/grid';
export const PLUGIN_BINARY = 'terraform-provider-grid';

export interface Installed {
  readonly mode: 'mirror' | 'dev-overrides';
  readonly version: string;
  /** the wrapper terraform runs */
  readonly binary: string;
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

/** The built plugin's entry point, beside this file's folder in dist/. */
export function pluginMain(): string {
  return path.resolve(__dirname, '..', 'plugin', 'main.js');
}

export function installMirror(home: string, main = pluginMain()): Installed {
  const version = GRID_PROVIDER_VERSION;
  const dir = path.join(home, '.terraform.d', 'plugins', TERRAFORM_SOURCE, version, terraformPlatform());
  const binary = path.join(dir, `${PLUGIN_BINARY}_v${version}`);
  const replacedDifferent = writeWrapper(binary, wrapperScript(main));
  return { mode: 'mirror', version, binary, replacedDifferent };
}

export function installDevOverrides(gridformDir: string, main = pluginMain()): Installed {
  const dir = path.join(gridformDir, 'terraform-dev');
  const binary = path.join(dir, PLUGIN_BINARY);
  writeWrapper(binary, wrapperScript(main));
  const cliConfig = path.join(dir, 'dev.tfrc');
  const text =
    '# Written by `gridform provider install --dev-overrides`: terraform runs the grid provider from\n' +
    '# this checkout. Use it with: export TF_CLI_CONFIG_FILE=' +
    cliConfig +
    '\nprovider_installation {\n' +
    `  dev_overrides {\n    "${TERRAFORM_SOURCE}" = "${dir}"\n  }\n` +
    '  direct {}\n}\n';
  fs.writeFileSync(cliConfig, text);
  return { mode: 'dev-overrides', version: GRID_PROVIDER_VERSION, binary, cliConfig, replacedDifferent: false };
}

/** Writes the wrapper (executable); true when a different one was there. */
function writeWrapper(file: string, text: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  fs.writeFileSync(file, text, { mode: 0o755 });
  fs.chmodSync(file, 0o755);
  return before !== undefined && before !== text;
}
