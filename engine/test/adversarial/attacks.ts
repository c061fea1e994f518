// Attacks on what the engine keeps on disk: a saved plan applied other than as it was reviewed
// (edited, for another stack, workspace or state, stale) and files holding secrets that others
// could read. Each attack reports whether it was refused, and with what message; one that gets
// through (the edited plan applied, a file readable by others) is a silent acceptance.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider } from '../fake-provider';
import { fakeStack, runEngine, StackFolder, type CliResult } from '../support/engine-cli';
import type { AdversarialCase, Outcome } from './verdict';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Rewrites a saved plan's body with `edit`, and (unless told not to) its checksum to match. */
export function tamper(file: string, edit: (body: Body) => void, fixChecksum = true): void {
  const text = fs.readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as Body;
  const body = JSON.parse(text.slice(newline + 1)) as Body;
  edit(body);
  const payload = JSON.stringify(body);
  if (fixChecksum) header.sha256 = createHash('sha256').update(payload).digest('hex');
  fs.writeFileSync(file, `${JSON.stringify(header)}\n${payload}`);
}

/** A stack folder with the fake provider, and what an attack needs to look at afterwards. */
class Scene {
  readonly folder = new StackFolder();
  readonly provider = new FakeProvider();
  readonly planFile = path.join(this.folder.dir, 'tfplan');
  readonly statePath = path.join(this.folder.dir, 'terraform.tfstate');
  constructor(resources: Record<string, unknown> = { a: { name: 'a' } }) {
    this.folder.write(fakeStack(resources));
  }
  run(...args: string[]): Promise<CliResult> {
    return runEngine(this.folder.dir, this.provider, args);
  }
  async must(...args: string[]): Promise<CliResult> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`setup "${args.join(' ')}" failed: ${r.err}`);
    return r;
  }
  creates(): string[] {
    return this.provider.calls.filter((c) => c.method === 'create').map((c) => c.name!);
  }
}

async function inScene(resources: Record<string, unknown> | undefined, body: (s: Scene) => Promise<Outcome>): Promise<Outcome> {
  const scene = new Scene(resources);
  try {
    return await body(scene);
  } finally {
    scene.folder.remove();
  }
}

/** Refused when the command failed and the provider created nothing beyond `allowed`. */
function refusedUnlessCreated(r: CliResult, scene: Scene, allowed: string[] = []): Outcome {
  const extra = scene.creates().filter((n) => !allowed.includes(n));
  if (r.code === 0 || extra.length) return { refused: false, text: `applied (created ${extra.join(', ') || 'nothing'}): ${r.out}${r.err}` };
  return { refused: true, text: r.err };
}

function attack(group: string, name: string, refusal: RegExp, run: () => Promise<Outcome>): AdversarialCase {
  return { kind: 'attack', group, name, refusal, run };
}

function savedPlanAttacks(): AdversarialCase[] {
  const group = 'saved plan';
  return [
    attack(
      group,
      'a saved plan edited after it was written is refused, naming the file',
      /The saved plan .*tfplan was changed after it was written/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          tamper(s.planFile, (b) => (b.configuration.resource.fake_thing.a.name = 'evil'), false);
          return refusedUnlessCreated(await s.run('apply', 'tfplan'), s);
        }),
    ),
    attack(
      group,
      'a saved plan whose configuration was edited with its checksum recomputed fails the final plan check',
      /Inconsistent final plan[\s\S]*name = "evil", where the reviewed plan had "a"/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          tamper(s.planFile, (b) => (b.configuration.resource.fake_thing.a.name = 'evil'));
          return refusedUnlessCreated(await s.run('apply', 'tfplan'), s);
        }),
    ),
    attack(
      group,
      'a saved plan whose planned values were edited with its checksum recomputed fails the final plan check',
      /Inconsistent final plan/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          tamper(s.planFile, (b) => (b.plan.changes[0].after.name = 'evil'));
          return refusedUnlessCreated(await s.run('apply', 'tfplan'), s);
        }),
    ),
    attack(
      group,
      'a stale saved plan whose recorded serial was edited to the current one is refused',
      /Saved plan is stale[\s\S]*both at serial \d+, with other content/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('apply', '-auto-approve');
          s.folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
          await s.must('plan', '-out=tfplan');
          s.folder.write(fakeStack({ a: { name: 'a' }, c: { name: 'c' } }));
          await s.must('apply', '-auto-approve');
          const serial = s.folder.state().serial;
          tamper(s.planFile, (b) => {
            b.origin.priorState.serial = serial;
            b.plan.priorSerial = serial;
          });
          return refusedUnlessCreated(await s.run('apply', 'tfplan'), s, ['a', 'c']);
        }),
    ),
    attack(
      group,
      'a stale saved plan (the state moved on since) is refused',
      /Saved plan is stale[\s\S]*changed since this plan was made/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('apply', '-auto-approve');
          s.folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
          await s.must('plan', '-out=tfplan');
          s.folder.write(fakeStack({ a: { name: 'a' }, c: { name: 'c' } }));
          await s.must('apply', '-auto-approve');
          return refusedUnlessCreated(await s.run('apply', 'tfplan'), s, ['a', 'c']);
        }),
    ),
    attack(
      group,
      "a plan of one stack applied in another stack's folder is refused and writes nothing there",
      /Saved plan is for another stack/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          const other = new StackFolder();
          try {
            other.write(fakeStack({ z: { name: 'z' } }));
            const r = await runEngine(other.dir, s.provider, ['apply', s.planFile]);
            if (fs.existsSync(path.join(other.dir, 'terraform.tfstate')))
              return { refused: false, text: `the other stack got a state: ${r.out}` };
            return refusedUnlessCreated(r, s);
          } finally {
            other.remove();
          }
        }),
    ),
    attack(
      group,
      'a plan of one stack whose recorded stack was edited to the other one is refused',
      /Saved plan is for another state|Saved plan is stale|Inconsistent final plan/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          const other = new StackFolder();
          try {
            other.write(fakeStack({ z: { name: 'z' } }));
            expect0(await runEngine(other.dir, s.provider, ['apply', '-auto-approve']));
            const before = s.creates().length;
            tamper(s.planFile, (b) => {
              b.origin.stackDir = other.dir;
              b.origin.stackName = path.basename(other.dir);
            });
            const r = await runEngine(other.dir, s.provider, ['apply', s.planFile]);
            const created = s.creates().slice(before);
            if (r.code === 0 || created.length)
              return { refused: false, text: `applied in the other stack (created ${created.join(', ')})` };
            return { refused: true, text: r.err };
          } finally {
            other.remove();
          }
        }),
    ),
    attack(group, 'a plan made in one workspace is refused in another', /Saved plan is for another workspace/, () =>
      inScene(undefined, async (s) => {
        await s.must('plan', '-out=tfplan');
        await s.must('workspace', 'new', 'staging');
        return refusedUnlessCreated(await s.run('apply', 'tfplan'), s);
      }),
    ),
  ];
}

