// pipeline.sh decides from exit codes only and reads gridform's output only as -json. Checked on
// the script itself, and by running it against a stand-in for gridform that answers each command
// with terraform's JSON messages and a chosen exit code (the real run is gitops.e2e.test.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, 'pipeline.sh');
const text = fs.readFileSync(SCRIPT, 'utf8');
const code = text.split('\n').filter((l) => !/^\s*#/.test(l));

describe('pipeline.sh', () => {
  it('runs every gridform command with -json, or through ui(), which adds it', () => {
    const calls = code.filter((l) => l.includes('$GRIDFORM') && !/^\s*GRIDFORM=/.test(l));
    expect(calls.length).toBeGreaterThan(0);
    for (const l of calls) expect(l).toMatch(/-json/);
    const viaUi = code.filter((l) => /^\s*ui \S+ (plan|apply)\b/.test(l));
    expect(viaUi.map((l) => l.trim().split(' ')[2])).toEqual(['plan', 'apply', 'plan']);
  });

  it('reads no text: nothing greps, cuts or matches what gridform prints', () => {
    for (const l of code) expect(l).not.toMatch(/\b(grep|sed|awk|cut)\b|=~/);
  });

  describe('against a stand-in gridform', () => {
    const dir = fs.mkdtempSync(path.join(__dirname, '.test-work-pipeline-'));
    const calls = path.join(dir, 'calls');
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    // answers plan with PLAN_EXIT, apply with APPLY_EXIT, a second plan with REPLAN_EXIT
    const fake = path.join(dir, 'gridform');
    fs.writeFileSync(
      fake,
      `#!/usr/bin/env bash
echo "$*" >> ${JSON.stringify(calls)}
msg() {
  printf '{"@level":"%s","@message":"%s","@module":"terraform.ui","@timestamp":"2026-01-01T00:00:00.000000Z","type":"%s"}\\n' "$1" "$2" "$3"
}
case "$1" in
  show) echo '{"format_version":"1.2","resource_changes":[{"address":"grid_network.network","change":{"actions":["create"]}}]}'; exit 0 ;;
  plan)
    if [ "$(grep -c '^plan' ${JSON.stringify(calls)})" -gt 1 ]; then
      msg info 'Plan: 0 to add, 0 to change, 0 to destroy.' change_summary; exit "\${REPLAN_EXIT:-0}"
    fi
    msg info 'Plan: 1 to add, 0 to change, 0 to destroy.' change_summary; exit "\${PLAN_EXIT:-2}" ;;
  apply) msg info 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.' change_summary
    [ "\${APPLY_EXIT:-0}" = 0 ] || msg error 'Error: it broke' diagnostic; exit "\${APPLY_EXIT:-0}" ;;
esac
exit 3
`,
    );
    fs.chmodSync(fake, 0o755);
    for (const f of ['pipeline.sh', 'review-plan.ts', 'print-ui.ts']) fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));

    const run = (exits: Record<string, string>) => {
      fs.rmSync(calls, { force: true });
      const r = spawnSync('bash', [path.join(dir, 'pipeline.sh')], {
        encoding: 'utf8',
        env: { ...process.env, PG_CONN_STR: 'postgres://unused', GRIDFORM: fake, TSX: `${process.execPath} --import tsx`, ...exits },
      });
      const made = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [];
      return { code: r.status, out: r.stdout, err: r.stderr, calls: made };
    };

    it('plan exit 2, apply exit 0, plan exit 0: converged, every call with -json', () => {
      const r = run({});
      expect(r.out).toContain('Converged: the grid matches main.');
      expect(r.out).toContain('Apply complete! Resources: 1 added');
      expect(r.code).toBe(0);
      expect(r.calls).toEqual([
        'plan -json -input=false -detailed-exitcode -out=tfplan',
        'show -json tfplan',
        'apply -json -input=false tfplan',
        'plan -json -input=false -detailed-exitcode',
      ]);
    }, 60_000);

    it.each([
      [{ PLAN_EXIT: '0' }, 0, 'No changes: nothing to apply.'],
      [{ PLAN_EXIT: '1' }, 1, 'plan failed (exit 1)'],
      [{ APPLY_EXIT: '1' }, 1, 'apply failed (exit 1)'],
      [{ REPLAN_EXIT: '2' }, 1, 'still differ after apply (exit 2)'],
    ])(
      '%j: exit %i, "%s", whatever the messages say',
      (exits, exit, says) => {
        const r = run(exits);
        expect(`${r.out}${r.err}`).toContain(says);
        expect(r.code).toBe(exit);
      },
      60_000,
    );
  });
});
