// `npm run parity`: every parity case against terraform (live where terraform is installed, else
// from the committed answers), a table of match / differ / one-side error / crash per category,
// and with -v each case that does not match. Flags: -cached (use the fixture, ask terraform only
// for cases it lacks), -v, -category=PREFIX.
import { hasTerraform } from '../support/terraform';
import { allCases } from './cases';
import { runParity, summarize } from './run-parity';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('-v');
  const only = args.find((a) => a.startsWith('-category='))?.slice('-category='.length);
  const cases = allCases().filter((c) => !only || c.category.startsWith(only));
  if (!hasTerraform) console.log('parity: no terraform binary on PATH; comparing with the answers cached in terraform-answers.json');
  const live = !hasTerraform ? 'none' : args.includes('-cached') ? 'missing' : 'all';
  const started = Date.now();
  const results = await runParity(cases, live, (who, n) => process.stderr.write(`\r${who}: ${n} cases answered   `));
  process.stderr.write('\n');
  if (verbose) {
    for (const r of results) {
      if (r.comparison.verdict === 'match') continue;
      const what = r.case.kind === 'expr' ? r.case.expr : JSON.stringify(r.case.steps).slice(0, 300);
      console.log(`[${r.comparison.verdict}] ${r.case.category} ${what}\n    ${(r.comparison.why ?? '').slice(0, 600)}`);
    }
  }
  console.log(summarize(results));
  console.log(`(${cases.length} cases generated, ${results.length} compared, in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (results.some((r) => r.comparison.verdict === 'crash')) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
