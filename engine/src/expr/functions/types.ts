// The shape of a library function and a helper to declare one.
import type { Value } from '../../values';

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
  call(args: Value[]): Value;
}

export function fn(min: number, max: number, call: (args: Value[]) => Value, unknown?: FnDef['unknown']): FnDef {
  return { min, max, call, unknown };
}

/** A function of exactly `n` arguments. */
export const fixed = (n: number, call: (args: Value[]) => Value, unknown?: FnDef['unknown']): FnDef => fn(n, n, call, unknown);
