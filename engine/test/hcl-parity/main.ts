// `npm run parity:hcl`: every HCL folder case through terraform (live when it is installed: all
// cases, or with -cached only those the answers lack) and through gridform, a line per case that
// differs and a count per category. -only=PREFIX runs the cases whose id starts with it.
import { hasTerraform } from '../support/terraform';
import { readAnswers, writeAnswers } from './answers';
import { folderCases } from './folder-cases';
import { difference, GRIDFORM_TOOL, runFolderCase, TERRAFORM_TOOL } from './run-folder';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.find((a) => a.startsWith('-only='))?.slice('-only='.length);
  const cases = folderCases().filter((c) => !only || c.id.startsWith(only));
  const answers = readAnswers();
  if (!hasTerraform) console.log('parity:hcl: no terraform binary on PATH; comparing with the answers in terraform-answers.json');
  const started = Date.now();
  const byCategory = new Map<string, { match: number; differ: number }>();
  for (const c of cases) {
    if (hasTerraform && (!args.includes('-cached') || !answers[c.id])) {
      answers[c.id] = await runFolderCase(TERRAFORM_TOOL, c);
      writeAnswers(answers);
    }
    const t = answers[c.id];
    if (!t) continue;
    const why = difference(t, await runFolderCase(GRIDFORM_TOOL, c));
    const row = byCategory.get(c.category) ?? { match: 0, differ: 0 };
    row[why ? 'differ' : 'match']++;
    byCategory.set(c.category, row);
    if (why) console.log(`[differ] ${c.id}: ${why}`);
    if (t.steps.some((s) => s.failed)) console.log(`[terraform failed] ${c.id}: ${t.steps.map((s) => s.failed ?? 'ok').join(' | ')}`);
  }
  console.log('category            match  differ');
  for (const [k, v] of byCategory) console.log(`${k.padEnd(20)}${String(v.match).padStart(5)}${String(v.differ).padStart(8)}`);
  console.log(`(${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
