// engine/: the Terraform-style core. Knows nothing of the grid; imports nothing from provider/,
// chain-sim/ or zos-sim/ (a test enforces it).
export * from './src/values';
export * from './src/diagnostics';
export * from './src/provider/interface';
export * from './src/provider/cty-type';
export { providerSchemasJson, providerSchemaJson } from './src/render/schema-json';
export * from './src/cli/extension';
export { helpText, type CommandSpec, type FlagSpec, type FlagKind } from './src/cli/command-spec';
import type { runCli as RunCli } from './src/cli/run-cli';

/** The command line; loaded when first called, so a provider process that imports the engine starts fast. */
export function runCli(...args: Parameters<typeof RunCli>): ReturnType<typeof RunCli> {
  return (require('./src/cli/run-cli') as typeof import('./src/cli/run-cli')).runCli(...args);
}
export { TerraformDataProvider, terraformDataFactory } from './src/builtin/terraform-data';
export { exitWhenWritten, quietOnClosedPipe } from './src/cli/exit';
