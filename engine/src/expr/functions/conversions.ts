// Type conversion functions: tobool tolist tomap tonumber toset tostring, and the identity
// functions sensitive/nonsensitive (gridform tracks sensitivity by schema, not by value).
import type { Value } from '../../values';
import { toBool, toExactNum, toStr, ValueError } from '../convert';
import { convertForFunction } from '../../cty/to-function';
import { fixed, type FnDef } from './types';

/** Converts non-null values; null stays null, as in Terraform. */
const conversion = (f: (v: Value) => Value, unknown?: FnDef['unknown']) => fixed(1, ([v]) => (v === null ? null : f(v)), unknown);

export const conversionFunctions: Record<string, FnDef> = {
  tobool: conversion((v) => toBool(v)),
  // cty reads a string as a number only when it is all number: no spaces around it
  tonumber: conversion((v) => {
    if (typeof v === 'string' && v.trim() !== v)
      throw new ValueError(`cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`);
    return toExactNum(v);
  }),
  tostring: conversion((v) => toStr(v)),
  tolist: conversion((v) => convertForFunction(v, ['list', 'dynamic']), 'shallow'),
  toset: conversion((v) => convertForFunction(v, ['set', 'dynamic'])),
  tomap: conversion((v) => convertForFunction(v, ['map', 'dynamic']), 'shallow'),
  sensitive: fixed(1, ([v]) => v, 'raw'),
  nonsensitive: fixed(1, ([v]) => v, 'raw'),
};
