// version, init, validate, synth: small commands.
import { error, hasErrors, inContext, type Diagnostic } from '../../diagnostics';
import { evaluateBody, type Scope } from '../../expr/evaluate';
import { ExprError } from '../../expr/parse';
import type { Config } from '../../config/types';
import { evaluateConfig } from '../../plan/plan-instance';
import { ignoreChangesDiagnostics } from '../../plan/ignore-changes';
import { forEachSensitivity, outputSensitivity, sensitivityScope, type SchemaOf } from '../../plan/sensitive-references';
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
import { diagnosticJson } from '../diagnostics-view';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasTerraformFiles } from '../../config/hcl';
import { initHclFolder } from './hcl-init';

export async function versionCommand(ctx: CommandContext): Promise<number> {
  if (boolFlag(ctx.args, 'json')) {
    // terraform_version is what tools that drive Terraform (cdktf-cli) check; gridform speaks 1.11's interface
    say(
      ctx,
      JSON.stringify(
        {
          terraform_version: ENGINE_TERRAFORM_VERSION,
          gridform_version: ctx.options.version,
          platform: `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`,
          provider_selections: Object.fromEntries(ctx.options.providers.map((p) => [normalizeSource(p.source), p.version])),
          terraform_outdated: false,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    say(
      ctx,
      `Terraform v${ENGINE_TERRAFORM_VERSION}\ngridform v${ctx.options.version}\n` +
        `on ${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}\n`,
    );
  }
  return 0;
}

export async function initCommand(ctx: CommandContext): Promise<number> {
  if (!fs.existsSync(path.join(ctx.cwd, 'cdk.tf.json')) && !fs.existsSync(path.join(ctx.cwd, 'cdktf.json')) && hasTerraformFiles(ctx.cwd)) {
    const { stack, diagnostics } = await stackFor(ctx, false);
    if (!stack?.hcl) return report(ctx, diagnostics) ? 1 : 0;
    const done = initHclFolder(ctx.cwd, stack.hcl, ctx.options.providers);
    if (report(ctx, [...diagnostics, ...done.diagnostics])) return 1;
    say(ctx, `\n${done.lines.join('\n')}\n`);
    return 0;
  }
  say(
    ctx,
    `\nInitializing provider plugins...\n- ` +
      `${[terraformDataFactory, ...ctx.options.providers].map((p) => `${p.source} v${p.version} (built into gridform)`).join('\n- ')}` +
      `\n\ngridform has been successfully initialized!\n`,
  );
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
  if (!stack || hasErrors(diagnostics)) return validated(ctx, diagnostics);
  const { config, graph, diagnostics: cd } = loadStackConfig(stack);
  const diags: Diagnostic[] = [...diagnostics, ...cd];
  if (config && graph) {
    const providers = new Map([terraformDataFactory, ...ctx.options.providers].map((f) => [normalizeSource(f.source), f.create()]));
    const sources = providerSources(config, emptyState());
    for (const r of config.resources.values()) {
      const source = sources.get(r.provider);
      const p = source ? providers.get(source) : undefined;
      if (!p) {
        // as plan and apply refuse it: gridform has no such provider
        const detail = `gridform has providers ${[...providers.keys()].join(', ')}; ${r.address} needs ${source ?? r.provider}.`;
        diags.push(error(`Provider ${source ?? r.provider} is not available`, detail, { address: r.address }));
        continue;
      }
      const validate = r.mode === 'data' ? p.validateDataSourceConfig?.bind(p) : p.validateResourceConfig.bind(p);
      if (!validate) continue;
      // validate knows no values: variables, resources, count.index and each are all unknown
      const scope = unknownScope(config, {
        ...(r.count !== undefined ? { countIndex: Unknown } : {}),
        ...(r.forEach !== undefined ? { each: { key: Unknown, value: Unknown } } : {}),
      });
      const schema = p.getSchema();
      const block = (r.mode === 'data' ? schema.dataSources : schema.resources)[r.type]?.block;
      if (!block) {
        const kind = r.mode === 'data' ? 'data source' : 'resource';
        diags.push(error(`Unknown ${kind} type ${r.type}`, `Provider ${source} has no ${r.type}.`, { address: r.address }));
        continue;
      }
      diags.push(...ignoreChangesDiagnostics(r.address, r.lifecycle.ignoreChanges, block));
      const body = evaluateConfig(r, scope, r.address, diags, block);
      if (!body) continue;
      diags.push(...inContext(validate({ typeName: r.type, config: body }).diagnostics, r.address));
    }
    // as terraform validate: outputs exposing sensitive values, and sensitive for_each, are refused already
    const schemaOf: SchemaOf = (rc) => {
      const source = sources.get(rc.provider);
      const schema = source ? providers.get(source)?.getSchema() : undefined;
      return schema && (rc.mode === 'data' ? schema.dataSources : schema.resources)[rc.type]?.block;
    };
    const sensitivity = sensitivityScope(config, schemaOf);
    for (const o of config.outputs) diags.push(...outputSensitivity(o, sensitivity));
    for (const r of config.resources.values()) diags.push(...forEachSensitivity(r, sensitivity));
    await Promise.all([...providers.values()].map((p) => p.close?.()));
    // outputs too, as terraform's validate: what they refer to must exist, functions be called right
    const scope = unknownScope(config, {});
    for (const o of config.outputs) {
      try {
        evaluateBody(o.value, scope);
      } catch (err) {
        if (!(err instanceof ExprError)) throw err;
        diags.push(error(`Invalid value for output ${o.name}`, err.message, { configPath: ['output', o.name, 'value'] }));
      }
    }
  }
  return validated(ctx, diags);
}

/** validate knows no values: resources and variables declared are unknown, others are refused */
function unknownScope(config: Config, extra: Record<string, unknown>): Scope {
  return {
    resource: (address: string) => (config.resources.has(address) ? Unknown : undefined),
    variable: (n: string) => (config.variables.has(n) ? Unknown : undefined),
    local: () => Unknown,
    ...extra,
  } as unknown as Scope;
}

/** The result of validate: diagnostics and "Success!", or terraform's validate -json object. */
function validated(ctx: CommandContext, diags: readonly Diagnostic[]): number {
  const failed = hasErrors(diags);
  if (boolFlag(ctx.args, 'json')) {
    const source = ctx.source.get();
    say(
      ctx,
      JSON.stringify(
        {
          format_version: '1.0',
          valid: !failed,
          error_count: diags.filter((d) => d.severity === 'error').length,
          warning_count: diags.filter((d) => d.severity === 'warning').length,
          diagnostics: diags.map((d) => diagnosticJson(d, source)),
        },
        null,
        2,
      ) + '\n',
    );
    return failed ? 1 : 0;
  }
  report(ctx, diags);
  if (failed) return 1;
  say(ctx, 'Success! The configuration is valid.\n');
  return 0;
}
