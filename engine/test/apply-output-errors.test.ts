// An output that can only be evaluated once its resources exist, and then fails, fails the apply
// (exit 1) as terraform's does: what was applied stays in the state, the output keeps the value it
// had, and once the configuration is fixed the next plan and apply work again.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

// b.ref is known only after apply (a's id); reading an attribute of that string fails then
const stack = (output: string) =>
  fakeStack(
    { a: { name: 'a' }, b: { name: 'b', ref: '${fake_thing.a.id}' } },
    { output: { kept: { value: '${fake_thing.a.name}' }, checked: { value: output } } },
  );

describe('apply with an output that fails at apply time', () => {
  const folder = new StackFolder();
  const provider = new FakeProvider();
  afterAll(() => folder.remove());

  it('exits 1 with the error, keeping the objects it made and the outputs that evaluated', async () => {
    folder.write(stack('${fake_thing.b.ref.nosuch}'));
    const r = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(r.err).toContain('Error: Invalid value for output checked');
    expect(r.out).not.toContain('Apply complete!');
    expect(r.code).toBe(1);
    const state = folder.state();
    expect(state.resources.map((x) => x.name).sort()).toEqual(['a', 'b']);
    expect(Object.keys(state.outputs)).toEqual(['kept']);
  });

  it("plans fail while the configuration is wrong, as terraform's do", async () => {
    const r = await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode']);
    expect(r.err).toContain('Error: Invalid value for output checked');
    expect(r.code).toBe(1);
  });

  it('once the output is fixed, plan shows only the output and apply records it', async () => {
    folder.write(stack('${fake_thing.b.ref}'));
    const plan = await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode']);
    expect(plan.err).toBe('');
    expect(plan.code).toBe(2);
    const apply = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(apply.code).toBe(0);
    const state = folder.state();
    const a = state.resources.find((x) => x.name === 'a')!.instances[0].attributes;
    expect(state.outputs.checked.value).toBe(a.id);
    expect((await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode'])).code).toBe(0);
  });

  it('with every value known, the same mistake is refused by the plan, before anything is applied', async () => {
    const before = JSON.stringify(folder.state());
    folder.write(stack('${fake_thing.b.ref.nosuch}'));
    const r = await runEngine(folder.dir, provider, ['apply', '-auto-approve']);
    expect(r.err).toContain('Error: Invalid value for output checked');
    expect(r.code).toBe(1);
    expect(JSON.stringify(folder.state())).toBe(before);
  });
});
