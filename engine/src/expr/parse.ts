// Parses the `${...}` interpolations cdktf writes into an expression tree. Supported now:
// references with attribute, index and key steps (grid_deployment.vm.vms[0].ip,
// var.x, local.y, data.t.n.a), literals, and string templates mixing text and interpolations.
// Anything else is refused with the expression and its position, never evaluated wrongly.
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; value: number | string };

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'ref'; root: string; steps: Step[] }
  | { kind: 'template'; parts: Expr[] };

export class ExprError extends Error {}

/** Parses a whole JSON string value; plain strings become literals. */
export function parseTemplate(text: string): Expr {
  const parts: Expr[] = [];
  let i = 0;
  let lit = '';
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      lit += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = matchingBrace(text, i + 2);
      if (lit) parts.push({ kind: 'literal', value: lit });
      lit = '';
      parts.push(parseExpression(text.slice(i + 2, end), text));
      i = end + 1;
    } else {
      lit += text[i++];
    }
  }
  if (lit || !parts.length) parts.push({ kind: 'literal', value: lit });
  return parts.length === 1 ? parts[0] : { kind: 'template', parts };
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  let quote = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new ExprError(`unterminated interpolation in ${JSON.stringify(text)}`);
}

export function parseExpression(src: string, whole = src): Expr {
  const s = src.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return { kind: 'literal', value: Number(s) };
  if (s === 'true' || s === 'false') return { kind: 'literal', value: s === 'true' };
  if (s === 'null') return { kind: 'literal', value: null };
  if (/^"([^"\\]|\\.)*"$/.test(s)) return { kind: 'literal', value: JSON.parse(s) as string };
  const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(s);
  if (!m) throw unsupported(s, whole);
  const steps: Step[] = [];
  let rest = s.slice(m[0].length);
  while (rest.length) {
    let step: RegExpExecArray | null;
    if ((step = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(rest))) steps.push({ kind: 'attr', name: step[1] });
    else if ((step = /^\[\s*(\d+)\s*\]/.exec(rest))) steps.push({ kind: 'index', value: Number(step[1]) });
    else if ((step = /^\[\s*("(?:[^"\\]|\\.)*")\s*\]/.exec(rest))) steps.push({ kind: 'index', value: JSON.parse(step[1]) as string });
    else if ((step = /^\.(\d+)/.exec(rest))) steps.push({ kind: 'index', value: Number(step[1]) });
    else throw unsupported(s, whole);
    rest = rest.slice(step[0].length);
  }
  return { kind: 'ref', root: m[0], steps };
}

function unsupported(expr: string, whole: string): ExprError {
  return new ExprError(`unsupported expression \${${expr}} in ${JSON.stringify(whole)}: gridform evaluates references (type.name.attr[0].key), literals and string templates`);
}

/** The resource or data address a reference points at (e.g. grid_network.net), or undefined for var/local/... */
export function referencedAddress(e: Expr & { kind: 'ref' }): string | undefined {
  if (e.root === 'var' || e.root === 'local' || e.root === 'each' || e.root === 'count' || e.root === 'path' || e.root === 'self' || e.root === 'terraform') return undefined;
  if (e.root === 'data') {
    const [t, n] = e.steps;
    return t?.kind === 'attr' && n?.kind === 'attr' ? `data.${t.name}.${n.name}` : undefined;
  }
  const [n] = e.steps;
  return n?.kind === 'attr' ? `${e.root}.${n.name}` : undefined;
}

/** Every reference inside an expression. */
export function references(e: Expr): (Expr & { kind: 'ref' })[] {
  if (e.kind === 'ref') return [e];
  if (e.kind === 'template') return e.parts.flatMap(references);
  return [];
}
