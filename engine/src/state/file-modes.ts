// Files that may hold secrets (state, its journal and backups, saved plans) are created readable
// by their owner only. A file found readable by group or others is still used, with a warning
// saying how to close it.
import * as fs from 'node:fs';

export const SECRET_FILE_MODE = 0o600;

/** A warning for a file that group or others can read, or undefined when it is private (or absent). */
export function looseModeWarning(file: string, what: string): { summary: string; detail: string } | undefined {
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return {
    summary: `${file} is readable by others`,
    detail: `It is ${what} and may hold secrets, yet its mode is ${mode.toString(8).padStart(4, '0')}. Run: chmod 600 ${file}`,
  };
}
