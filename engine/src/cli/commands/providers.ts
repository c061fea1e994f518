// providers lock (accepted: providers are built in) and providers schema -json (their schemas in
// terraform's format, which is what `cdktf get` reads to generate bindings).
import { terraformDataFactory } from '../../builtin/terraform-data';
import { normalizeSource } from '../../config/source';
import { providerSchemasJson } from '../../render/schema-json';
import type { ProviderSchema } from '../../provider/interface';
import { boolFlag } from '../args';
import { helpText } from '../command-spec';
import { report, say, type CommandContext } from '../context';
import { SPECS } from './specs';

export async function providersCommand(ctx: CommandContext): Promise<number> {
  const sub = ctx.args.positional[0];
  if (sub === 'lock') {
    say(ctx, 'Providers are built into gridform; nothing to lock.\n');
    return 0;
  }
  if (sub === 'schema') return schemaCommand(ctx);
  ctx.io.stderr.write(helpText(['providers'], SPECS.providers));
  return 1;
}

async function schemaCommand(ctx: CommandContext): Promise<number> {
  if (!boolFlag(ctx.args, 'json')) {
    const detail = 'The providers schema command prints JSON only: run "gridform providers schema -json".';
    report(ctx, [{ severity: 'error', summary: 'The -json flag is required', detail }]);
    return 1;
  }
  const schemas = new Map<string, ProviderSchema>();
  for (const factory of [terraformDataFactory, ...ctx.options.providers]) {
    const provider = factory.create();
    schemas.set(normalizeSource(factory.source), provider.getSchema());
    await provider.close?.();
  }
  say(ctx, JSON.stringify(providerSchemasJson(schemas)) + '\n');
  return 0;
}
