// The parity corpus against terraform's answers cached in terraform-answers.json (recorded with
// terraform 1.11 by `npm run parity`), so it runs where terraform is absent: no case may crash
// gridform, and no fewer cases may behave as terraform's than when the floor was last raised.
import { allCases } from './cases';
import { readFixture, runParity, summarize } from './run-parity';

/** Cases known to match; raise it as gridform gets closer to terraform, never lower it. */
const MATCH_FLOOR = 1189;

describe('parity corpus (terraform answers from the fixture)', () => {
  const cases = allCases();

  it('generates at least 1,000 cases, every one with a recorded terraform answer', () => {
    const fixture = readFixture();
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(cases.filter((c) => !fixture[c.id]).map((c) => c.category)).toEqual([]);
  });

  it('never crashes, and matches terraform in at least the known number of cases', async () => {
    const results = await runParity(cases, 'none');
    // eslint-disable-next-line no-console
    console.log(summarize(results));
    const crashes = results.filter((r) => r.comparison.verdict === 'crash').map((r) => `${r.case.category}: ${r.comparison.why}`);
    expect(crashes).toEqual([]);
    expect(results.filter((r) => r.comparison.verdict === 'match').length).toBeGreaterThanOrEqual(MATCH_FLOOR);
  }, 120_000);
});
