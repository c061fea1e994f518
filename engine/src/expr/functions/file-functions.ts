// The file functions of HCL folders: file, fileexists, filebase64, the file hashes, fileset,
// templatefile and abspath, as terraform defines them (a relative path is relative to the folder
// terraform runs in, the root module's). They are written by config/hcl/rewrite.ts as
// __gridform_NAME(ROOT, ...): the root folder is an argument, so the functions stay functions of
// their arguments (pathexpand, which needs no root, is in paths.ts). cdk.tf.json keeps refusing
// the plain names.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isObject, toSet, toStr, ValueError } from '../convert';
import type { Value } from '../../values';
import { fixed, type FnDef } from './types';

/** The functions rewrite.ts gives the root folder to, by their terraform names. */
export const ROOTED_FILE_FUNCTIONS = [
  'file',
  'fileexists',
  'filebase64',
  'filemd5',
  'filesha1',
  'filesha256',
  'filesha512',
  'filebase64sha256',
  'filebase64sha512',
  'fileset',
  'templatefile',
  'abspath',
] as const;

function full(root: Value, p: Value): string {
  return path.resolve(toStr(root), toStr(p));
}

function read(root: Value, p: Value): Buffer {
  const file = full(root, p);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new ValueError(
        `no file exists at ${JSON.stringify(toStr(p))}; ` +
          'this function works only with files that are distributed as part of the configuration source code',
      );
    throw new ValueError(`failed to read ${JSON.stringify(toStr(p))}: ${(err as Error).message}`);
  }
}

function utf8(root: Value, p: Value): string {
  const bytes = read(root, p);
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes))
    throw new ValueError(
      `contents of ${toStr(p)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents ` +
        'or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead',
    );
  return text;
}

const hash = (algorithm: string, encoding: 'hex' | 'base64') =>
  fixed(2, ([root, p]) => createHash(algorithm).update(read(root, p)).digest(encoding));

/** A glob (`*`, `**`, `?`, `[...]`, `{a,b}`) as a regular expression over slash-separated paths. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) throw new ValueError(`failed to glob pattern ${JSON.stringify(pattern)}: syntax error in pattern`);
      re += `(?:${pattern
        .slice(i + 1, end)
        .split(',')
        .map((a) => a.replace(/[.+^$()|\\]/g, '\\$&'))
        .join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) throw new ValueError(`failed to glob pattern ${JSON.stringify(pattern)}: syntax error in pattern`);
      re += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
      i = end;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function filesUnder(dir: string, prefix = ''): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return filesUnder(path.join(dir, e.name), rel);
    return e.isFile() ? [rel] : [];
  });
}

export const fileFunctions: Record<string, FnDef> = {
  __gridform_file: fixed(2, ([root, p]) => utf8(root, p)),
  __gridform_fileexists: fixed(2, ([root, p]) => {
    const file = full(root, p);
    if (!fs.existsSync(file)) return false;
    if (!fs.statSync(file).isFile())
      throw new ValueError(
        `${JSON.stringify(toStr(p))} is not a regular file, but ${fs.statSync(file).isDirectory() ? 'a directory' : 'something else'}`,
      );
    return true;
  }),
  __gridform_filebase64: fixed(2, ([root, p]) => read(root, p).toString('base64')),
  __gridform_filemd5: hash('md5', 'hex'),
  __gridform_filesha1: hash('sha1', 'hex'),
  __gridform_filesha256: hash('sha256', 'hex'),
  __gridform_filesha512: hash('sha512', 'hex'),
  __gridform_filebase64sha256: hash('sha256', 'base64'),
  __gridform_filebase64sha512: hash('sha512', 'base64'),
  __gridform_abspath: fixed(2, ([root, p]) => full(root, p)),
  __gridform_fileset: fixed(3, ([root, p, pattern]) => {
    const base = full(root, p);
    const re = globRegExp(toStr(pattern));
    return toSet(filesUnder(base).filter((f) => re.test(f)));
  }),
  __gridform_templatefile: fixed(3, ([root, p, vars]) => {
    if (!isObject(vars)) throw new ValueError('the vars argument of templatefile must be an object or a map');
    const text = utf8(root, p);
    // loaded when called: the evaluator imports this library
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { evaluateWithVariables } = require('../evaluate') as typeof import('../evaluate');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseTemplateWithVariables } = require('../parse') as typeof import('../parse');
    const names = Object.keys(vars);
    const none = { resource: () => undefined, variable: () => undefined, local: () => undefined };
    return evaluateWithVariables(parseTemplateWithVariables(text, names), none, new Map(Object.entries(vars)));
  }),
};
