// Reviews a plan in `show -json` form before it is applied: prints what will change and refuses
// plans that destroy or replace anything unless ALLOW_DESTROY=1 (a person must approve those).
import * as fs from 'node:fs';

interface PlanJson {
  resource_changes?: { address: string; change: { actions: string[] } }[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: review-plan.ts PLAN.json\n');
  process.exit(2);
}
const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanJson;
const changes = (plan.resource_changes ?? []).filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'));
for (const c of changes) process.stdout.write(`  ${c.change.actions.join('/').padEnd(14)} ${c.address}\n`);
const destructive = changes.filter((c) => c.change.actions.includes('delete'));
if (destructive.length && process.env.ALLOW_DESTROY !== '1') {
  process.stderr.write(
    `\nRefused: the plan destroys ${destructive.map((c) => c.address).join(', ')}. ` +
      `Re-run with ALLOW_DESTROY=1 once someone has approved it.\n`,
  );
  process.exit(1);
}
process.stdout.write(`Review passed: ${changes.length} change(s), ${destructive.length} destructive.\n`);
