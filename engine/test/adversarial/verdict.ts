// How the adversarial suite judges one case: an attack or a malformed input is either refused with
// the message expected of it (naming the resource, attribute or file), refused with a JavaScript
// error or an unexpected message (an internal error: the product failed, not the input), or
// accepted. A valid input terraform accepts (a string "2" for a number) must be accepted, and
// converted as terraform converts it; refused or converted otherwise, it is mishandled.

/** What one case did: refused or not, and the text the user saw (or the exception, when it threw). */
export interface Outcome {
  readonly refused: boolean;
  readonly text: string;
}

export type Verdict = 'clear' | 'internal' | 'silent' | 'accepted' | 'mishandled';

export interface AdversarialCase {
  readonly kind: 'attack' | 'input';
  /** what is attacked or malformed: "configuration", "state file", "saved plan", ... */
  readonly group: string;
  /** what the case does, as a test name says it */
  readonly name: string;
  /** what the refusal must say; absent for a valid input that must be accepted */
  readonly refusal?: RegExp;
  run(): Promise<Outcome>;
}

/** One judged case, as the runner prints it and as the other folders' runners send it (JSON). */
export interface CaseResult {
  readonly part: string;
  readonly kind: 'attack' | 'input';
  readonly group: string;
  readonly name: string;
  readonly verdict: Verdict;
  /** the start of what was seen, for cases that failed */
  readonly seen?: string;
}

/**
 * Text that only a failure of the product prints: a TypeError's words, a stack frame, a JSON
 * parser's own message, a server's internal error or a gRPC status the server did not choose.
 * The engine's and the gRPC parts' copies of this file (engine/test/adversarial/verdict.ts,
 * proto/test/adversarial/verdict.ts; engine may not import proto) must stay equal:
 * provider/test/adversarial checks it.
 */
export const JS_ERROR_TEXT = new RegExp(
  [
    'Cannot read propert',
    'Cannot set propert',
    "Cannot use 'in' operator",
    'is not a function',
    'is not iterable',
    'is not defined',
    'Maximum call stack',
    'Unexpected token',
    'Unexpected end of JSON',
    'is not valid JSON',
    'in JSON at position',
    '\\b(TypeError|RangeError|ReferenceError|SyntaxError)\\b',
    '^\\s+at .+:\\d+:\\d+\\)?$',
    '\\[object Object\\]',
    '\\bundefined\\b',
    '\\bNaN\\b',
    '\\binternal error\\b',
    'Error deserializing',
    '^(INTERNAL|UNKNOWN): ',
  ].join('|'),
  'm',
);

export function verdictOf(c: Pick<AdversarialCase, 'refusal'>, o: Outcome): Verdict {
  if (!c.refusal) return o.refused ? 'mishandled' : 'accepted';
  if (!o.refused) return 'silent';
  return c.refusal.test(o.text) && !JS_ERROR_TEXT.test(o.text) ? 'clear' : 'internal';
}

/** Runs and judges a case; a case that throws is refused with the exception's text, stack included. */
export async function judge(part: string, c: AdversarialCase, timeoutMs = 30_000): Promise<CaseResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ refused: true, text: `did not finish within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  let outcome: Outcome;
  try {
    outcome = await Promise.race([c.run(), timeout]);
  } catch (err) {
    outcome = { refused: true, text: (err as Error)?.stack ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
  const verdict = verdictOf(c, outcome);
  const failed = verdict === 'internal' || verdict === 'silent' || verdict === 'mishandled';
  return { part, kind: c.kind, group: c.group, name: c.name, verdict, ...(failed ? { seen: outcome.text.slice(0, 600) } : {}) };
}
