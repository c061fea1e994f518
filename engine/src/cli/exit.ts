// Ending a command-line process without losing output. process.exit() drops whatever stdout and
// stderr still hold when they are pipes (Node writes to a full pipe asynchronously), which cut
// `state pull | gzip` at 64 KiB with exit code 0. So: wait until both have written everything, then
// exit. A reader that goes away (EPIPE, `| head`) is not an error: the rest of the output is
// dropped quietly and the command still finishes its work (an apply is not cut short by it).
// The same few lines live in proto/src/exit.ts for the daemons, which may not import the engine.

/** Makes a closed reader of stdout or stderr end that stream quietly instead of crashing. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      stream.destroy();
    });
  }
}

/** Resolves once `stream` has handed everything written so far to the system (or is closed). */
function written(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Exits with `code` once stdout and stderr are fully written. */
export async function exitWhenWritten(code: number): Promise<never> {
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit(code);
}
