// Path functions: abspath basename dirname pathexpand, with Go's path/filepath rules on a
// Unix-like system (as terraform runs here): dirname("a/") is "a", basename("") is ".", and
// abspath resolves against the working folder of the configuration, not of the process.
import * as os from 'node:os';
import * as path from 'node:path';
import { toStr, ValueError } from '../convert';
import { fixed, type FnDef } from './types';

/** Go's filepath.Clean: the shortest equivalent path, no trailing slash, "." for empty. */
export function cleanPath(p: string): string {
  const normal = path.posix.normalize(p);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** Go's filepath.Dir: everything before the last slash, cleaned. */
function dirname(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** Go's filepath.Base: the last element after trailing slashes are removed; "/" for slashes only. */
function basename(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** github.com/mitchellh/go-homedir's Expand: only a leading "~" alone or followed by a slash. */
function pathexpand(p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') throw new ValueError('cannot expand user-specific home dir');
  return os.homedir() + p.slice(1);
}

const onPath = (f: (p: string) => string): FnDef => fixed(1, ([p]) => f(toStr(p, 'path')));

export const pathFunctions: Record<string, FnDef> = {
  abspath: fixed(1, ([p], ctx) => {
    const given = toStr(p, 'path');
    return cleanPath(path.posix.isAbsolute(given) ? given : path.posix.join(ctx?.cwd ?? process.cwd(), given));
  }),
  basename: onPath(basename),
  dirname: onPath(dirname),
  pathexpand: onPath(pathexpand),
};
