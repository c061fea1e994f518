// Durations as Go's time.ParseDuration writes them ("45m", "1h30m", "90s", "500ms"), which is
// how terraform-provider-grid's timeouts block takes them.
import { DURATION } from '../schema/constraints';

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds, or undefined when `text` is not such a duration. */
export function durationMs(text: string): number | undefined {
  if (!new RegExp(DURATION.regex).test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return Math.round(total);
}
