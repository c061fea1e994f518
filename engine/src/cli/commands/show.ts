// show [-json] [PLANFILE]: a saved plan, or the state, for people or (with -json) for programs,
// in the shapes `terraform show` uses.
import * as path from 'node:path';
import { boolFlag } from '../args';
import { report, say, type CommandContext } from '../context';
import { isPlanFile, readPlanFile } from '../plan-file';
import { planJson, stateJson } from '../../render/plan-json';
import { renderPlan } from '../../render/plan-text';
import { renderDrift } from '../../render/drift-text';
import { configFromDocument } from '../stack-config';
import { providerSources, schemasFor } from '../schemas';
import { readStackState } from './state-access';
import { renderStateResources } from '../../render/state-text';
import { stringifyJson } from '../../json-syntax';

export async function showCommand(ctx: CommandContext): Promise<number> {
  const json = boolFlag(ctx.args, 'json');
  const file = ctx.args.positional[0];
  if (file) {
    const full = path.resolve(ctx.cwd, file);
    if (!isPlanFile(full))
      return (
        report(ctx, [
          {
            severity: 'error',
            summary: `${file} is not a saved plan`,
            detail: 'show takes a file written by "gridform plan -out=FILE", or no argument to show the state.',
          },
        ]),
        1
      );
    const { saved, diagnostics } = readPlanFile(full);
    if (report(ctx, diagnostics) || !saved) return 1;
    const { config } = configFromDocument(saved.doc, full);
    const sources = providerSources(config, saved.plan.refreshedState);
    const schemas = schemasFor(sources, ctx.options.providers);
    if (json) say(ctx, stringifyJson(planJson(saved.plan, schemas, sources, saved.variables, saved.plan.refreshedState)) + '\n');
    else say(ctx, renderDrift(saved.plan, schemas, { enabled: ctx.io.color }) + renderPlan(saved.plan, schemas, { enabled: ctx.io.color }));
    return 0;
  }
  const r = await readStackState(ctx);
  if (!r.state) return 1;
  // no state at all, as terraform shows it: {"format_version":"1.0"}, or "No state."
  if (json) say(ctx, stringifyJson(r.exists ? stateJson(r.state.file) : { format_version: '1.0' }) + '\n');
  else if (!r.exists) say(ctx, 'No state.\n');
  else if (!r.state.file.resources.length) say(ctx, 'The state file is empty. No resources are represented.\n');
  else {
    const schemas = schemasFor(providerSources(r.config, r.state.file), ctx.options.providers);
    say(ctx, renderStateResources(r.state, r.state.instanceAddresses(), schemas));
  }
  return 0;
}
