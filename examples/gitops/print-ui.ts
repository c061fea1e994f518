// Prints gridform's -json messages (terraform's machine-readable UI, one JSON object per line on
// standard input) for a CI log: each message's @message, and for diagnostics where they are and
// their detail. It decides nothing: the pipeline decides from gridform's exit code alone.
import * as readline from 'node:readline';

interface UiMessage {
  '@level': string;
  '@message': string;
  type: string;
  diagnostic?: {
    detail?: string;
    address?: string;
    range?: { filename: string; start: { line: number } };
    snippet?: { context?: string | null };
  };
}

function render(m: UiMessage): string {
  if (m.type === 'version') return '';
  if (m.type !== 'diagnostic' || !m.diagnostic) return `${m['@message']}\n`;
  const d = m.diagnostic;
  const where = [
    ...(d.address ? [`  with ${d.address},`] : []),
    ...(d.range ? [`  on ${d.range.filename} line ${d.range.start.line}${d.snippet?.context ? `, in ${d.snippet.context}` : ''}`] : []),
  ];
  return `\n${m['@message']}\n${where.length ? `${where.join('\n')}\n` : ''}${d.detail ? `\n${d.detail}\n` : ''}\n`;
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (!line.trim()) return;
  try {
    const m = JSON.parse(line) as UiMessage;
    (m['@level'] === 'error' ? process.stderr : process.stdout).write(render(m));
  } catch {
    // not a UI message (a tool in between wrote to the stream): shown as it is
    process.stdout.write(`${line}\n`);
  }
});
