// Numbers as terraform has them: cty's arbitrary precision, in plans, outputs and state, read
// back from state without losing a digit (so a second plan sees no change).
import { parseTemplate } from '../src/expr/parse';
import { evaluate } from '../src/expr/evaluate';
import { parseJsonKeepingDigits, stringifyJson } from '../src/json-syntax';
import { gridform } from './support/terraform';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const scope = { resource: () => undefined, variable: () => undefined, local: () => undefined };
const text = (expr: string) => String(evaluate(parseTemplate(`\${${expr}}`), scope));

// terraform 1.11's answers (terraform console)
const TERRAFORM: Record<string, string> = {
  '0.1 + 0.2': '0.3',
  '123456789 * 987654321': '121932631112635269',
  'pow(2, 100)': '1267650600228229400000000000000',
  '1e300 * 1e300': `1${'0'.repeat(600)}`,
  'parseint("123456789012345678901234567890", 10)': '123456789012345678901234567890',
  '1 / 3': `0.${'3'.repeat(154)}5`,
  '2 / 3': `0.${'6'.repeat(153)}7`,
  'pow(2, 0.5)': '1.4142135623730951',
  '-5 % 3': '-2',
  '5.5 % 2': '1.5',
  'floor(1e20)': '100000000000000000000',
};

describe('numbers with cty precision', () => {
  it.each(Object.entries(TERRAFORM))("%s gives terraform's %s", (expr, expected) => {
    expect(text(expr)).toBe(expected);
  });

  it('keeps digits a float64 would lose when JSON is written and read back', () => {
    const big = evaluate(parseTemplate('${123456789 * 987654321}'), scope);
    const json = stringifyJson({ a: big, b: 0.5, c: [1] });
    expect(json).toBe('{"a":121932631112635269,"b":0.5,"c":[1]}');
    expect(stringifyJson(parseJsonKeepingDigits(json))).toBe(json);
  });

  it('writes every digit in the output, the state and the plan, and plans no change after apply', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'numbers-'));
    try {
      const doc = {
        resource: { terraform_data: { n: { input: '${123456789 * 987654321}' }, t: { input: '${1 / 3}' } } },
        output: {
          product: { value: '${terraform_data.n.output}' },
          big: { value: '${pow(2, 100)}' } as unknown,
          sum: { value: '${0.1 + 0.2}' },
          huge: { value: '${1e300 * 1e300}' },
          parsed: { value: '${parseint("123456789012345678901234567890", 10)}' },
        },
      };
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
      const plan = await gridform(dir, 'plan');
      expect(plan.out).toContain('input  = 121932631112635269');
      expect(plan.out).toMatch(/big += 1267650600228229400000000000000\n/);
      expect((await gridform(dir, 'apply', '-auto-approve')).code).toBe(0);
      const state = fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8');
      expect(state).toContain('"input": 121932631112635269');
      expect(state).toContain(`"input": 0.${'3'.repeat(154)}5`);
      expect(state).toMatch(/"value": 0.3,/);
      expect(state).toContain(`"value": 1${'0'.repeat(600)},`);
      expect(state).toContain('"value": 123456789012345678901234567890,');
      const out = await gridform(dir, 'output', '-json');
      expect(out.out).toContain('"value": 121932631112635269');
      expect(out.out).toContain('"value": 1267650600228229400000000000000');
      // pow's result has float64 precision, so (as in terraform) it differs from the 512-bit number
      // read back from state; the resources and the other outputs read back unchanged
      delete (doc.output as Record<string, unknown>).big;
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
      expect((await gridform(dir, 'apply', '-auto-approve')).code).toBe(0);
      const again = await gridform(dir, 'plan', '-detailed-exitcode');
      expect(again.out).toContain('No changes');
      expect(again.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
