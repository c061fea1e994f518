// Bounds on what one expression may build, so that a configuration cannot take the machine's
// memory or minutes of its time: no attribute of any provider needs more.

/** Strings past this length are refused. */
export const MAX_STRING_LENGTH = 16 * 2 ** 20;

/** Lists a function builds (setproduct) past this length are refused. */
export const MAX_LIST_LENGTH = 100_000;

/** Iterations of for expressions, all nesting levels together, in evaluating one expression. */
export const MAX_FOR_ITERATIONS = 1_000_000;
