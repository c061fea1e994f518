// Bundles the built terraform-provider-grid (dist/provider/plugin/main.js and everything it
// requires) into one file, dist/provider/plugin/bundle.js, at the end of `npm run build`.
// Why: terraform starts 3 to 4 provider processes per command, and each spent most of its
// start-up finding, reading and compiling some 370 modules one by one. esbuild keeps every
// module's code lazy (a require runs it when first called), so what main.ts loads after the
// handshake still loads after it. launch.ts runs the bundle only when it is newer than main.js
// (a later `tsc -p .` makes it stale, and main.js runs instead).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '..', '..', 'dist');
const pluginDist = path.join(distDir, 'provider', 'plugin');
const entry = path.join(pluginDist, 'main.js');
// another place only for tests, which must not touch the build's own bundle
const outfile = path.resolve(process.argv[2] ?? path.join(pluginDist, 'bundle.js'));
const outDir = path.dirname(outfile);

// Modules that find files beside themselves (the .proto files, grpc-js's own protos) read
// __dirname: each keeps its own, relative to where the bundle is, so the folder can move.
const keepOwnDirname = {
  name: 'keep-own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const dir = JSON.stringify(path.relative(outDir, path.dirname(args.path)));
      const file = JSON.stringify(path.basename(args.path));
      const own =
        `var __dirname = require("node:path").join(__bundleDirname, ${dir});` +
        ` var __filename = require("node:path").join(__dirname, ${file});\n`;
      // after a hashbang and a "use strict" directive, which must stay first
      const head = /^(#![^\n]*\n)?(\s*(["'])use strict\3;?[^\n]*\n)?/.exec(text)[0];
      return { contents: head + own + text.slice(head.length), loader: 'js' };
    });
  },
};

// Code a provider process never runs, reached only through lazy requires: the engine's command
// line (behind engine/index.ts's runCli), the full protobufjs with its .proto parser (used only
// when the generated JSON is missing) and @grpc/proto-loader (grpc-js's channelz service). Left
// out of the bundle, which they made 45% larger (every start reads the whole file and deserializes
// its code cache); should anything call them, they load from dist/ and node_modules as they are.
const fromDist = ['engine/src/cli/run-cli'];
const fromNodeModules = /^(protobufjs|@grpc\/proto-loader)$/;
const leaveOut = {
  name: 'leave-out',
  setup(build) {
    build.onResolve({ filter: fromNodeModules }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^\./ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '');
      if (!fromDist.some((m) => target === path.join(distDir, m))) return undefined;
      const relative = path.relative(outDir, target);
      return { path: `${relative.startsWith('.') ? '' : './'}${relative}.js`, external: true };
    });
  },
};

if (!fs.existsSync(entry)) {
  process.stderr.write(`bundle.mjs: ${entry} is missing; run tsc -p . first\n`);
  process.exit(1);
}
const started = Date.now();
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // "use strict" first: esbuild's own would come after the banner and no longer be a directive
  banner: { js: '"use strict";\nvar __bundleDirname = __dirname;' },
  // native code and a wasm file found beside its module: loaded from node_modules as they are
  external: ['better-sqlite3', '@cdktf/hcl2json'],
  plugins: [leaveOut, keepOwnDirname],
});
// a code cache made for an earlier bundle must not be tried against this one
fs.rmSync(`${outfile}.v8-cache`, { force: true });
const size = (fs.statSync(outfile).size / 1024 / 1024).toFixed(1);
process.stdout.write(
  `bundled terraform-provider-grid into ${path.relative(process.cwd(), outfile)} (${size} MB, ${Date.now() - started} ms)\n`,
);
