// The function library by name. Functions that read files or the clock are refused: gridform
// evaluates configurations offline and the same configuration must always plan the same way.
import { conversionFunctions } from './conversions';
import { collectionFunctions } from './collections';
import { encodingFunctions } from './encoding';
import { formatFunctions } from './format';
import { hashFunctions } from './hashing';
import { networkFunctions } from './network';
import { numberFunctions } from './numbers';
import { stringFunctions } from './strings';
import { fn, type FnDef } from './types';
import { ValueError } from '../convert';

export type { FnDef } from './types';

const REFUSED = ['file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'templatefile', 'timestamp', 'plantimestamp'];

const refused: Record<string, FnDef> = Object.fromEntries(
  REFUSED.map((name) => [
    name,
    fn(0, Infinity, () => {
      throw new ValueError(`${name} is not supported offline by gridform`);
    }, 'raw'),
  ]),
);

export const FUNCTIONS: Readonly<Record<string, FnDef>> = {
  ...numberFunctions,
  ...stringFunctions,
  ...formatFunctions,
  ...collectionFunctions,
  ...encodingFunctions,
  ...hashFunctions,
  ...networkFunctions,
  ...conversionFunctions,
  ...refused,
};
