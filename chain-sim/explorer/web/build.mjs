// Bundles the explorer's page (app.ts with uPlot and its CSS) into dist/, at build time: the page
// loads nothing from elsewhere. Run by `npm run build`.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '..', '..', '..', 'dist', 'chain-sim', 'explorer', 'web-assets');
fs.mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { app: path.join(here, 'app.ts') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outdir: out,
  logLevel: 'warning',
});
fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
