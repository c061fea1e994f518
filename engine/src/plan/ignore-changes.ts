// lifecycle.ignore_changes: the listed attributes, or parts of them, keep their value from the
// state, so a change to them in the configuration (or outside gridform) plans nothing. A path
// into an attribute follows terraform's rules, which depend on the kind of value: a key of a map
// (`tags.x` or `tags["x"]`) keeps the prior key, present or absent; an attribute of an object
// (`input.a`) or an element of a list or tuple (`list[0]`) is kept only where both the
// configuration and the state have it, since an object or tuple cannot gain or lose a part
// without changing its type; a string key (`input["a"]`) selects nothing in an object.
import { error, type Diagnostic } from '../diagnostics';
import type { AttributeType, BlockSchema, ObjectValue } from '../provider/interface';
import { isUnknown, type Value } from '../values';

/** A step of an ignore_changes path: `.name`, `["key"]` or `[0]`. */
export type TraversalStep = { kind: 'attr'; name: string } | { kind: 'key'; key: string } | { kind: 'index'; index: number };

const STEP = /^(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/;

/** `input["a"].b[0]` into its steps; undefined when the text is not a static path starting with a name. */
export function parseTraversal(text: string): TraversalStep[] | undefined {
  const steps: TraversalStep[] = [];
  let rest = text.trim();
  if (!/^[A-Za-z_]/.test(rest)) return undefined;
  while (rest) {
    const m = STEP.exec(rest);
    if (!m || (m[1] !== undefined && steps.length && !m[0].startsWith('.'))) return undefined;
    if (m[1] !== undefined) steps.push({ kind: 'attr', name: m[1] });
    else if (m[2] !== undefined) steps.push({ kind: 'index', index: Number(m[2]) });
    else {
      try {
        steps.push({ kind: 'key', key: JSON.parse(`"${m[3]}"`) as string });
      } catch {
        return undefined;
      }
    }
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** "tags", "vms[0].memory", "labels[\"a\"]" into path steps (names and keys as strings, indexes as numbers). */
export function parseAttributePath(text: string): (string | number)[] {
  return (parseTraversal(text) ?? []).map((s) => (s.kind === 'attr' ? s.name : s.kind === 'key' ? s.key : s.index));
}

/** What a value at some point of a path is, as far as the schema tells. */
type Kind = { of: 'block' | 'blocks'; block: BlockSchema } | { of: 'map' | 'list' | 'dynamic' };

/** The kind of an attribute or nested block of `block`; undefined when it has no such part. */
function kindOfPart(block: BlockSchema, name: string): Kind | undefined {
  const attribute = block.attributes[name];
  if (attribute) return kindOfAttribute(attribute.type);
  const nested = block.blocks?.[name];
  return nested && { of: nested.nesting === 'single' ? 'block' : 'blocks', block: nested.block };
}

function kindOfAttribute(type: AttributeType): Kind {
  if (type === 'map') return { of: 'map' };
  if (type === 'list' || type === 'set') return { of: 'list' };
  return { of: 'dynamic' };
}

export function applyIgnoreChanges(
  config: ObjectValue,
  prior: ObjectValue,
  ignore: readonly string[] | 'all',
  block: BlockSchema,
): ObjectValue {
  if (ignore === 'all') {
    const out: ObjectValue = { ...config };
    for (const k of Object.keys(config)) if (prior[k] !== undefined) out[k] = prior[k];
    return out;
  }
  let out = config;
  for (const text of ignore) {
    const [first, ...rest] = parseTraversal(text) ?? [];
    if (first?.kind !== 'attr') continue;
    const kind = kindOfPart(block, first.name);
    if (!kind) continue;
    // a whole attribute is kept as the state has it
    out = { ...out, [first.name]: rest.length ? keep(out[first.name], prior[first.name], rest, kind) : (prior[first.name] ?? null) };
  }
  return out;
}

/** `config` with the part `steps` selects taken from `prior`, where terraform's rules allow it. */
function keep(config: Value, prior: Value | undefined, steps: TraversalStep[], kind: Kind): Value {
  const [step, ...rest] = steps;
  if (config === null || isUnknown(config) || typeof config !== 'object') return config;
  const p = prior !== null && prior !== undefined && typeof prior === 'object' && !isUnknown(prior) ? prior : undefined;
  if (Array.isArray(config)) {
    if (step.kind !== 'index' || !Array.isArray(p) || step.index >= config.length || step.index >= p.length) return config;
    const copy = [...config];
    const element: Kind = kind.of === 'blocks' ? { of: 'block', block: kind.block } : { of: 'dynamic' };
    copy[step.index] = rest.length ? keep(config[step.index], p[step.index], rest, element) : p[step.index];
    return copy;
  }
  if (step.kind === 'index') return config;
  const name = step.kind === 'attr' ? step.name : step.key;
  const obj = config as ObjectValue;
  const before = p && !Array.isArray(p) ? (p as ObjectValue) : undefined;
  if (kind.of === 'map') {
    // a map keeps the prior key as it was: there, or not there
    const copy: ObjectValue = { ...obj };
    const kept = rest.length ? (name in obj ? keep(obj[name], before?.[name], rest, { of: 'dynamic' }) : undefined) : before?.[name];
    if (kept === undefined) delete copy[name];
    else copy[name] = kept;
    return copy;
  }
  // an attribute of an object (or of a block), present on both sides; a string key selects nothing in an object
  if (step.kind !== 'attr' || !(name in obj) || !before || !(name in before)) return config;
  const next: Kind = (kind.of === 'block' && kindOfPart(kind.block, name)) || { of: 'dynamic' };
  return { ...obj, [name]: rest.length ? keep(obj[name], before[name], rest, next) : before[name] };
}

/** ignore_changes entries that are not static paths, or that name no attribute of the resource, as terraform refuses them. */
export function ignoreChangesDiagnostics(address: string, ignore: readonly string[] | 'all', block: BlockSchema): Diagnostic[] {
  if (ignore === 'all') return [];
  const out: Diagnostic[] = [];
  for (const text of ignore) {
    const steps = parseTraversal(text);
    const where = { address, attributePath: ['lifecycle', 'ignore_changes'] };
    if (!steps || steps[0].kind !== 'attr') {
      const detail =
        `ignore_changes of ${address} has ${JSON.stringify(text)}: a single static variable reference is required: only attribute access ` +
        'and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.';
      out.push(error('Invalid expression', detail, where));
    } else if (!kindOfPart(block, steps[0].name)) {
      const name = steps[0].name;
      const detail =
        `ignore_changes of ${address} names "${name}": this object has no argument, nested block, or exported attribute ` +
        `named "${name}".`;
      out.push(error('Unsupported attribute', detail, where));
    }
  }
  return out;
}
