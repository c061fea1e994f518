// The gridform command line: global flags (-chdir, -help, -version), then a command of the engine
// or one the composition root added (grid, chain, account, node).
import * as path from 'node:path';
import { parseArgs, type ParsedArgs } from './args';
import type { CliIO, CliOptions } from './extension';
import type { CommandContext } from './context';
import { planApplyCommand } from './commands/plan-apply';
import { outputCommand } from './commands/output';
import { initCommand, providersCommand, synthCommand, validateCommand, versionCommand } from './commands/misc';
import { showCommand } from './commands/show';
import { stateCommand } from './commands/state';
import { importCommand } from './commands/import';
import { graphCommand } from './commands/graph';
import { forceUnlockCommand } from './commands/force-unlock';
import { workspaceCommand } from './commands/workspace';
import { parseArgs as parse } from './args';

const ENGINE_COMMANDS: Record<string, { summary: string; run(ctx: CommandContext): Promise<number> }> = {
  init: { summary: 'Prepare the working directory (providers are built in)', run: initCommand },
  validate: { summary: 'Check whether the configuration is valid', run: validateCommand },
  synth: { summary: 'Run cdktf synth in a CDKTF app folder', run: synthCommand },
  plan: { summary: 'Show changes required by the current configuration', run: (c) => planApplyCommand(c, 'plan') },
  apply: { summary: 'Create or update infrastructure', run: (c) => planApplyCommand(c, 'apply') },
  destroy: { summary: 'Destroy previously-created infrastructure', run: (c) => planApplyCommand(c, 'destroy') },
  output: { summary: 'Show output values from the state', run: outputCommand },
  show: { summary: 'Show a saved plan or the state (-json for programs)', run: showCommand },
  state: { summary: 'Inspect and edit the state: list, show, rm, mv, pull', run: stateCommand },
  import: { summary: 'Bring an existing object under management: import ADDRESS ID', run: importCommand },
  refresh: { summary: 'Update the state to match the real objects (apply -refresh-only)', run: (c) => planApplyCommand({ ...c, args: parse(['-refresh-only', '-auto-approve', ...argvOf(c.args)], VALUE_FLAGS) }, 'apply') },
  graph: { summary: 'Print the dependency graph in DOT', run: graphCommand },
  workspace: { summary: 'Workspaces: list, show, new, select, delete', run: workspaceCommand },
  'force-unlock': { summary: 'Release a stuck state lock: force-unlock LOCK_ID', run: forceUnlockCommand },
  providers: { summary: 'providers lock: accepted for compatibility', run: providersCommand },
  version: { summary: 'Show the current version', run: versionCommand },
};

const VALUE_FLAGS = new Set(['lock-timeout', 'parallelism', 'target', 'replace', 'out', 'stack', 'var', 'var-file', 'state']);

/** Arguments back into argv form (for commands defined as another command with extra flags). */
function argvOf(args: ParsedArgs): string[] {
  return [...[...args.flags].flatMap(([k, vs]) => vs.map((v) => `-${k}=${v}`)), ...args.positional];
}

function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, color: !!process.stdout.isTTY };
}

export async function runCli(argv: string[], options: CliOptions, ioOverrides: Partial<CliIO> = {}): Promise<number> {
  let io: CliIO = { ...defaultIO(), ...ioOverrides };
  let cwd = io.cwd;
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i].replace(/^--?/, '');
    if (a.startsWith('chdir=')) cwd = path.resolve(cwd, a.slice('chdir='.length));
    else if (a === 'v' || a === 'version') return versionCommand({ args: parseArgs(argv.slice(i + 1)), io, options, cwd });
    else if (a === 'help' || a === 'h') return help(io, options);
    else if (a === 'no-color') io = { ...io, color: false };
    else {
      io.stderr.write(`gridform: unknown global flag ${argv[i]}\n`);
      return 1;
    }
  }
  const [name, ...rest] = argv.slice(i);
  if (!name) return help(io, options);
  const extra = options.commands?.[name];
  if (extra) return extra.run(rest, { ...io, cwd });
  const command = ENGINE_COMMANDS[name];
  if (!command) {
    io.stderr.write(`gridform: unknown command ${JSON.stringify(name)}\n\n`);
    help({ ...io, stdout: io.stderr }, options);
    return 1;
  }
  const args = parseArgs(rest, VALUE_FLAGS);
  if (args.flags.has('no-color')) io = { ...io, color: false };
  return command.run({ args, io, options, cwd });
}

function help(io: CliIO, options: CliOptions): number {
  const rows = [...Object.entries(ENGINE_COMMANDS), ...Object.entries(options.commands ?? {})].map(([n, c]) => `  ${n.padEnd(13)} ${c.summary}`);
  io.stdout.write(`Usage: gridform [-chdir=DIR] <command> [args]\n\nCommands:\n${rows.join('\n')}\n\nGlobal options:\n  -chdir=DIR  Switch to DIR before running the command\n  -version    Show the version\n  -help       Show this help\n`);
  return 0;
}
