// Every configuration of the generated corpus is refused by gridform with its expected error,
// and never with JavaScript's own words: no TypeError text, no stack trace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform } from '../support/terraform';
import { invalidConfigurations } from './corpus';

/** What a JavaScript failure looks like in output, as opposed to a diagnostic. */
const JS_ERROR_TEXT = new RegExp(
  [
    'Cannot read propert',
    'is not a function',
    'is not iterable',
    'Maximum call stack',
    'TypeError',
    'ReferenceError',
    'RangeError',
    '\\n\\s+at [\\w.<>]+ \\(',
    'undefined is not',
    '\\[object Object\\]',
  ].join('|'),
);

const cases = invalidConfigurations();

describe('the corpus of invalid configurations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invalid-configs-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds at least 300 configurations, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(c.doc));
    const r = await gridform(dir, 'plan', '-input=false');
    const text = r.out + r.err;
    expect(text).not.toMatch(JS_ERROR_TEXT);
    expect(r.code).toBe(1);
    expect(text).toContain(`Error: ${c.summary}`);
    if (c.detail) expect(text).toContain(c.detail);
    expect(fs.existsSync(path.join(dir, 'terraform.tfstate'))).toBe(false);
  });
});
