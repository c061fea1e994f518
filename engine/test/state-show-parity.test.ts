// `state show` prints an object as terraform 1.11 does: values of every shape (nested objects and
// lists, maps, strings holding JSON, multi-line strings, quoting), null attributes left out and
// sensitive values hidden. The same terraform_data resources are applied by both tools and each
// `state show` compared; skips when no terraform binary is installed.
import { describeWithTerraform, SideBySide, terraform, gridform } from './support/terraform';

const INPUTS: Record<string, unknown> = {
  text: 'plain',
  quoted: 'say "hi"\tand \\ go',
  unicode: 'größe → ✓',
  multiline: 'line one\n  line two\n\nline four\n',
  json_object: '{"b":[1,2],"a":{"x":null}}',
  json_array: '[1,"two",true]',
  not_json: '{not json',
  empty: '',
  number: 1.5,
  big: 2 ** 60,
  flag: false,
  list: ['a', 'b'],
  empty_list: [],
  nested: { name: 'n', tags: { 'with space': 'x', plain: 'y' }, items: [{ a: 1 }, { b: null }], 'bad-key': 2, '1st': 3 },
};

const DOC = {
  variable: { secret: { type: 'string', default: 'hush', sensitive: true } },
  resource: {
    terraform_data: {
      ...Object.fromEntries(Object.entries(INPUTS).map(([name, input]) => [name, { input }])),
      hidden: { input: '${var.secret}' },
      replaced: { input: 'x', triggers_replace: ['a', { k: 'v' }] },
    },
  },
};

describeWithTerraform('state show prints objects as terraform does', () => {
  const side = new SideBySide();
  beforeAll(async () => {
    terraform(side.tf, 'init', '-input=false', '-no-color');
    await side.apply(DOC);
  }, 120_000);
  afterAll(() => side.remove());

  const addresses = [...Object.keys(INPUTS), 'hidden', 'replaced'].map((name) => `terraform_data.${name}`);
  it.each(addresses)('%s', async (address) => {
    const byTerraform = terraform(side.tf, 'state', 'show', '-no-color', address).out;
    const byGridform = (await gridform(side.gf, 'state', 'show', address)).out;
    // ids are random uuids in both
    const withoutId = (text: string) => text.replace(/^( +id += )".*"$/m, '$1"ID"');
    expect(withoutId(byGridform)).toBe(withoutId(byTerraform));
  });

  // terraform marks only the input sensitive in the state, not the output copied from it
  it('an input set from a sensitive variable is hidden', async () => {
    const shown = (await gridform(side.gf, 'state', 'show', 'terraform_data.hidden')).out;
    expect(shown).toMatch(/^ {4}input += \(sensitive value\)$/m);
  });
});
