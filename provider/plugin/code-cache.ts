// Runs one big CommonJS file (the plugin's bundle) with a V8 code cache beside it, as Node 22's
// module.enableCompileCache would (Node 20 has none; the npm packages that did it are
// unmaintained): compiling the bundle's functions is most of what is left of a provider process's
// start-up once the modules are one file. The first run writes the cache as it exits (with every
// function it compiled); later runs skip those compiles. A cache is tied to the file's size and
// mtime and to this node (V8 itself refuses one made by another V8 version or flags, and the
// cache is then rewritten); a folder that cannot be written only means no cache.
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as nodeModule from 'node:module';

export interface CacheUse {
  /** accepted: the cache was used; written: there was none (or V8 refused it) and one is written at exit */
  readonly cache: 'accepted' | 'written';
}

/** The cache file of `file` and the key that ties it to this version of the file and this node. */
export function cacheFileOf(file: string): string {
  return `${file}.v8-cache`;
}

function cacheKey(file: string): string {
  const stat = fs.statSync(file);
  return `${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}\n`;
}

function readCache(cacheFile: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const header = Buffer.from(key);
  if (data.length <= header.length || !data.subarray(0, header.length).equals(header)) return undefined;
  return data.subarray(header.length);
}

function writeCache(cacheFile: string, key: string, script: vm.Script): void {
  const temporary = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(key), script.createCachedData()]));
    // a rename, so a process starting meanwhile reads the old cache or the new one, never half of one
    fs.renameSync(temporary, cacheFile);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * The file's text. esbuild writes ASCII only, which is read as latin1: the bytes become V8's
 * one-byte string as they are, where UTF-8 decoding took a third longer.
 */
function sourceOf(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Runs `file` as the main CommonJS module, with the code cache. */
export function runWithCodeCache(file: string): CacheUse {
  const cacheFile = cacheFileOf(file);
  const key = cacheKey(file);
  const cachedData = readCache(cacheFile, key);
  const script = new vm.Script(nodeModule.wrap(sourceOf(file)), { filename: file, cachedData });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  if (!accepted) process.once('exit', () => writeCache(cacheFile, key, script));
  const moduleFunction = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {}, filename: file, id: '.', loaded: false };
  moduleFunction.call(module.exports, module.exports, nodeModule.createRequire(file), module, file, path.dirname(file));
  return { cache: accepted ? 'accepted' : 'written' };
}
