// What every command gets: parsed arguments, the io, the options from the composition root, and
// helpers to find the stack, print diagnostics (pointing into the stack's configuration file) and
// log progress.
import type { Diagnostic } from '../diagnostics';
import { hasErrors } from '../diagnostics';
import type { CliIO, CliOptions } from './extension';
import { boolFlag, flag, type ParsedArgs } from './args';
import { renderDiagnostics, type ConfigSourceHolder } from './diagnostics-view';
import { resolveStack, type StackDir } from './workdir';

export interface CommandContext {
  readonly args: ParsedArgs;
  readonly io: CliIO;
  readonly options: CliOptions;
  readonly cwd: string;
  /** the configuration file diagnostics point into, once the stack is known */
  readonly source: ConfigSourceHolder;
}

/** Prints diagnostics to stderr; returns true when there were errors. */
export function report(ctx: CommandContext, diags: readonly Diagnostic[]): boolean {
  if (diags.length) ctx.io.stderr.write(renderDiagnostics(diags, { enabled: ctx.io.color }, ctx.source.get()));
  return hasErrors(diags);
}

export function say(ctx: CommandContext, text: string): void {
  ctx.io.stdout.write(text);
}

/**
 * The stack the command works on (-stack=NAME picks one of an app's), synthesized first when
 * `synth`; diagnostics from then on point into its cdk.tf.json.
 */
export async function stackFor(
  ctx: CommandContext,
  synth: boolean,
  log: (line: string) => void = (line) => ctx.io.stderr.write(`${line}\n`),
): Promise<{ stack?: StackDir; diagnostics: Diagnostic[] }> {
  const skipSynth = boolFlag(ctx.args, 'skip-synth');
  const r = await resolveStack(ctx.cwd, { synth: synth && !skipSynth, skipSynth, stack: flag(ctx.args, 'stack'), log });
  // an HCL folder's diagnostics carry their file and line themselves (config/hcl placed())
  if (r.stack && !r.stack.hcl) ctx.source.use(r.stack.file, ctx.cwd);
  return r;
}
