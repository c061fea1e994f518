// The function library by name. Functions that read files are refused in cdk.tf.json (HCL folders
// have them, relative to the root folder); the clock is read by timestamp and plantimestamp only.
import { conversionFunctions } from './conversions';
import { collectionFunctions } from './collections';
import { encodingFunctions } from './encoding';
import { formatFunctions } from './format';
import { hashFunctions } from './hashing';
import { networkFunctions } from './network';
import { dateTimeFunctions } from './datetime';
import { numberFunctions } from './numbers';
import { pathFunctions } from './paths';
import { stringFunctions } from './strings';
import { textEncodingFunctions } from './text-encoding';
import { uuidV5Functions } from './uuid-v5';
import { yamlDecodeFunctions } from './yaml-decode';
import { yamlEncodeFunctions } from './yaml-encode';
import { fn, type FnDef } from './types';
import { moduleInputFunctions } from './module-input';
import { fileFunctions } from './file-functions';
import { clockFunctions } from './clock';
import { isObject, markList, markMap, ValueError } from '../convert';

export type { FnDef } from './types';

const REFUSED = [
  'file',
  'fileexists',
  'fileset',
  'filebase64',
  'filebase64sha256',
  'filebase64sha512',
  'filemd5',
  'filesha1',
  'filesha256',
  'filesha512',
  'templatefile',
];

const refused: Record<string, FnDef> = Object.fromEntries(
  REFUSED.map((name) => [
    name,
    fn(
      0,
      Infinity,
      () => {
        throw new ValueError(`${name} is not supported offline by gridform`);
      },
      'raw',
    ),
  ]),
);

const ALL: Record<string, FnDef> = {
  ...numberFunctions,
  ...stringFunctions,
  ...formatFunctions,
  ...collectionFunctions,
  ...encodingFunctions,
  ...hashFunctions,
  ...uuidV5Functions,
  ...textEncodingFunctions,
  ...yamlEncodeFunctions,
  ...yamlDecodeFunctions,
  ...networkFunctions,
  ...pathFunctions,
  ...dateTimeFunctions,
  ...conversionFunctions,
  ...moduleInputFunctions,
  ...fileFunctions,
  ...clockFunctions,
  ...refused,
};

/**
 * Functions whose result terraform types as a list (not a tuple), with the element type of an
 * empty result; chunklist's chunks are lists too.
 */
const LIST_RESULTS: Record<string, unknown> = {
  split: 'string',
  compact: 'string',
  range: 'number',
  sort: 'string',
  formatlist: 'string',
  cidrsubnets: 'string',
  tolist: 'dynamic',
  distinct: 'dynamic',
  chunklist: ['list', 'dynamic'],
  tomap: 'dynamic',
};

function listResult(name: string, f: FnDef): FnDef {
  const empty = LIST_RESULTS[name];
  return {
    ...f,
    call(args, ctx) {
      const result = f.call(args, ctx);
      if (name === 'tomap' && isObject(result)) return markMap(result);
      if (!Array.isArray(result)) return result;
      if (name === 'chunklist') for (const chunk of result) if (Array.isArray(chunk)) markList(chunk);
      return markList(result, empty);
    },
  };
}

export const FUNCTIONS: Readonly<Record<string, FnDef>> = Object.fromEntries(
  Object.entries(ALL).map(([name, f]) => [name, Object.hasOwn(LIST_RESULTS, name) ? listResult(name, f) : f]),
);
