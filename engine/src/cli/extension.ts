// How the composition root adds commands the engine knows nothing about (grid, chain, account,
// node) and the providers it may use. The engine owns argument parsing for its own commands only.
import type { ProviderFactory } from '../provider/interface';

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
  /** one line for `gridform -help` */
  readonly summary: string;
  /** args are what follows the command name; returns the process exit code */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliOptions {
  readonly providers: readonly ProviderFactory[];
  readonly commands?: Readonly<Record<string, ExtraCommand>>;
  /** gridform's own version, printed by `version` */
  readonly version: string;
}
