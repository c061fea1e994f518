// What a command accepts, declared once: its usage, its flags and how many arguments it takes, and
// its subcommands. The command line is checked against it before the command runs, so `-help`
// only prints the usage and an unknown flag or a wrong number of arguments is refused before
// anything happens, for every command alike (the composition root's commands included).
import { isBoolText, parseArgs, type ParsedArgs } from './args';

/** bool: `-f`, `-f=false`; value: `-f=V` or `-f V`, the last one wins; list: repeatable value */
export type FlagKind = 'bool' | 'value' | 'list';

export interface FlagSpec {
  readonly kind: FlagKind;
  /** one line for the help; flags without one are accepted for compatibility and not listed */
  readonly help?: string;
  /** how the value is shown in the help: -out=PATH (for a bool: -lock=false, when that is how it is used) */
  readonly arg?: string;
  /** values it takes, checked with the rest of the command line: what is refused says "it must be WHAT" */
  readonly accepts?: { readonly pattern: RegExp; readonly what: string };
}

export interface CommandSpec {
  /** what follows the command's name in the usage line: "[options] ADDRESS ID" */
  readonly usage: string;
  /** one line for the list of commands */
  readonly summary: string;
  /** a paragraph for the help, below the usage line */
  readonly description?: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** how many positional arguments it takes, [min, max] (after the subcommand's name) */
  readonly args: readonly [number, number];
  readonly subcommands?: Readonly<Record<string, CommandSpec>>;
  /** -json switches the command to terraform's machine-readable UI (its usage errors too) */
  readonly jsonUi?: boolean;
}

/** -no-color is accepted everywhere, as the global option it is in gridform */
const COMMON: Readonly<Record<string, FlagSpec>> = { 'no-color': { kind: 'bool', help: 'Print without colours.' } };

export const HELP_ARGS: readonly string[] = ['-h', '-help', '--help'];

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.some((a) => HELP_ARGS.includes(a));
}

export interface CommandLine {
  readonly args: ParsedArgs;
  /** the words naming the command that runs: ["state", "list"] */
  readonly path: readonly string[];
  readonly spec: CommandSpec;
}

export interface CommandLineError {
  readonly summary: string;
  readonly detail: string;
  /** the command whose -help to point at */
  readonly path: readonly string[];
}

function valueFlags(spec: CommandSpec): Set<string> {
  const all = [spec, ...Object.values(spec.subcommands ?? {})].flatMap((s) => Object.entries(s.flags));
  return new Set(all.filter(([, f]) => f.kind !== 'bool').map(([n]) => n));
}

/** The command or subcommand `argv` names, with the arguments parsed for it (nothing checked). */
export function resolveCommand(name: string, spec: CommandSpec, argv: readonly string[]): CommandLine {
  const args = parseArgs(
    argv.filter((a) => !HELP_ARGS.includes(a)),
    valueFlags(spec),
  );
  const sub = args.positional[0] !== undefined ? spec.subcommands?.[args.positional[0]] : undefined;
  return sub ? { args, path: [name, args.positional[0]], spec: sub } : { args, path: [name], spec };
}

/** Parses `argv` for the command `name` and checks it against its spec. */
export function parseCommandLine(name: string, spec: CommandSpec, argv: readonly string[]): CommandLine | CommandLineError {
  const line = resolveCommand(name, spec, argv);
  const { args, path } = line;
  const fail = (summary: string, detail: string): CommandLineError => ({ summary, detail, path });
  const flags = { ...COMMON, ...line.spec.flags };
  for (const [flagName, values] of args.flags) {
    const f = flags[flagName];
    if (!f) return fail('Failed to parse command-line flags', `flag provided but not defined: -${flagName}`);
    if (args.missingValue?.includes(flagName)) return fail('Failed to parse command-line flags', `flag needs an argument: -${flagName}`);
    const bad = f.kind === 'bool' ? values.find((v) => !isBoolText(v)) : undefined;
    const parseError = 'Failed to parse command-line flags';
    if (bad !== undefined) return fail(parseError, `invalid boolean value ${JSON.stringify(bad)} for -${flagName}: parse error`);
    const refused = f.accepts && values.find((v) => !f.accepts!.pattern.test(v));
    if (refused !== undefined) {
      return fail(parseError, `invalid value ${JSON.stringify(refused)} for flag -${flagName}: it must be ${f.accepts!.what}`);
    }
  }
  // a command with subcommands and none named: the command itself says what is missing
  if (line.spec.subcommands) return line;
  const given = args.positional.length - (path.length - 1);
  const [min, max] = line.spec.args;
  const shown = `gridform ${path.join(' ')} ${line.spec.usage}`.trim();
  if (given > max) {
    const extra = args.positional
      .slice(path.length - 1 + max)
      .map((a) => JSON.stringify(a))
      .join(' ');
    const expected = max === 0 ? 'no arguments' : `at most ${max} argument${max > 1 ? 's' : ''}`;
    const detail = `${shown} takes ${expected}; ${extra} is one too many. Flags go before the arguments, as -name=value.`;
    return fail('Too many command line arguments', detail);
  }
  if (given < min) return fail('Missing required argument', `Usage: ${shown}`);
  return line;
}

export function isLineError(x: CommandLine | CommandLineError): x is CommandLineError {
  return 'summary' in x;
}

/** The help of a command (or subcommand), in terraform's layout; `dash` is how flags are shown. */
export function helpText(path: readonly string[], spec: CommandSpec, dash: '-' | '--' = '-'): string {
  const lines = [`Usage: gridform [global options] ${[...path, spec.usage].join(' ')}`.trimEnd(), ''];
  if (spec.description) lines.push(...wrap(spec.description).map((l) => `  ${l}`), '');
  const subs = Object.entries(spec.subcommands ?? {});
  if (subs.length) {
    const width = Math.max(...subs.map(([n]) => n.length)) + 4;
    lines.push('Subcommands:', ...subs.map(([n, s]) => `    ${n.padEnd(width)}${s.summary}`), '');
  }
  const shown = Object.entries({ ...spec.flags, ...COMMON }).filter(([, f]) => f.help);
  if (shown.length) {
    const names = shown.map(([n, f]) => `${dash}${n}${f.arg ? `=${f.arg}` : f.kind === 'bool' ? '' : '=VALUE'}`);
    const width = Math.max(...names.map((n) => n.length)) + 3;
    lines.push('Options:', '');
    shown.forEach(([, f], i) => {
      const [first, ...more] = wrap(f.help!, Math.max(40, 78 - width));
      lines.push(`  ${names[i].padEnd(width)}${first}`, ...more.map((l) => `  ${''.padEnd(width)}${l}`));
    });
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

/** The usage error of a command line, in terraform's words. */
export function lineErrorText(e: CommandLineError): string {
  return `\nError: ${e.summary}\n\n${e.detail}\n\nFor more help on using this command, run:\n  gridform ${e.path.join(' ')} -help\n`;
}

function wrap(text: string, width = 76): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line);
  }
  return out;
}
