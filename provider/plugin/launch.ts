// What the terraform-provider-grid wrapper runs: the plugin's one-file bundle (made by
// `npm run build`, see bundle.mjs) with its code cache when the bundle is newer than main.js,
// else main.js itself (a build by `tsc -p .` alone, or a bundle older than the code it was made
// from). Only node's own modules load here, so the choice costs nothing measurable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runWithCodeCache } from './code-cache';

/** The bundle when it exists and is at least as new as main.js; undefined otherwise. */
export function currentBundle(dir: string): string | undefined {
  const bundle = path.join(dir, 'bundle.js');
  const main = path.join(dir, 'main.js');
  try {
    return fs.statSync(bundle).mtimeMs >= fs.statSync(main).mtimeMs ? bundle : undefined;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  const bundle = currentBundle(__dirname);
  if (bundle) runWithCodeCache(bundle);
  else require('./main');
}
