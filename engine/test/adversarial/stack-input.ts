// One malformed input given to the engine's CLI in a stack folder of its own, with the fake
// provider: a configuration, or a state, lock, journal or saved plan file damaged after a first
// run made the real one. The outcome is what a user would see.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FAKE_SCHEMA, FakeProvider } from '../fake-provider';
import type { ProviderSchema } from '../../index';
import { fakeStack, runEngine, StackFolder, type CliResult } from '../support/engine-cli';
import type { AdversarialCase, Outcome } from './verdict';

/** The fake schema plus a nested block (`rule`, a list) so nested paths can be attacked too. */
export const NESTED_SCHEMA: ProviderSchema = {
  ...FAKE_SCHEMA,
  resources: {
    fake_thing: {
      ...FAKE_SCHEMA.resources.fake_thing,
      block: {
        ...FAKE_SCHEMA.resources.fake_thing.block,
        blocks: {
          rule: {
            nesting: 'list',
            block: { attributes: { port: { type: 'number', required: true }, proto: { type: 'string', optional: true } } },
          },
        },
      },
    },
  },
};

export class NestedFakeProvider extends FakeProvider {
  override getSchema(): ProviderSchema {
    return NESTED_SCHEMA;
  }
}

export type FileEdit = string | ((current: string, dir: string) => string);

export interface StackInput {
  readonly group: string;
  readonly name: string;
  /** what the refusal must say; absent for an input that must be accepted */
  readonly refusal?: RegExp;
  /** the cdk.tf.json document, or its text; default: one fake_thing named "a" */
  readonly config?: unknown;
  readonly configText?: string;
  /** run these commands first, with the configuration (so a state, a saved plan exist) */
  readonly before?: readonly (readonly string[])[];
  /** files of the folder rewritten after `before`: new text, or an edit of the current text */
  readonly files?: Readonly<Record<string, FileEdit>>;
  /** the command that must refuse (default: plan) */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** for an input that must be accepted: what is wrong with the result, or undefined */
  readonly check?: (r: CliResult, folder: StackFolder) => string | undefined;
}

export const DEFAULT_CONFIG = fakeStack({ a: { name: 'a' } });

export function stackCase(input: StackInput): AdversarialCase {
  return { kind: 'input', group: input.group, name: input.name, refusal: input.refusal, run: () => runStackInput(input) };
}

export async function runStackInput(input: StackInput): Promise<Outcome> {
  const folder = new StackFolder();
  const provider = new NestedFakeProvider();
  try {
    if (input.configText !== undefined) folder.writeText(input.configText);
    else folder.write(input.config ?? DEFAULT_CONFIG);
    for (const args of input.before ?? []) {
      const r = await runEngine(folder.dir, provider, [...args]);
      if (r.code !== 0) throw new Error(`setup "${args.join(' ')}" failed: ${r.err}`);
    }
    for (const [name, edit] of Object.entries(input.files ?? {})) {
      const file = path.join(folder.dir, name);
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      fs.writeFileSync(file, typeof edit === 'string' ? edit : edit(current, folder.dir));
    }
    const r = await runEngine(folder.dir, provider, [...(input.args ?? ['plan'])], { ...input.env });
    const text = `${r.err}${r.out}`;
    if (input.check) {
      const problem = r.code === 0 ? input.check(r, folder) : text;
      return { refused: problem !== undefined, text: problem ?? text };
    }
    return { refused: r.code !== 0, text };
  } finally {
    folder.remove();
  }
}