function expect0(r: CliResult): void {
  if (r.code !== 0) throw new Error(`setup failed: ${r.err}`);
}

/** A file's mode, as an outcome: refused (kept private) when group and others have no access. */
function privateMode(file: string): Outcome {
  const mode = fs.statSync(file).mode & 0o777;
  const text = `${path.basename(file)} has mode ${mode.toString(8).padStart(4, '0')}`;
  return { refused: (mode & 0o077) === 0, text };
}

function fileModeAttacks(): AdversarialCase[] {
  const group = 'files holding secrets';
  return [
    attack(group, 'a saved plan (it holds the provider configuration) is readable by its owner only', /tfplan has mode 0600/, () =>
      inScene(undefined, async (s) => {
        await s.must('plan', '-out=tfplan');
        return privateMode(s.planFile);
      }),
    ),
    attack(group, 'the state is readable by its owner only', /terraform\.tfstate has mode 0600/, () =>
      inScene(undefined, async (s) => {
        await s.must('apply', '-auto-approve');
        return privateMode(s.statePath);
      }),
    ),
    attack(group, 'the journal of a running apply is readable by its owner only', /\.terraform\.tfstate\.journal has mode 0600/, () =>
      inScene({ a: { name: 'a' }, b: { name: 'b' } }, async (s) => {
        let seen: Outcome | undefined;
        s.provider.flaky = () => {
          const journal = path.join(s.folder.dir, '.terraform.tfstate.journal');
          if (!seen && fs.existsSync(journal)) seen = privateMode(journal);
          return false;
        };
        await s.must('apply', '-auto-approve');
        await s.must('apply', '-auto-approve'); // the second apply has a snapshot to journal against
        s.folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' }, c: { name: 'c' } }));
        await s.must('apply', '-auto-approve');
        return seen ?? { refused: false, text: 'no journal was seen during the apply' };
      }),
    ),
    attack(group, 'a state file someone made readable by others is private again after an apply', /terraform\.tfstate has mode 0600/, () =>
      inScene(undefined, async (s) => {
        await s.must('apply', '-auto-approve');
        fs.chmodSync(s.statePath, 0o644);
        s.folder.write(fakeStack({ a: { name: 'a' }, b: { name: 'b' } }));
        await s.must('apply', '-auto-approve');
        return privateMode(s.statePath);
      }),
    ),
    ...(['plan', 'state list', 'output'] as const).map((command) =>
      attack(
        group,
        `a state file readable by others gets a warning naming it and the fix, from ${command}`,
        /terraform\.tfstate is readable by others[\s\S]*chmod 600 .*terraform\.tfstate/,
        () =>
          inScene(undefined, async (s) => {
            await s.must('apply', '-auto-approve');
            fs.chmodSync(s.statePath, 0o640);
            const r = await s.run(...command.split(' '));
            return { refused: /is readable by others/.test(r.err), text: r.err };
          }),
      ),
    ),
    attack(
      group,
      'a saved plan readable by others gets a warning naming it and the fix',
      /tfplan is readable by others[\s\S]*chmod 600 .*tfplan/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('plan', '-out=tfplan');
          fs.chmodSync(s.planFile, 0o644);
          const r = await s.run('apply', 'tfplan');
          return { refused: /is readable by others/.test(r.err), text: r.err };
        }),
    ),
    attack(
      group,
      'a journal left by a killed apply and readable by others gets a warning naming it',
      /\.terraform\.tfstate\.journal is readable by others[\s\S]*chmod 600/,
      () =>
        inScene(undefined, async (s) => {
          await s.must('apply', '-auto-approve');
          const state = s.folder.state();
          const journal = path.join(s.folder.dir, '.terraform.tfstate.journal');
          fs.writeFileSync(journal, `${JSON.stringify({ t: 'begin', lineage: state.lineage, serial: state.serial })}\n`, { mode: 0o644 });
          fs.chmodSync(journal, 0o644);
          const r = await s.run('plan');
          return { refused: /journal is readable by others/.test(r.err), text: r.err };
        }),
    ),
  ];
}

export function engineAttacks(): AdversarialCase[] {
  return [...savedPlanAttacks(), ...fileModeAttacks()];
}
