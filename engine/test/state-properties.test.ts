// Property: whatever the configurations and however often the provider fails, the state stays
// valid and true to the world: every object the provider holds is in the state exactly once,
// nothing in the state is gone from the world, and once failures stop, apply converges.
import fc from 'fast-check';
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

interface Spec {
  names: string[];
  deps: [number, number][];
  sizes: number[];
}

const specArb = fc.record({
  names: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 0, maxLength: 7 }),
  deps: fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 6 }),
  sizes: fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }),
});

/** Resources named by spec.names; a dependency only points to an earlier name, so there is no cycle. */
function config(spec: Spec): unknown {
  const resources: Record<string, Record<string, unknown>> = {};
  spec.names.forEach((n, i) => (resources[n] = { name: n, size: spec.sizes[i], zone: spec.sizes[i] > 2 ? 'z2' : 'z1' }));
  for (const [from, to] of spec.deps) {
    if (from < spec.names.length && to < from) resources[spec.names[from]].ref = `\${fake_thing.${spec.names[to]}.id}`;
  }
  return fakeStack(resources);
}

function assertStateMatchesWorld(folder: StackFolder, provider: FakeProvider): void {
  let state;
  try {
    state = folder.state();
  } catch {
    expect(provider.world.size).toBe(0);
    return;
  }
  expect(state).toMatchObject({ version: 4, lineage: expect.any(String), serial: expect.any(Number) });
  const ids = state.resources.flatMap((r) => r.instances.map((i) => String(i.attributes.id)));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual([...provider.world.keys()].sort());
}

describe('state under flaky providers', () => {
  it('stays valid and true to the world through random applies and destroys with random failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(specArb, fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        async (steps, seed) => {
          const folder = new StackFolder();
          const provider = new FakeProvider();
          let rng = seed;
          provider.flaky = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) % 4 === 0;
          try {
            for (const [spec, destroy] of steps) {
              folder.write(config(spec));
              await runEngine(folder.dir, provider, [destroy ? 'destroy' : 'apply', '-auto-approve']);
              assertStateMatchesWorld(folder, provider);
            }
            provider.flaky = undefined;
            const last = steps[steps.length - 1][0];
            expect((await runEngine(folder.dir, provider, ['apply', '-auto-approve'])).code).toBe(0);
            assertStateMatchesWorld(folder, provider);
            expect(provider.world.size).toBe(last.names.length);
            expect((await runEngine(folder.dir, provider, ['plan', '-detailed-exitcode'])).code).toBe(0);
          } finally {
            folder.remove();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
