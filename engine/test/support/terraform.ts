// Running terraform beside gridform on the same configuration: terraform reads the document as
// main.tf.json in one folder, gridform as cdk.tf.json in another, each with its own state. Only
// terraform_data and blocks that need no provider are used (there is no network to download any).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliIn } from './engine-cli';

export const hasTerraform = spawnSync('sh', ['-c', 'command -v terraform']).status === 0;

/** describe, or describe.skip with a warning naming what is skipped and why. */
export function describeWithTerraform(name: string, body: () => void): void {
  if (!hasTerraform) {
    // eslint-disable-next-line no-console
    console.warn(`${name}: skipped, no terraform binary on PATH (install terraform 1.x to compare gridform with it)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

const NO_CLI_CONFIG = path.join(os.tmpdir(), 'gridform-test-empty.tfrc');

export function terraformEnv(): NodeJS.ProcessEnv {
  if (!fs.existsSync(NO_CLI_CONFIG)) fs.writeFileSync(NO_CLI_CONFIG, '');
  return { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: NO_CLI_CONFIG };
}

export interface ToolRun {
  code: number;
  out: string;
  err: string;
}

export function terraform(dir: string, ...args: string[]): ToolRun {
  const r = spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: terraformEnv() });
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}

export async function gridform(dir: string, ...args: string[]): Promise<ToolRun> {
  return runCliIn(dir, ['-no-color', ...args], { providers: [], version: 'test' });
}

/** What both tools plan for one instance, as `show -json` gives it. */
export interface PlannedChange {
  actions: string[];
  reason?: string;
  previous?: string;
  importing?: string;
}

export function plannedChanges(showJson: string): Record<string, PlannedChange> {
  const plan = JSON.parse(showJson) as {
    resource_changes?: {
      address: string;
      previous_address?: string;
      action_reason?: string;
      change: { actions: string[]; importing?: { id: string } };
    }[];
  };
  return Object.fromEntries(
    (plan.resource_changes ?? []).map((c) => [
      c.address,
      {
        actions: c.change.actions,
        ...(c.action_reason ? { reason: c.action_reason } : {}),
        ...(c.previous_address ? { previous: c.previous_address } : {}),
        ...(c.change.importing ? { importing: c.change.importing.id } : {}),
      },
    ]),
  );
}

/** The plan of one tool: its exit code, the changes (when it planned), and what it printed. */
export interface ToolPlan {
  code: number;
  changes?: Record<string, PlannedChange>;
  text: string;
}

/**
 * A terraform folder and a gridform folder taken through the same documents: `apply` applies a
 * document with both (failing when either fails), `plan` plans one with both and returns each
 * tool's outcome.
 */
export class SideBySide {
  readonly tf = fs.mkdtempSync(path.join(os.tmpdir(), 'side-tf-'));
  readonly gf = fs.mkdtempSync(path.join(os.tmpdir(), 'side-gf-'));

  private write(doc: unknown): void {
    fs.writeFileSync(path.join(this.tf, 'main.tf.json'), JSON.stringify(doc));
    fs.writeFileSync(path.join(this.gf, 'cdk.tf.json'), JSON.stringify(doc));
  }

  async apply(doc: unknown): Promise<void> {
    this.write(doc);
    const t = terraform(this.tf, 'apply', '-auto-approve', '-input=false', '-no-color');
    if (t.code !== 0) throw new Error(`terraform apply failed: ${t.err}${t.out}`);
    const g = await gridform(this.gf, 'apply', '-auto-approve');
    if (g.code !== 0) throw new Error(`gridform apply failed: ${g.err}${g.out}`);
  }

  async plan(doc: unknown, ...args: string[]): Promise<{ terraform: ToolPlan; gridform: ToolPlan }> {
    this.write(doc);
    for (const dir of [this.tf, this.gf]) fs.rmSync(path.join(dir, 'plan.bin'), { force: true });
    const t = terraform(this.tf, 'plan', '-input=false', '-no-color', '-out=plan.bin', ...args);
    const g = await gridform(this.gf, 'plan', '-out=plan.bin', ...args);
    const tShow = t.code === 0 ? terraform(this.tf, 'show', '-json', 'plan.bin') : undefined;
    const gShow = g.code === 0 ? await gridform(this.gf, 'show', '-json', 'plan.bin') : undefined;
    return {
      terraform: { code: t.code, text: t.out + t.err, ...(tShow ? { changes: plannedChanges(tShow.out) } : {}) },
      gridform: { code: g.code, text: g.out + g.err, ...(gShow ? { changes: plannedChanges(gShow.out) } : {}) },
    };
  }

  /** Runs a command in both folders (state mv, apply of the saved plan, ...). */
  async both(...args: string[]): Promise<void> {
    const t = terraform(this.tf, ...args);
    if (t.code !== 0) throw new Error(`terraform ${args.join(' ')} failed: ${t.err}${t.out}`);
    const g = await gridform(this.gf, ...args);
    if (g.code !== 0) throw new Error(`gridform ${args.join(' ')} failed: ${g.err}${g.out}`);
  }

  /** The addresses each state holds. */
  async stateLists(): Promise<{ terraform: string[]; gridform: string[] }> {
    const list = (out: string) => out.split('\n').filter(Boolean).sort();
    return { terraform: list(terraform(this.tf, 'state', 'list').out), gridform: list((await gridform(this.gf, 'state', 'list')).out) };
  }

  remove(): void {
    for (const dir of [this.tf, this.gf]) fs.rmSync(dir, { recursive: true, force: true });
  }
}
