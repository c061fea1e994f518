// Every gridform command is a new process (hundreds in a test run or a pipeline), so the engine loads
// the packages only a few commands need (PostgreSQL, YAML, the HCL parser, bcrypt) when they are used,
// not when the command starts: together they were a third of the CPU time of a `gridform plan`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const LOADED_WHEN_USED = ['pg', 'yaml', '@cdktf/hcl2json', 'bcryptjs'];

jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-startup-'));
const report = path.join(dir, 'packages.json');
// preloaded into gridform: writes the npm packages the process loaded, as it exits
const preload = path.join(dir, 'report-packages.js');
fs.writeFileSync(
  preload,
  `process.on('exit', () => {
    const names = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]);
    require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify([...new Set(names.filter(Boolean))]));
  });`,
);

/** Runs gridform in `cwd` and answers the npm packages it loaded. */
function packagesLoadedBy(args: string[], cwd: string): string[] {
  fs.rmSync(report, { force: true });
  const r = spawnSync(process.execPath, ['-r', preload, GRIDFORM, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(fs.readFileSync(report, 'utf8')) as string[];
}

/** A folder holding `doc` as a synthesized stack (cdk.tf.json). */
function stack(name: string, doc: object): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  fs.writeFileSync(path.join(d, 'cdk.tf.json'), JSON.stringify(doc));
  return d;
}

beforeAll(() => {
  if (!fs.existsSync(GRIDFORM)) throw new Error(`${GRIDFORM} is not built: run npm run build first`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('gridform version and a plan of terraform_data load none of pg, yaml, @cdktf/hcl2json or bcryptjs', () => {
  const version = packagesLoadedBy(['version'], dir);
  const app = stack('plain', {
    resource: { terraform_data: { a: { input: 'x' } } },
    output: { a: { value: '${terraform_data.a.input}' } },
  });
  const plan = packagesLoadedBy(['plan', '-no-color'], app);
  expect([...version, ...plan].filter((p) => LOADED_WHEN_USED.includes(p))).toEqual([]);
});

it('a plan calling yamldecode and bcrypt loads yaml and bcryptjs, and gets their values', () => {
  const app = stack('functions', {
    output: {
      decoded: { value: '${yamldecode("a: [1, yes]")}' },
      hashed: { value: '${bcrypt("secret", 4)}', sensitive: true },
    },
  });
  expect(packagesLoadedBy(['apply', '-auto-approve', '-no-color'], app)).toEqual(expect.arrayContaining(['yaml', 'bcryptjs']));
  const outputs = JSON.parse(spawnSync(process.execPath, [GRIDFORM, 'output', '-json'], { cwd: app, encoding: 'utf8' }).stdout) as Record<
    string,
    { value: unknown }
  >;
  expect(outputs.decoded.value).toEqual({ a: [1, true] });
  expect(String(outputs.hashed.value).startsWith('$2a$04$')).toBe(true);
});

it('a plain .tf folder loads the HCL parser, and plans it', () => {
  const app = path.join(dir, 'hcl');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
  expect(packagesLoadedBy(['plan', '-no-color'], app)).toContain('@cdktf/hcl2json');
});
