// The explorer's end-to-end tests run the built `gridform` as a user would: a local grid of real
// processes (chain, nodes, explorer), `apply` of a stack, `chain ... --json` for what the chain says.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
const GRIDFORM = path.join(REPO, 'dist', 'provider', 'cli', 'main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class LocalGrid {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-explorer-'));
  readonly stackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-explorer-stack-'));
  explorerUrl = '';
  devTwin = 0;

  run(args: string[], cwd = REPO): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [GRIDFORM, ...args], {
        cwd,
        env: { ...process.env, GRIDFORM_HOME: this.home, MNEMONIC: '', CHECKPOINT_DISABLE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async up(nodes = 3): Promise<void> {
    const r = await this.run(['grid', 'up', '--port', '0', '--explorer-port', '0', '--nodes', String(nodes), '--json']);
    if (r.code !== 0) throw new Error(`grid up failed: ${r.stderr}`);
    const status = JSON.parse(r.stdout) as { explorer: { url: string }; devAccount: { twinId: number } };
    this.explorerUrl = status.explorer.url;
    this.devTwin = status.devAccount.twinId;
  }

  /** `gridform chain SUB ARGS --json`, parsed. */
  async chain<T>(...args: string[]): Promise<T> {
    const r = await this.run(['chain', ...args, '--json']);
    if (r.code !== 0) throw new Error(`chain ${args.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Applies a stack written as cdk.tf.json (no synth needed) with the dev account. */
  async apply(resources: Record<string, unknown>): Promise<Run> {
    const doc = {
      terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
      provider: { grid: [{ network: 'local' }] },
      resource: resources,
    };
    fs.writeFileSync(path.join(this.stackDir, 'cdk.tf.json'), JSON.stringify(doc));
    return this.run(['-no-color', 'apply', '-auto-approve'], this.stackDir);
  }

  async down(): Promise<void> {
    if (fs.existsSync(path.join(this.stackDir, 'terraform.tfstate')))
      await this.run(['-no-color', 'destroy', '-auto-approve'], this.stackDir);
    await this.run(['grid', 'down', '--purge']);
    fs.rmSync(this.stackDir, { recursive: true, force: true });
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
