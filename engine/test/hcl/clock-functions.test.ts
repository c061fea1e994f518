// timestamp() and plantimestamp() as terraform 1.11 defines them: timestamp() is known only during
// apply (the plan says "known after apply"), plantimestamp() is the time the plan was made, also
// while a saved plan is applied later; both RFC 3339 in UTC to the second.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TfFolder } from './folder';

const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const MAIN =
  'resource "terraform_data" "now" {\n  input = timestamp()\n}\n' +
  'resource "terraform_data" "planned" {\n  input = plantimestamp()\n}\n' +
  'output "now" {\n  value = timestamp()\n}\n';

/** the time, cut to the second as the functions write it, to compare with their results */
const secondsOf = (t: string) => Date.parse(t) / 1000;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('timestamp() and plantimestamp()', () => {
  let f: TfFolder;
  beforeEach(() => (f = new TfFolder().write({ 'main.tf': MAIN })));
  afterEach(() => f.remove());

  it('while planning, timestamp() is known only after apply and plantimestamp() is the plan time in UTC', async () => {
    const before = nowSeconds();
    expect((await f.run('plan', '-out=p.tfplan')).code).toBe(0);
    const after = nowSeconds();
    const show = JSON.parse((await f.run('show', '-json', 'p.tfplan')).out);
    const change = (name: string) => show.resource_changes.find((c: { name: string }) => c.name === name).change;
    expect(change('now').after_unknown.input).toBe(true);
    expect(change('now').after.input).toBeUndefined();
    const planned = change('planned').after.input as string;
    expect(planned).toMatch(RFC3339_UTC);
    expect(secondsOf(planned)).toBeGreaterThanOrEqual(before);
    expect(secondsOf(planned)).toBeLessThanOrEqual(after);
    expect(show.timestamp).toBe(planned);
    expect(show.output_changes.now.after_unknown).toBe(true);
  });

  it('a saved plan applied later keeps its plantimestamp(); timestamp() is the time of the apply', async () => {
    expect((await f.run('plan', '-out=p.tfplan')).code).toBe(0);
    const planned = JSON.parse((await f.run('show', '-json', 'p.tfplan')).out).timestamp as string;
    // a later second than the plan's, so the two functions cannot agree by chance
    await new Promise((r) => setTimeout(r, 1100));
    const applyStarted = nowSeconds();
    expect((await f.run('apply', 'p.tfplan')).code).toBe(0);
    const state = JSON.parse(fs.readFileSync(path.join(f.dir, 'terraform.tfstate'), 'utf8'));
    const input = (name: string) => state.resources.find((r: { name: string }) => r.name === name).instances[0].attributes.input;
    expect(input('planned')).toBe(planned);
    expect(input('now')).toMatch(RFC3339_UTC);
    expect(secondsOf(input('now'))).toBeGreaterThanOrEqual(applyStarted);
    expect(state.outputs.now.value).toMatch(RFC3339_UTC);
    expect(secondsOf(state.outputs.now.value)).toBeGreaterThanOrEqual(applyStarted);
  });

  it('every plan after an apply changes what timestamp() feeds, as terraform plans it', async () => {
    expect((await f.run('apply', '-auto-approve')).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const r = await f.run('plan');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/# terraform_data\.now will be updated in-place/);
    expect(r.out).toMatch(/# terraform_data\.planned will be updated in-place/);
  });
});
