// The engine's part of the adversarial suite (npm run adversarial prints it as a table): every
// attack is refused, every malformed input is refused with the message expected of it and no
// JavaScript error, and what terraform converts is accepted.
import { engineCases } from './engine-cases';
import { judge, type AdversarialCase } from './verdict';

const cases = engineCases();

function title(c: AdversarialCase): string {
  if (c.kind === 'attack') return `attack refused: ${c.name}`;
  return c.refusal ? `${c.group} refused clearly: ${c.name}` : `${c.group} accepted as terraform does: ${c.name}`;
}

describe('engine adversarial suite', () => {
  it('has a corpus of at least 150 malformed inputs', () => {
    expect(cases.filter((c) => c.kind === 'input' && c.refusal).length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
    const r = await judge('engine', c);
    expect({ verdict: r.verdict, seen: r.seen }).toEqual({ verdict: c.refusal ? 'clear' : 'accepted', seen: undefined });
  });
});
