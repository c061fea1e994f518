// What the HCL parser made of a set of files, kept in the root folder's .terraform/ (where terraform
// keeps what it derives from a folder) under the hash of the files' names and texts and of the parser's
// version. The parser is WebAssembly: loading and warming it costs more CPU than everything else a
// plan of an unchanged folder does, so a run whose files are unchanged never loads it. One entry per
// set of file names (a changed file replaces its entry), written to a temporary file and renamed,
// so a killed run leaves the old entry or the new one; an entry that does not read back is ignored.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bumped when what is cached changes shape, so entries written by another gridform are not read. */
const FORMAT = 1;

export interface CachedFile {
  readonly name: string;
  readonly text: string;
}

/** The folder of the cache of the configuration rooted at `rootDir`. */
export function parseCacheDir(rootDir: string): string {
  return path.join(rootDir, '.terraform', 'gridform-parsed');
}

export class ParseCache {
  constructor(
    private readonly dir: string,
    private readonly parserVersion: string,
  ) {}

  /** The result cached for exactly these files, or undefined. */
  get<T>(files: readonly CachedFile[]): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.slot(files), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; result?: T };
      return entry.key === this.key(files) ? entry.result : undefined;
    } catch {
      return undefined; // damaged (a disk that lost a write): parsed again and replaced
    }
  }

  /** Keeps `result` for these files; a folder that cannot be written to only costs the next run a parse. */
  set(files: readonly CachedFile[], result: unknown): void {
    const file = this.slot(files);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify({ key: this.key(files), result }));
      fs.renameSync(tmp, file);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // the folder itself is not there (.terraform is a file, or unreadable): nothing was left behind
      }
    }
  }

  private slot(files: readonly CachedFile[]): string {
    return path.join(this.dir, `${sha256(files.map((f) => f.name).join('\0'))}.json`);
  }

  private key(files: readonly CachedFile[]): string {
    const h = createHash('sha256').update(`${FORMAT}\0${this.parserVersion}\0`);
    for (const f of files) h.update(`${f.name.length}:${f.name}${Buffer.byteLength(f.text)}:`).update(f.text);
    return h.digest('hex');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
