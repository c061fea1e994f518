// The shape of a library function and a helper to declare one.
import type { Value } from '../../values';

/** What a call may need of where it is evaluated. */
export interface CallContext {
  /** the working folder of the configuration (abspath resolves against it) */
  readonly cwd: string;
  /** the time of the plan, and whether apply is running (timestamp() is known only then) */
  readonly clock?: Clock;
}

export interface Clock {
  /** RFC 3339, UTC: when the plan was made */
  readonly planTimestamp?: string;
  readonly applying: boolean;
}

export interface FnDef {
  /** fewest and most arguments (Infinity for variadic) */
  min: number;
  max: number;
  /**
   * How Unknown arguments are treated: by default an Unknown anywhere in any argument makes the
   * result Unknown; 'shallow' only a wholly Unknown argument does; 'raw' leaves it to the function.
   */
  unknown?: 'shallow' | 'raw';
  /** Throws ValueError (from ../convert) for a bad argument. */
  call(args: Value[], ctx?: CallContext): Value;
}

type Call = FnDef['call'];

export function fn(min: number, max: number, call: Call, unknown?: FnDef['unknown']): FnDef {
  return { min, max, call, unknown };
}

/** A function of exactly `n` arguments. */
export const fixed = (n: number, call: Call, unknown?: FnDef['unknown']): FnDef => fn(n, n, call, unknown);
