// The gridform command line: global flags (-chdir, -help, -version), then a command of the engine
// or one the composition root added (grid, chain, account, node). Every command line is checked
// against its command's spec first: -help, --help and -h print the usage and do nothing else, and
// an unknown flag or a wrong number of arguments is refused before anything happens.
import * as path from 'node:path';
import { boolFlag, parseArgs, type ParsedArgs } from './args';
import type { CliIO, CliOptions } from './extension';
import type { CommandContext } from './context';
import { planApplyCommand } from './commands/plan-apply';
import { outputCommand } from './commands/output';
import { initCommand, synthCommand, validateCommand, versionCommand } from './commands/misc';
import { providersCommand } from './commands/providers';
import { showCommand } from './commands/show';
import { stateCommand } from './commands/state';
import { importCommand } from './commands/import';
import { graphCommand } from './commands/graph';
import { forceUnlockCommand } from './commands/force-unlock';
import { workspaceCommand } from './commands/workspace';
import { SPECS } from './commands/specs';
import { ConfigSourceHolder } from './diagnostics-view';
import { JsonView } from './views/json-view';
import { error } from '../diagnostics';
import {
  helpText,
  isLineError,
  lineErrorText,
  parseCommandLine,
  resolveCommand,
  wantsHelp,
  type CommandLine,
  type CommandSpec,
} from './command-spec';

interface EngineCommand {
  readonly spec: CommandSpec;
  run(ctx: CommandContext): Promise<number>;
}

const ENGINE_COMMANDS: Record<keyof typeof SPECS, (ctx: CommandContext) => Promise<number>> = {
  init: initCommand,
  validate: validateCommand,
  synth: synthCommand,
  plan: (c) => planApplyCommand(c, 'plan'),
  apply: (c) => planApplyCommand(c, 'apply'),
  destroy: (c) => planApplyCommand(c, 'destroy'),
  output: outputCommand,
  show: showCommand,
  state: stateCommand,
  import: importCommand,
  refresh: (c) => planApplyCommand({ ...c, args: withFlags(c.args, { 'refresh-only': 'true', 'auto-approve': 'true' }) }, 'apply'),
  graph: graphCommand,
  workspace: workspaceCommand,
  'force-unlock': forceUnlockCommand,
  providers: providersCommand,
  version: versionCommand,
};

function engineCommand(name: string): EngineCommand | undefined {
  if (!Object.hasOwn(ENGINE_COMMANDS, name)) return undefined;
  const key = name as keyof typeof SPECS;
  return { spec: SPECS[key], run: ENGINE_COMMANDS[key] };
}

/** Arguments with flags added (for commands defined as another command with extra flags). */
function withFlags(args: ParsedArgs, extra: Record<string, string>): ParsedArgs {
  const flags = new Map(args.flags);
  for (const [k, v] of Object.entries(extra)) flags.set(k, [v]);
  return { ...args, flags };
}

/**
 * The command line as the composition root's commands get it: flags as `--name=value` (booleans
 * as `--name` when true), then `--`, then the positional arguments, whatever way they were written.
 */
function normalizedArgv(line: CommandLine): string[] {
  const flags = Object.entries(line.spec.flags).flatMap(([name, f]) => {
    const values = line.args.flags.get(name) ?? [];
    if (f.kind === 'bool') return boolFlag(line.args, name) ? [`--${name}`] : [];
    if (f.kind === 'value') return values.length ? [`--${name}=${values.at(-1)}`] : [];
    return values.map((v) => `--${name}=${v}`);
  });
  return [...flags, '--', ...line.args.positional];
}

function defaultIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    color: !!process.stdout.isTTY,
  };
}

export async function runCli(argv: string[], options: CliOptions, ioOverrides: Partial<CliIO> = {}): Promise<number> {
  let io: CliIO = { ...defaultIO(), ...ioOverrides };
  let cwd = io.cwd;
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i].replace(/^--?/, '');
    if (a.startsWith('chdir=')) cwd = path.resolve(cwd, a.slice('chdir='.length));
    else if (a === 'v' || a === 'version') {
      return versionCommand({ args: parseArgs(argv.slice(i + 1)), io, options, cwd, source: new ConfigSourceHolder() });
    } else if (a === 'help' || a === 'h') return help(io, options);
    else if (a === 'no-color') io = { ...io, color: false };
    else {
      const detail = `${argv[i]} is not a global option (-chdir=DIR, -help, -version, -no-color).`;
      io.stderr.write(`\nError: Unknown global option\n\n${detail}\n\nTo see all of gridform's commands, run:\n  gridform -help\n`);
      return 1;
    }
  }
  const [name, ...rest] = argv.slice(i);
  if (!name) return help(io, options);
  const extra = Object.hasOwn(options.commands ?? {}, name) ? options.commands![name] : undefined;
  const command = extra ?? engineCommand(name);
  if (!command) {
    const hint = "To see all of gridform's commands, run:\n  gridform -help";
    io.stderr.write(`gridform has no command named ${JSON.stringify(name)}.\n\n${hint}\n`);
    return 1;
  }
  if (wantsHelp(rest)) {
    const line = resolveCommand(name, command.spec, rest);
    io.stdout.write(helpText(line.path, line.spec, extra ? '--' : '-'));
    return 0;
  }
  const line = parseCommandLine(name, command.spec, rest);
  if (isLineError(line)) {
    if (command.spec.jsonUi && rest.some((a) => /^--?json(=(1|t|T|true|TRUE|True))?$/.test(a))) {
      const view = new JsonView({ args: parseArgs([]), io, options, cwd, source: new ConfigSourceHolder() }, options.version);
      view.diagnostics([error(line.summary, line.detail)]);
    } else io.stderr.write(lineErrorText(line));
    return 1;
  }
  if (line.args.flags.has('no-color')) io = { ...io, color: false };
  if (extra) return extra.run(normalizedArgv(line), { ...io, cwd });
  return (command as EngineCommand).run({ args: line.args, io, options, cwd, source: new ConfigSourceHolder() });
}

function help(io: CliIO, options: CliOptions): number {
  const extra = Object.entries(options.commands ?? {}).map(([n, c]): [string, CommandSpec] => [n, c.spec]);
  const all: [string, CommandSpec][] = [...Object.entries(SPECS), ...extra];
  const rows = all.map(([n, c]) => `  ${n.padEnd(13)} ${c.summary}`);
  io.stdout.write(
    `Usage: gridform [global options] <command> [args]\n\nCommands:\n${rows.join('\n')}\n\n` +
      'Every command takes -help for its usage and flags.\n\nGlobal options:\n' +
      '  -chdir=DIR  Switch to DIR before running the command\n  -version    Show the version\n  -help       Show this help\n',
  );
  return 0;
}
