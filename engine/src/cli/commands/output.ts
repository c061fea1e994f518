// output [-json] [NAME]: the root module's outputs from the state.
import { boolFlag, flag } from '../args';
import { report, say, type CommandContext } from '../context';
import { readStackState } from './state-access';

export async function outputCommand(ctx: CommandContext): Promise<number> {
  const { state } = await readStackState(ctx, flag(ctx.args, 'stack'));
  if (!state) return 1;
  const outputs = state.file.outputs;
  const name = ctx.args.positional[0];
  const json = boolFlag(ctx.args, 'json');
  const raw = boolFlag(ctx.args, 'raw');
  if (name) {
    const o = outputs[name];
    if (!o) {
      report(ctx, [{ severity: 'error', summary: `Output "${name}" not found`, detail: `The state has outputs: ${Object.keys(outputs).join(', ') || 'none'}. Apply first, or check the name.` }]);
      return 1;
    }
    say(ctx, raw && typeof o.value !== 'object' ? String(o.value) : json ? JSON.stringify(o.value) + '\n' : JSON.stringify(o.value, null, 2) + '\n');
    return 0;
  }
  if (json) {
    const out = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, { sensitive: !!o.sensitive, type: o.type, value: o.value }]));
    say(ctx, JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (!Object.keys(outputs).length) {
    ctx.io.stderr.write('\nWarning: No outputs found\n\nThe state has no outputs: apply first, or declare TerraformOutput values.\n');
    return 0;
  }
  say(ctx, Object.keys(outputs).sort().map((k) => `${k} = ${outputs[k].sensitive ? '<sensitive>' : JSON.stringify(outputs[k].value, null, 2)}`).join('\n') + '\n');
  return 0;
}
