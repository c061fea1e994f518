// version, init, validate, synth, providers lock: small commands.
import { error, hasErrors, inContext, type Diagnostic } from '../../diagnostics';
import type { Scope } from '../../expr/evaluate';
import { evaluateConfig } from '../../plan/plan-instance';
import { terraformDataFactory } from '../../builtin/terraform-data';
import { ENGINE_TERRAFORM_VERSION } from '../../state/state';
import { Unknown } from '../../values';
import { boolFlag } from '../args';
import { report, say, stackFor, type CommandContext } from '../context';
import { loadStackConfig } from '../stack-config';
import { providerSources } from '../schemas';
import { normalizeSource } from '../../config/source';
import { emptyState } from '../../state/state';
import { synthesize } from '../workdir';
import { helpText } from '../command-spec';
import { SPECS } from './specs';
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function versionCommand(ctx: CommandContext): Promise<number> {
  if (boolFlag(ctx.args, 'json')) {
    // terraform_version is what tools that drive Terraform (cdktf-cli) check; gridform speaks 1.11's interface
    say(ctx, JSON.stringify({ terraform_version: ENGINE_TERRAFORM_VERSION, gridform_version: ctx.options.version, platform: `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`, provider_selections: Object.fromEntries(ctx.options.providers.map((p) => [p.source, p.version])), terraform_outdated: false }, null, 2) + '\n');
  } else {
    say(ctx, `Terraform v${ENGINE_TERRAFORM_VERSION}\ngridform v${ctx.options.version}\non ${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}\n`);
  }
  return 0;
}

export async function initCommand(ctx: CommandContext): Promise<number> {
  say(ctx, `\nInitializing provider plugins...\n- ${[terraformDataFactory, ...ctx.options.providers].map((p) => `${p.source} v${p.version} (built into gridform)`).join('\n- ')}\n\ngridform has been successfully initialized!\n`);
  return 0;
}

export async function providersCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.positional[0] !== 'lock') return (ctx.io.stderr.write(helpText(['providers'], SPECS.providers)), 1);
  // providers are built into gridform: there is nothing to download or pin
  say(ctx, 'Providers are built into gridform; nothing to lock.\n');
  return 0;
}

export async function synthCommand(ctx: CommandContext): Promise<number> {
  if (!fs.existsSync(path.join(ctx.cwd, 'cdktf.json'))) {
    report(ctx, [{ severity: 'error', summary: 'No CDKTF app here', detail: `${ctx.cwd} has no cdktf.json.` }]);
    return 1;
  }
  return report(ctx, await synthesize(ctx.cwd, (l) => say(ctx, l + '\n'))) ? 1 : 0;
}

export async function validateCommand(ctx: CommandContext): Promise<number> {
  const { stack, diagnostics } = await stackFor(ctx, true);
  if (report(ctx, diagnostics) || !stack) return 1;
  const { config, graph, diagnostics: cd } = loadStackConfig(stack);
  const diags: Diagnostic[] = [...cd];
  if (config && graph) {
    const providers = new Map([terraformDataFactory, ...ctx.options.providers].map((f) => [normalizeSource(f.source), f.create()]));
    const sources = providerSources(config, emptyState());
    for (const r of config.resources.values()) {
      const source = sources.get(r.provider);
      const p = source ? providers.get(source) : undefined;
      if (!p) continue;
      const validate = r.mode === 'data' ? p.validateDataSourceConfig?.bind(p) : p.validateResourceConfig.bind(p);
      if (!validate) continue;
      // validate knows no values: variables, resources, count.index and each are all unknown
      const scope = {
        resource: () => Unknown, variable: (n: string) => (config.variables.has(n) ? Unknown : undefined), local: () => Unknown,
        ...(r.count !== undefined ? { countIndex: Unknown } : {}), ...(r.forEach !== undefined ? { each: { key: Unknown, value: Unknown } } : {}),
      } as unknown as Scope;
      const schema = p.getSchema();
      const block = (r.mode === 'data' ? schema.dataSources : schema.resources)[r.type]?.block;
      if (!block) {
        const kind = r.mode === 'data' ? 'data source' : 'resource';
        diags.push(error(`Unknown ${kind} type ${r.type}`, `Provider ${source} has no ${r.type}.`, { address: r.address }));
        continue;
      }
      const body = evaluateConfig(r, scope, r.address, diags, block);
      if (!body) continue;
      diags.push(...inContext(validate({ typeName: r.type, config: body }).diagnostics, r.address));
    }
    await Promise.all([...providers.values()].map((p) => p.close?.()));
  }
  if (report(ctx, diags) || hasErrors(diags)) return 1;
  say(ctx, 'Success! The configuration is valid.\n');
  return 0;
}
