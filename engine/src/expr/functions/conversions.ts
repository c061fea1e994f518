// Type conversion functions: tobool tolist tomap tonumber toset tostring, and the identity
// functions sensitive/nonsensitive (gridform tracks sensitivity by schema, not by value).
import type { Value } from '../../values';
import { toBool, toExactNum, toList, toObject, toSet, toStr, unify, ValueError } from '../convert';
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
  tolist: conversion((v) => unify(toList(v)), 'shallow'),
  toset: conversion((v) => toSet(toList(v))),
  tomap: conversion((v) => {
    const o = toObject(v);
    const keys = Object.keys(o);
    const values = unify(keys.map((k) => o[k]));
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  }, 'shallow'),
  sensitive: fixed(1, ([v]) => v, 'raw'),
  nonsensitive: fixed(1, ([v]) => v, 'raw'),
};
