// state push PATH: replace the stored state with a state file (PATH, or "-" for standard input),
// under the lock. As terraform's, it refuses a state of another lineage, one with a lower serial
// than the stored one, and one with the same serial but other content, unless -force: each would
// throw away what the stored state knows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error } from '../../diagnostics';
import { parseState } from '../../state/state-check';
import type { StateFile } from '../../state/state';
import { boolFlag } from '../args';
import { report, type CommandContext } from '../context';
import { editStackState } from './state-access';

export async function statePush(ctx: CommandContext, source: string): Promise<number> {
  // the file is read and checked before anything else happens
  let text: string;
  try {
    text = source === '-' ? await readAll(ctx.io.stdin) : fs.readFileSync(path.resolve(ctx.cwd, source), 'utf8');
  } catch (err) {
    return (report(ctx, [error('Cannot read the state to push', (err as Error).message)]), 1);
  }
  const parsed = parseState(text);
  if ('problem' in parsed) {
    return (report(ctx, [error('Invalid state file', `${source === '-' ? 'Standard input' : source} ${parsed.problem}.`)]), 1);
  }
  const pushed = parsed.state;
  const force = boolFlag(ctx.args, 'force');
  return editStackState(
    ctx,
    'OperationStatePush',
    async (stored, existed) => {
      const refusal = existed && !force ? pushRefusal(pushed, stored.file) : undefined;
      if (refusal) return { changed: false, diagnostics: [error('Failed to write state', `${refusal} Use -force to write it anyway.`)] };
      return { changed: true, diagnostics: [], replace: pushed };
    },
    'allowed',
  );
}

function pushRefusal(pushed: StateFile, stored: StateFile): string | undefined {
  if (pushed.lineage !== stored.lineage) {
    return `Cannot import state with lineage "${pushed.lineage}" over unrelated state with lineage "${stored.lineage}".`;
  }
  if (pushed.serial < stored.serial) {
    return `Cannot import state with serial ${pushed.serial} over newer state with serial ${stored.serial}.`;
  }
  if (pushed.serial === stored.serial && JSON.stringify(comparable(pushed)) !== JSON.stringify(comparable(stored))) {
    return `Cannot overwrite existing state with serial ${pushed.serial} with a different state that has the same serial.`;
  }
  return undefined;
}

/** What two states at one serial must share: resources and outputs (not the writer's version). */
function comparable(s: StateFile): unknown {
  return { resources: s.resources, outputs: s.outputs };
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => (text += d));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}
