// The parse of a folder is kept in .terraform/ by the hash of its files: a run on unchanged files
// reads it back (without loading the WebAssembly parser), a changed file is parsed again, and a
// damaged or unwritable cache never changes what the folder means.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHclStack } from '../../src/config/hcl';
import { TfFolder } from './folder';

const MAIN = 'resource "terraform_data" "a" {\n  input = "one"\n}\n';
const cacheDir = (f: TfFolder) => path.join(f.dir, '.terraform', 'gridform-parsed');

async function rootDoc(dir: string): Promise<Record<string, unknown>> {
  const r = await readHclStack(dir);
  if (!r.hcl) throw new Error(JSON.stringify(r.diagnostics));
  return r.hcl.root.folder.doc;
}

describe('the parse cache of an HCL folder', () => {
  let f: TfFolder;
  beforeEach(() => (f = new TfFolder().write({ 'main.tf': MAIN })));
  afterEach(() => f.remove());

  it('a second read of an unchanged folder gives the same document from the cache', async () => {
    const first = await rootDoc(f.dir);
    expect(fs.readdirSync(cacheDir(f))).toHaveLength(1);
    expect(await rootDoc(f.dir)).toEqual(first);
  });

  it('a file edited after a run is parsed again: the plan shows the new value', async () => {
    expect((await f.run('apply', '-auto-approve')).code).toBe(0);
    f.write({ 'main.tf': MAIN.replace('"one"', '"two"') });
    const r = await f.run('plan');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"one" -> "two"/);
  });

  it('a file added beside a cached one is read too', async () => {
    await rootDoc(f.dir);
    f.write({ 'b.tf': 'resource "terraform_data" "b" {\n  input = "b"\n}\n' });
    const doc = await rootDoc(f.dir);
    expect(Object.keys((doc.resource as Record<string, object>).terraform_data).sort()).toEqual(['a', 'b']);
  });

  it('a syntax error is reported again on the next run, never taken for a cached document', async () => {
    f.write({ 'main.tf': 'resource "terraform_data" "a" {\n  input = \n}\n' });
    for (let i = 0; i < 2; i++) {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/on main\.tf line 2/);
    }
  });

  it('a damaged cache entry is ignored and replaced', async () => {
    const expected = await rootDoc(f.dir);
    const [entry] = fs.readdirSync(cacheDir(f));
    fs.writeFileSync(path.join(cacheDir(f), entry), '{"key": "trunc');
    expect(await rootDoc(f.dir)).toEqual(expected);
    expect(JSON.parse(fs.readFileSync(path.join(cacheDir(f), entry), 'utf8')).result.doc).toBeDefined();
  });

  it('an entry written for other file contents is not used (the key is the hash of names and texts)', async () => {
    await rootDoc(f.dir);
    const [entry] = fs.readdirSync(cacheDir(f));
    const file = path.join(cacheDir(f), entry);
    const forged = JSON.parse(fs.readFileSync(file, 'utf8'));
    forged.result.doc.resource.terraform_data.a[0].input = 'forged';
    fs.writeFileSync(file, JSON.stringify({ ...forged, key: 'not-the-hash' }));
    const doc = await rootDoc(f.dir);
    expect(JSON.stringify(doc)).toContain('"one"');
    expect(JSON.stringify(doc)).not.toContain('forged');
  });

  it('a folder whose .terraform cannot hold the cache still plans', async () => {
    fs.writeFileSync(path.join(f.dir, '.terraform'), 'a file where a folder would be');
    const r = await f.run('plan');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 to add/);
  });

  it('a run on unchanged files does not load the WebAssembly parser', async () => {
    await rootDoc(f.dir);
    const indexJs = path.resolve(__dirname, '..', '..', 'src', 'config', 'hcl', 'index.ts');
    const script =
      `require(${JSON.stringify(indexJs)}).readHclStack(${JSON.stringify(f.dir)}).then((r) => {` +
      `  if (!r.hcl) throw new Error('not read');` +
      `  const loaded = Object.keys(require.cache).filter((k) => k.includes('hcl2json'));` +
      `  process.stdout.write(JSON.stringify(loaded));` +
      `});`;
    const run = (dir: string) =>
      spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], { cwd: dir, encoding: 'utf8' });
    const cached = run(f.dir);
    expect(cached.stderr).toBe('');
    expect(JSON.parse(cached.stdout).filter((k: string) => k.includes('/lib/'))).toEqual([]);
    // and without the cache the same script does load it (so the check above can fail)
    fs.rmSync(cacheDir(f), { recursive: true });
    expect(JSON.parse(run(f.dir).stdout).some((k: string) => k.includes('/lib/bridge'))).toBe(true);
  });
});
