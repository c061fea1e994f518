// Runs the engine's CLI in-process against a folder with a cdk.tf.json, with the fake provider,
// capturing what a user would see.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli, type CliOptions } from '../../index';
import { FakeProvider, fakeFactory } from '../fake-provider';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** The engine's CLI in this process, in `dir`, with `options`; what it printed and its exit code. */
export async function runCliIn(dir: string, args: string[], options: CliOptions, env: Record<string, string> = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(args, options, { cwd: dir, stdout, stderr, stdin: new PassThrough() as never, color: false, env });
  return { code, out, err };
}

export async function runEngine(dir: string, provider: FakeProvider, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliIn(dir, ['-no-color', ...args], { providers: [fakeFactory(provider)], version: 'test' }, env);
}

/** A cdk.tf.json document with fake_thing resources (and optional outputs, variables, extras). */
export function fakeStack(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  // terraform refuses a resource type with no blocks, so none is written when there are no resources
  const resource = Object.keys(resources).length ? { resource: { fake_thing: resources } } : {};
  return { terraform: { required_providers: { fake: { source: 'example/fake' } } }, provider: { fake: [{}] }, ...resource, ...extra };
}

/** A temporary stack folder; `write` replaces its cdk.tf.json, `state` reads its state. */
export class StackFolder {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
  write(doc: unknown): void {
    this.writeText(JSON.stringify(doc));
  }
  writeText(text: string): void {
    fs.writeFileSync(path.join(this.dir, 'cdk.tf.json'), text);
  }
  state(): {
    serial: number;
    lineage: string;
    resources: { name: string; instances: { index_key?: unknown; attributes: Record<string, unknown>; status?: string }[] }[];
    outputs: Record<string, { value: unknown }>;
  } {
    return JSON.parse(fs.readFileSync(path.join(this.dir, 'terraform.tfstate'), 'utf8'));
  }
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
