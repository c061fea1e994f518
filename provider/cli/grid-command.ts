// `gridform grid up|down|status|upgrade`: runs the launcher of zos-sim as a child process (the CLI never
// imports the simulators: they are separate programs, as a real grid would be). runCli has checked
// the arguments against GRID_SPEC, so the launcher starts only for a known subcommand.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { helpText, type CliIO, type ExtraCommand } from '../../engine';
import { GRID_SPEC } from './command-specs';

const LAUNCHER = path.resolve(__dirname, '..', '..', 'zos-sim', 'launcher', 'main.js');

export const gridCommand: Pick<ExtraCommand, 'run'> = {
  run: (args, io) => {
    const sub = args.slice(args.indexOf('--') + 1)[0];
    if (!sub || !Object.hasOwn(GRID_SPEC.subcommands!, sub)) {
      io.stderr.write(helpText(['grid'], GRID_SPEC, '--'));
      return Promise.resolve(1);
    }
    return runLauncher(args, io);
  },
};

/** Runs the launcher with `args`, passing its output on; resolves with its exit code. */
export function runLauncher(args: string[], io: CliIO): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...io.env };
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: io.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => io.stdout.write(d));
    child.stderr.on('data', (d: Buffer) => io.stderr.write(d));
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', (err) => {
      io.stderr.write(`Error: cannot run the grid launcher ${LAUNCHER}: ${err.message} (run npm run build first)\n`);
      resolve(1);
    });
  });
}
