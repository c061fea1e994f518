// JSON read with every digit: numbers a float64 cannot hold are kept whole, text inside strings is
// never taken for a number (escaped quotes and backslashes included), and a string of megabytes
// is read without exhausting the stack.
import { parseJsonKeepingDigits, stringifyJson } from '../src/json-syntax';

describe('JSON read keeping every digit', () => {
  it('keeps a 30-digit number whole and leaves numbers inside strings as text', () => {
    const text = '{"a": 123456789012345678901234567890, "s": "x\\" 123456789012345678901234567890", "t": "\\\\", "b": 1.5}';
    const value = parseJsonKeepingDigits(text) as Record<string, unknown>;
    expect(stringifyJson(value)).toBe('{"a":123456789012345678901234567890,"s":"x\\" 123456789012345678901234567890","t":"\\\\","b":1.5}');
  });

  it('reads a 20 MiB string beside a long number without a stack overflow', () => {
    const big = 'x'.repeat(20 * 2 ** 20);
    const value = parseJsonKeepingDigits(`{"s": "${big}", "n": 123456789012345678901234567890}`) as { s: string };
    expect(value.s.length).toBe(big.length);
    expect(stringifyJson(value)).toContain('"n":123456789012345678901234567890');
  });
});
