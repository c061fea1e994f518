// The conversion functions tolist, toset and tomap as go-cty's stdlib.MakeToFunc makes them:
// convert.Convert to list, set or map of any single type, with the function's own messages.
import { ValueError } from '../expr/convert';
import type { Value } from '../values';
import { canConvert } from './conversion';
import { ConversionError, convert } from './convert';
import { mismatchMessage } from './mismatch';
import { typeOf } from './type-of';
import { friendlyName, isObjectType, isTuple, typeEquals, type CtyType } from './types';

export function convertForFunction(v: Value, want: CtyType): Value {
  const have = typeOf(v);
  if (typeEquals(have, want)) return v;
  if (!canConvert(have, want, true)) {
    if (isTuple(have) && isTuple(want)) throw new ValueError(`incompatible tuple type for conversion: ${mismatchMessage(have, want)}`);
    if (isObjectType(have) && isObjectType(want))
      throw new ValueError(`incompatible object type for conversion: ${mismatchMessage(have, want)}`);
    throw new ValueError(`cannot convert ${friendlyName(have)} to ${friendlyName(want, true)}`);
  }
  try {
    return convert(v, want);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    throw new ValueError(`cannot convert ${friendlyName(have)} to ${friendlyName(want, true)}`);
  }
}
