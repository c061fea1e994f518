// Terraform's type system on the engine's values, after go-cty: types, the type of a value,
// unification, conversion and the messages of a failed one.
export * from './types';
export { annotate, typeOf } from './type-of';
export { unify } from './unify';
export { canConvert } from './conversion';
export { convert, ConversionError } from './convert';
export { conditionalMismatch, mismatchMessage } from './mismatch';
