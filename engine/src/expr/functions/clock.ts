// timestamp and plantimestamp as terraform defines them: timestamp() is the time of the call during
// apply and unknown while planning (so what uses it shows "known after apply"); plantimestamp() is
// the time the plan was made, the same during its apply. Both are RFC 3339 in UTC, to the second
// (Go's time.RFC3339). Without a clock (an expression evaluated outside a plan or apply) both are
// unknown, as terraform's are during validate.
import { Unknown } from '../../values';
import { fixed, type FnDef } from './types';

/** The moment `at` as terraform writes timestamps: 2024-05-01T12:34:56Z. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const clockFunctions: Record<string, FnDef> = {
  timestamp: fixed(0, (_args, ctx) => (ctx?.clock?.applying ? rfc3339(new Date()) : Unknown)),
  plantimestamp: fixed(0, (_args, ctx) => ctx?.clock?.planTimestamp ?? Unknown),
};
