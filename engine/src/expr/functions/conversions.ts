// Type conversion functions: tobool tolist tomap tonumber toset tostring, and the identity
// functions sensitive/nonsensitive (gridform tracks sensitivity by schema, not by value).
import type { Value } from '../../values';
import { toBool, toExactNum, toStr } from '../convert';
import { convertForFunction } from '../../cty/to-function';
import { fixed, type FnDef } from './types';

/** Converts non-null values; null stays null, as in Terraform. */
const conversion = (f: (v: Value) => Value, unknown?: FnDef['unknown']) => fixed(1, ([v]) => (v === null ? null : f(v)), unknown);

export const conversionFunctions: Record<string, FnDef> = {
  tobool: conversion((v) => toBool(v)),
  tonumber: conversion((v) => toExactNum(v)),
  tostring: conversion((v) => toStr(v)),
  tolist: conversion((v) => convertForFunction(v, ['list', 'dynamic']), 'shallow'),
  toset: conversion((v) => convertForFunction(v, ['set', 'dynamic'])),
  tomap: conversion((v) => convertForFunction(v, ['map', 'dynamic']), 'shallow'),
  sensitive: fixed(1, ([v]) => v, 'raw'),
  nonsensitive: fixed(1, ([v]) => v, 'raw'),
};
