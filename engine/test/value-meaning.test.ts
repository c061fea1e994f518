// Values are compared by what they mean, not by how they are written: an object with its keys in
// another order, merge() of the same maps in another order, or a number variable's default written
// as "5" rather than 5, plan no change. Checked on gridform alone, and beside terraform when it is
// installed (which must plan no change either).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithTerraform, gridform, SideBySide } from './support/terraform';

interface Rewrite {
  name: string;
  before: unknown;
  after: unknown;
}

const doc = (input: unknown, extra: Record<string, unknown> = {}) => ({
  resource: { terraform_data: { x: { input } } },
  output: { o: { value: '${terraform_data.x.output}' } },
  ...extra,
});
const variable = (type: string, value: unknown) => doc('${var.v}', { variable: { v: { type, default: value } } });

const REWRITES: Rewrite[] = [
  { name: 'object keys reordered', before: doc({ a: 1, b: 2 }), after: doc({ b: 2, a: 1 }) },
  {
    name: 'nested object keys reordered',
    before: doc({ x: { p: 1, q: [1, { r: 1, s: 2 }] } }),
    after: doc({ x: { q: [1, { s: 2, r: 1 }], p: 1 } }),
  },
  { name: 'merge arguments reordered', before: doc('${merge({a = 1}, {b = 2})}'), after: doc('${merge({b = 2}, {a = 1})}') },
  { name: 'an object expression with its keys reordered', before: doc('${{a = 1, b = "x"}}'), after: doc('${{b = "x", a = 1}}') },
  { name: 'a number variable default written as a string', before: variable('number', 5), after: variable('number', '5') },
  { name: 'a string variable default written as a number', before: variable('string', '5'), after: variable('string', 5) },
  { name: 'a bool variable default written as a string', before: variable('bool', true), after: variable('bool', 'true') },
  {
    name: 'a list(number) default written with strings',
    before: variable('list(number)', [1, 2]),
    after: variable('list(number)', ['1', '2']),
  },
  {
    name: 'a map(string) default written with numbers',
    before: variable('map(string)', { a: '1' }),
    after: variable('map(string)', { a: 1 }),
  },
  {
    name: 'an output object with its keys reordered',
    before: doc('a', { output: { o: { value: { a: 1, b: '${terraform_data.x.output}' } } } }),
    after: doc('a', { output: { o: { value: { b: '${terraform_data.x.output}', a: 1 } } } }),
  },
];

describe('values compared by meaning', () => {
  for (const r of REWRITES) {
    it(`${r.name}: no change`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meaning-'));
      try {
        fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(r.before));
        expect((await gridform(dir, 'apply', '-auto-approve')).code).toBe(0);
        fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(r.after));
        const plan = await gridform(dir, 'plan', '-detailed-exitcode');
        expect(plan.out).toContain('No changes.');
        expect(plan.code).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('an output object with its keys reordered is not written again: the state keeps its serial', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meaning-'));
    const serial = () => (JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as { serial: number }).serial;
    try {
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc('a', { output: { o: { value: { a: 1, b: 2 } } } })));
      await gridform(dir, 'apply', '-auto-approve');
      const before = serial();
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc('a', { output: { o: { value: { b: 2, a: 1 } } } })));
      expect((await gridform(dir, 'apply', '-auto-approve')).code).toBe(0);
      expect(serial()).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a real change of type is still a change: the string "5" is not the number 5 where no type says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meaning-'));
    try {
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc(5)));
      await gridform(dir, 'apply', '-auto-approve');
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc('5')));
      expect((await gridform(dir, 'plan', '-detailed-exitcode')).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithTerraform('values compared by meaning, beside terraform', () => {
  for (const r of [...REWRITES, { name: 'an untyped input changed from 5 to "5"', before: doc(5), after: doc('5') }]) {
    it(
      r.name,
      async () => {
        const side = new SideBySide();
        try {
          await side.apply(r.before);
          const { terraform, gridform: g } = await side.plan(r.after, '-detailed-exitcode');
          expect({ code: g.code, changes: g.changes }).toEqual({ code: terraform.code, changes: terraform.changes });
        } finally {
          side.remove();
        }
      },
      60_000,
    );
  }
});
