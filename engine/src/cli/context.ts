// What every command gets: parsed arguments, the io, the options from the composition root, and
// helpers to print diagnostics and log progress.
import type { Diagnostic } from '../diagnostics';
import { hasErrors } from '../diagnostics';
import type { CliIO, CliOptions } from './extension';
import type { ParsedArgs } from './args';
import { renderDiagnostics } from './diagnostics-view';

export interface CommandContext {
  readonly args: ParsedArgs;
  readonly io: CliIO;
  readonly options: CliOptions;
  readonly cwd: string;
}

/** Prints diagnostics to stderr; returns true when there were errors. */
export function report(ctx: CommandContext, diags: readonly Diagnostic[]): boolean {
  if (diags.length) ctx.io.stderr.write(renderDiagnostics(diags, { enabled: ctx.io.color }));
  return hasErrors(diags);
}

export function say(ctx: CommandContext, text: string): void {
  ctx.io.stdout.write(text);
}
