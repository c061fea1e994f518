// output [-json|-raw] [NAME]: the root module's outputs from the state, as terraform prints them.
import { error } from '../../diagnostics';
import { boolFlag } from '../args';
import { report, say, type CommandContext } from '../context';
import { readStackState } from './state-access';
import { stringifyJson } from '../../json-syntax';

export async function outputCommand(ctx: CommandContext): Promise<number> {
  const name = ctx.args.positional[0];
  const json = boolFlag(ctx.args, 'json');
  const raw = boolFlag(ctx.args, 'raw');
  // refused before the state is read, as terraform refuses them
  if (raw && json) return (report(ctx, [error('Invalid output format', 'The -raw and -json options are mutually-exclusive.')]), 1);
  if (raw && !name) {
    return (report(ctx, [error('Output name required', 'You must give the name of a single output value when using the -raw option.')]), 1);
  }
  const { state } = await readStackState(ctx);
  if (!state) return 1;
  const outputs = state.file.outputs;
  if (name) {
    const o = outputs[name];
    if (!o) {
      const detail = `The state has outputs: ${Object.keys(outputs).join(', ') || 'none'}. Apply first, or check the name.`;
      return (report(ctx, [error(`Output "${name}" not found`, detail)]), 1);
    }
    if (raw) {
      if (o.value === null || typeof o.value === 'object') {
        const detail =
          'The -raw option only supports strings, numbers, and boolean values, but output value ' +
          `"${name}" is ${friendlyType(o.type)}.\n\nUse the -json option for machine-readable representations of output values ` +
          'that have complex types.';
        return (report(ctx, [error('Unsupported value for raw output', detail)]), 1);
      }
      say(ctx, String(o.value));
      return 0;
    }
    say(ctx, json ? stringifyJson(o.value) + '\n' : stringifyJson(o.value, 2) + '\n');
    return 0;
  }
  if (json) {
    const out = Object.fromEntries(
      Object.entries(outputs).map(([k, o]) => [k, { sensitive: !!o.sensitive, type: o.type, value: o.value }]),
    );
    say(ctx, stringifyJson(out, 2) + '\n');
    return 0;
  }
  if (!Object.keys(outputs).length) {
    ctx.io.stderr.write('\nWarning: No outputs found\n\nThe state has no outputs: apply first, or declare TerraformOutput values.\n');
    return 0;
  }
  const shown = (k: string) => (outputs[k].sensitive ? '<sensitive>' : stringifyJson(outputs[k].value, 2));
  const lines = Object.keys(outputs)
    .sort()
    .map((k) => `${k} = ${shown(k)}`);
  say(ctx, lines.join('\n') + '\n');
  return 0;
}

/** A state output's type as terraform names it in messages: tuple, object, list of string, ... */
function friendlyType(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && typeof type[0] === 'string') {
    return ['list', 'set', 'map'].includes(type[0]) ? `${type[0]} of ${friendlyType(type[1])}` : type[0];
  }
  return 'a complex value';
}
