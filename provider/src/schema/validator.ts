// Validation compiled from a declaration: ajv checks the configuration against the declaration's
// JSON Schema, and each problem becomes a diagnostic naming the attribute path and the rule, as
// "vms[0].memory is 128; it must be a whole number from 256 to 262144 MB.". Values known only
// after apply are skipped (they are checked again at apply time). Rules that span attributes stay
// with the resource.
import type { default as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import {
  ctyTypeName,
  error,
  formatPath,
  isUnknown,
  type AttributePath,
  type Diagnostic,
  type ObjectValue,
  type Value,
} from '../../../engine';
import type { AttributeDecl, BlockDecl, ResourceDecl } from './declaration';
import { blockJsonSchema } from './json-schema';
import { problemText } from './problem-text';

// ajv is loaded on the first validation: a plugin process that only serves the schema never pays for it
let ajv: AjvClass | undefined;
/**
 * The schemas are ours, made from the declarations, so each command does not check them against
 * JSON Schema's meta-schema (compiling that was a tenth of a re-plan's CPU); a test checks every
 * declaration's schema against it instead.
 */
export const AJV_OPTIONS = { allErrors: true, strict: true, validateSchema: false } as const;
const loadAjv = (): AjvClass => {
  const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
  return (ajv ??= new Ajv(AJV_OPTIONS));
};
const compiled = new WeakMap<BlockDecl, ValidateFunction>();

/** The problems of `config` against the declaration `decl`, one per attribute path at most. */
export function validateAgainst(decl: ResourceDecl, config: ObjectValue): Diagnostic[] {
  const validate = validatorFor(decl.block);
  const unknownPaths: string[] = [];
  const data = withoutUnknowns(config, '', unknownPaths);
  if (validate(data)) return [];
  const seen = new Set<string>();
  const diags: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    const pointer = e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath;
    if (seen.has(pointer) || unknownPaths.some((u) => pointer === u || pointer.startsWith(u + '/'))) continue;
    const d = diagnosticFor(decl.block, data, pointer, e);
    if (!d) continue;
    seen.add(pointer);
    diags.push(d);
  }
  return diags;
}

function validatorFor(block: BlockDecl): ValidateFunction {
  let v = compiled.get(block);
  if (!v) {
    v = loadAjv().compile(blockJsonSchema(block));
    compiled.set(block, v);
  }
  return v;
}

/** A JSON copy of `v` with every unknown value null; their JSON pointers go to `unknowns`. */
function withoutUnknowns(v: Value | undefined, pointer: string, unknowns: string[]): unknown {
  if (isUnknown(v)) {
    unknowns.push(pointer);
    return null;
  }
  if (Array.isArray(v)) return v.map((x, i) => withoutUnknowns(x, `${pointer}/${i}`, unknowns));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutUnknowns(x, `${pointer}/${escapePointer(k)}`, unknowns)]));
  }
  return v;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Located {
  readonly path: AttributePath;
  readonly attribute: AttributeDecl;
  /** true when the path goes into the attribute's value: a list element or a map value */
  readonly inValue: boolean;
  readonly value: unknown;
}

/** The attribute a JSON pointer into the configuration falls in, walking the declaration. */
function locate(block: BlockDecl, data: unknown, pointer: string): Located | null {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: (string | number)[] = [];
  let here: BlockDecl = block;
  let value: unknown = data;
  for (let i = 0; i < steps.length; i++) {
    const name = steps[i];
    path.push(name);
    value = (value as Record<string, unknown> | null)?.[name];
    const attribute = here.attributes[name];
    if (attribute) {
      for (const rest of steps.slice(i + 1)) {
        const index = Array.isArray(value) ? Number(rest) : rest;
        path.push(index);
        value = (value as Record<string, unknown> | null)?.[index as string];
      }
      return { path, attribute, inValue: i < steps.length - 1, value };
    }
    const nested = here.blocks?.[name];
    if (!nested) return null;
    here = nested.block;
    if (nested.nesting !== 'single' && i + 1 < steps.length) {
      const index = Number(steps[++i]);
      path.push(index);
      value = (value as unknown[] | null)?.[index];
    }
  }
  return null;
}

function diagnosticFor(block: BlockDecl, data: unknown, pointer: string, e: ErrorObject): Diagnostic | null {
  const at = locate(block, data, pointer);
  if (!at) return null;
  const { path, attribute, inValue, value } = at;
  if (!inValue && attribute.required && (value === null || value === undefined || value === '')) {
    const detail = `The argument "${formatPath(path)}" is required, but no definition was found: it must be set.`;
    return error('Missing required argument', detail, { attributePath: path });
  }
  const text = problemText(attribute, formatPath(path), value, inValue ? 'element' : e.keyword);
  return error(
    `Invalid ${attributeName(path)}`,
    text ?? `${formatPath(path)} is ${JSON.stringify(value)}; it must be ${ctyTypeName(attribute.type)}.`,
    {
      attributePath: path,
    },
  );
}

/** The attribute a path ends in, with the indexes that follow it: memory, backends[0]. */
export function attributeName(path: AttributePath): string {
  let i = path.length - 1;
  while (i > 0 && typeof path[i] === 'number') i--;
  return formatPath(path.slice(i));
}
