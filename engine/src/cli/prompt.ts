// Asking the user to confirm, as Terraform does; never when there is no terminal to ask.
import * as readline from 'node:readline';
import type { CliIO } from './extension';

export async function confirm(io: CliIO, question: string, detail: string): Promise<boolean> {
  io.stdout.write(`\n${question}\n  ${detail}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
  const rl = readline.createInterface({ input: io.stdin, terminal: false });
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  io.stdout.write('\n');
  return answer.trim() === 'yes';
}

export function canPrompt(io: CliIO, inputAllowed: boolean): boolean {
  return inputAllowed && !!io.stdin.isTTY;
}
