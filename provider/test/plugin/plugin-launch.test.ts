// How terraform-provider-grid starts fast: launch.js runs the one-file bundle only while it is
// current, the V8 code cache beside it is used only for the very file it was made from, and the
// bundle (made by bundle.mjs, as npm run build does) serves the same schema as main.js.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPlugin } from '../../../engine/src/plugin-server/plugin-client';
import { PLUGIN_PROTO_DIR, PLUGIN_PROTOCOL_JSON } from '../../../proto/src/plugin-protos';
import { currentBundle } from '../../plugin/launch';
import { REPO } from '../e2e/cli';

jest.setTimeout(90_000);

const DIST_PLUGIN = path.join(REPO, 'dist', 'provider', 'plugin');

describe('launch: the bundle runs only while it is current', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-launch-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const touch = (name: string, secondsAgo: number) => {
    fs.writeFileSync(path.join(dir, name), '');
    const t = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(dir, name), t, t);
  };

  it('no bundle: main.js runs', () => {
    touch('main.js', 10);
    expect(currentBundle(dir)).toBeUndefined();
  });

  it('a bundle made after main.js runs', () => {
    touch('main.js', 10);
    touch('bundle.js', 5);
    expect(currentBundle(dir)).toBe(path.join(dir, 'bundle.js'));
  });

  it('a bundle older than main.js (tsc ran again since) does not', () => {
    touch('bundle.js', 10);
    touch('main.js', 5);
    expect(currentBundle(dir)).toBeUndefined();
  });
});

describe('code cache: used only for the file it was made from', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-code-cache-'));
  const app = path.join(dir, 'app.js');
  const runner = path.join(dir, 'run.js');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    const codeCache = JSON.stringify(path.join(DIST_PLUGIN, 'code-cache.js'));
    fs.writeFileSync(runner, `const use = require(${codeCache}).runWithCodeCache(process.argv[2]);\nprocess.stderr.write(use.cache);\n`);
  });
  /** runs app.js through runWithCodeCache: what it printed, and whether the cache was accepted or written */
  const runApp = () => {
    const r = spawnSync(process.execPath, [runner, app], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return { printed: r.stdout, cache: r.stderr };
  };
  const writeApp = (word: string) =>
    fs.writeFileSync(
      app,
      `process.stdout.write([${JSON.stringify(word)}, __filename, __dirname, typeof require('node:fs').statSync].join(' '));\n`,
    );

  it('the first run writes the cache as it exits; the next accepts it and runs the same', () => {
    writeApp('alpha');
    const first = runApp();
    expect(first).toEqual({ printed: `alpha ${app} ${dir} function`, cache: 'written' });
    expect(fs.existsSync(`${app}.v8-cache`)).toBe(true);
    expect(runApp()).toEqual({ printed: first.printed, cache: 'accepted' });
  });

  it('a changed file of the same length is run as it is now, not from the old cache, which is replaced', () => {
    writeApp('bravo'); // as long as alpha: V8's own check (source length) would take the old cache
    const t = new Date(Date.now() + 2000);
    fs.utimesSync(app, t, t);
    expect(runApp()).toEqual({ printed: `bravo ${app} ${dir} function`, cache: 'written' });
    expect(runApp()).toEqual({ printed: `bravo ${app} ${dir} function`, cache: 'accepted' });
  });

  it('a damaged cache is refused and rewritten; the file still runs', () => {
    const cacheFile = `${app}.v8-cache`;
    const data = fs.readFileSync(cacheFile);
    const header = data.subarray(0, data.indexOf(10) + 1);
    fs.writeFileSync(cacheFile, Buffer.concat([header, Buffer.alloc(4096, 7)]));
    expect(runApp()).toEqual({ printed: `bravo ${app} ${dir} function`, cache: 'written' });
    expect(runApp().cache).toBe('accepted');
  });

  it('a file with text beyond ASCII runs with that text intact (an ASCII file is read as latin1)', () => {
    writeApp('größe→✓');
    expect(runApp()).toEqual({ printed: `größe→✓ ${app} ${dir} function`, cache: 'written' });
    expect(runApp()).toEqual({ printed: `größe→✓ ${app} ${dir} function`, cache: 'accepted' });
  });
});

describe('the one-file bundle', () => {
  const dir = fs.mkdtempSync(path.join(REPO, '.test-work-'));
  const bundle = path.join(dir, 'bundle.js');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves the same provider schema as main.js (its modules find their files from a bundle elsewhere)', async () => {
    execFileSync(process.execPath, [path.join(REPO, 'provider', 'plugin', 'bundle.mjs'), bundle], { stdio: 'pipe' });
    const schemaOf = async (entry: string) => {
      const plugin = await startPlugin({
        command: process.execPath,
        args: [entry],
        protoDir: PLUGIN_PROTO_DIR,
        protocolJson: PLUGIN_PROTOCOL_JSON,
      });
      try {
        return await plugin.call('GetProviderSchema', {});
      } finally {
        await plugin.stop();
      }
    };
    const fromBundle = await schemaOf(bundle);
    expect(Object.keys(fromBundle.resourceSchemas as object).sort()).toEqual([
      'grid_deployment',
      'grid_fqdn_proxy',
      'grid_kubernetes',
      'grid_name_proxy',
      'grid_network',
      'grid_scheduler',
    ]);
    expect(fromBundle).toEqual(await schemaOf(path.join(DIST_PLUGIN, 'main.js')));
  });

  it('leaves out what a provider process never runs, and each part left out still loads from where it is', () => {
    const text = fs.readFileSync(bundle, 'utf8');
    // esbuild heads each module it took in with a comment naming its file
    expect(text).toMatch(/^\/\/ dist\/engine\/src\/plugin-server\/serve\.js$/m);
    expect(text).not.toMatch(/^\/\/ dist\/engine\/src\/cli\/run-cli\.js$/m);
    expect(text).not.toMatch(/^\/\/ node_modules\/protobufjs\/src\/parse\.js$/m);
    const leftOut = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:'));
    const notBuiltin = [...new Set(leftOut)].filter((m) => !builtinModules.includes(m));
    const runCliPath = notBuiltin.find((m) => m.endsWith('engine/src/cli/run-cli.js'));
    expect(notBuiltin).toEqual(expect.arrayContaining(['protobufjs', '@grpc/proto-loader', runCliPath]));
    const requireFromBundle = createRequire(bundle);
    for (const m of notBuiltin) expect(() => requireFromBundle.resolve(m)).not.toThrow();
    const { runCli } = requireFromBundle(runCliPath!) as { runCli: unknown };
    expect(typeof runCli).toBe('function');
  });
});
