// gridform on the generated HCL folders against terraform 1.11's answers recorded in
// terraform-answers.json (by `npm run parity:hcl`): for each folder and step, the same actions in
// show -json of the saved plan, the same outputs after apply and the same state list.
import { readAnswers } from './answers';
import { folderCases } from './folder-cases';
import { difference, GRIDFORM_TOOL, runFolderCase } from './run-folder';

/** Folders known to match; raise it as gridform gets closer, never lower it. */
const MATCH_FLOOR = 68;

describe('HCL folders: gridform against terraform 1.11 answers', () => {
  const cases = folderCases();
  const answers = readAnswers();

  it('has at least 60 folders, each with a recorded terraform answer that applied', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => !answers[c.id]).map((c) => c.id)).toEqual([]);
  });

  it('plans, applies and lists state as terraform does', async () => {
    const differ: string[] = [];
    let matched = 0;
    for (const c of cases) {
      const why = difference(answers[c.id], await runFolderCase(GRIDFORM_TOOL, c));
      if (why) differ.push(`${c.id}: ${why}`);
      else matched++;
    }
    // eslint-disable-next-line no-console
    if (differ.length) console.log(`differ:\n${differ.join('\n')}`);
    expect(matched).toBeGreaterThanOrEqual(MATCH_FLOOR);
  }, 180_000);
});
