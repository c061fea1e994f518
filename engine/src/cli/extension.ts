// How the composition root adds commands the engine knows nothing about (grid, chain, account,
// node) and the providers it may use. The engine owns argument parsing for its own commands only.
import type { ProviderFactory } from '../provider/interface';
import type { CommandSpec } from './command-spec';

export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** true when colours may be used (a terminal and no -no-color) */
  readonly color: boolean;
}

export interface ExtraCommand {
  /** usage, flags and arguments: the command line is checked against it before run, and -help prints it */
  readonly spec: CommandSpec;
  /**
   * args are what followed the command name, once checked: flags as `--name=value` (booleans as
   * `--name` when true), then `--`, then the positional arguments. Returns the exit code.
   */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliOptions {
  readonly providers: readonly ProviderFactory[];
  readonly commands?: Readonly<Record<string, ExtraCommand>>;
  /** gridform's own version, printed by `version` */
  readonly version: string;
}
