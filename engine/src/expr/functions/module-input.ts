// __gridform_convert(value, "type"): a module's input variable converted to its type constraint,
// as terraform converts values passed to a module (config/hcl/flatten.ts writes the calls; users do not).
import { convertToType, parseTypeConstraint } from '../../config/type-constraint';
import { ValueError } from '../convert';
import { fixed, type FnDef } from './types';

export const moduleInputFunctions: Record<string, FnDef> = {
  __gridform_convert: fixed(
    2,
    ([value, type]) => {
      const parsed = parseTypeConstraint(String(type));
      if ('problem' in parsed) throw new ValueError(`the type constraint ${String(type)} is invalid: ${parsed.problem}`);
      const converted = convertToType(parsed.type, value);
      if ('problem' in converted)
        throw new ValueError(`the module input is not compatible with its type ${String(type)}: ${converted.problem}`);
      return converted.value;
    },
    'raw',
  ),
};
