// Rewrites the expressions of a module instance so that they mean the same thing once every
// module is flattened into the root: `var.x`, `local.y`, `module.z` and `type.name` become the
// root locals and mangled resource names of that instance (addresses/module-names.ts); path.module
// becomes the module's folder, and in a module call's arguments each.key, each.value and
// count.index become the instance's values. The text is edited token by token (positions from the
// lexer), so everything else of the expression stays exactly as written.
import { isCtyNumber } from '../../cty-number';
import { lexTemplate, type TemplatePart, type Token } from '../../expr/lexer';
import { isTemplate, parseTemplate, type Expr } from '../../expr/parse';
import { isSetValue, numToString } from '../../expr/convert';
import { mangledLocalName, mangledResourceName } from '../../addresses/module-names';
import type { Value } from '../../values';
import { ROOTED_FILE_FUNCTIONS } from '../../expr/functions/file-functions';

export interface RewriteContext {
  /** the module instance path ('' at the root) */
  readonly path: string;
  /** path.module: the module's folder relative to the root */
  readonly moduleDir: string;
  /**
   * in a module call's arguments: the instance's each.key / each.value; `valueExpression` (an expression picking the
   * element from the for_each map) stands for each.value when that is known only after apply
   */
  readonly each?: { readonly key: string; readonly value: Value; readonly valueExpression?: string };
  /** in a module call's arguments: the instance's count.index */
  readonly countIndex?: number;
  /** the root folder (absolute): file functions read relative to it, as terraform reads relative to where it runs */
  readonly rootDir?: string;
}

const FILE_FUNCTIONS = new Set<string>(ROOTED_FILE_FUNCTIONS);

const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'path', 'self', 'terraform', 'module', 'data']);

/** A JSON body with every expression rewritten for ctx (strings without `${` or `%{` are kept). */
export function rewriteBody(body: unknown, ctx: RewriteContext): unknown {
  if (typeof body === 'string') return isTemplate(body) ? rewriteTemplate(body, ctx) : body;
  if (Array.isArray(body)) return body.map((b) => rewriteBody(b, ctx));
  if (body && typeof body === 'object') {
    const out: Record<string, unknown> = {};
    // property names are templates too (HCL's JSON syntax)
    for (const [k, v] of Object.entries(body)) out[isTemplate(k) ? rewriteTemplate(k, ctx) : k] = rewriteBody(v, ctx);
    return out;
  }
  return body;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The for-expression variables and the tokens of a text, found once however many module instances rewrite it. */
const lexedTexts = new Map<string, { iterators: Set<string>; parts: TemplatePart[] }>();
const MAX_LEXED_TEXTS = 20_000;

function lexedText(text: string): { iterators: Set<string>; parts: TemplatePart[] } {
  let lexed = lexedTexts.get(text);
  if (lexed) return lexed;
  const iterators = new Set<string>();
  collectIterators(parseTemplate(text), iterators);
  lexed = { iterators, parts: lexTemplate(text, 0, false).parts };
  if (lexedTexts.size >= MAX_LEXED_TEXTS) lexedTexts.clear();
  lexedTexts.set(text, lexed);
  return lexed;
}

export function rewriteTemplate(text: string, ctx: RewriteContext): string {
  const { iterators, parts } = lexedText(text);
  const edits: Edit[] = [];
  const walkParts = (parts: TemplatePart[]) => {
    for (const p of parts) if (typeof p !== 'string') walkTokens(p.tokens);
  };
  const walkTokens = (tokens: Token[]) => {
    tokens.forEach((t, i) => {
      if (t.kind === 'string') return walkParts(t.parts);
      if (t.kind !== 'ident' || iterators.has(t.text)) return;
      const before = tokens[i - 1];
      if (before?.kind === 'punct' && before.text === '.') return;
      const paren = tokens[i + 1];
      if (ctx.rootDir && FILE_FUNCTIONS.has(t.text) && paren?.kind === 'punct' && paren.text === '(') {
        edits.push({ start: t.start, end: paren.end, text: `__gridform_${t.text}(${hclLiteral(ctx.rootDir)}, ` });
        return;
      }
      const edit = referenceEdit(tokens, i, ctx);
      if (edit) edits.push(edit);
    });
  };
  walkParts(parts);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The edit a reference starting at tokens[i] needs, if any. */
function referenceEdit(tokens: Token[], i: number, ctx: RewriteContext): Edit | undefined {
  const root = tokens[i] as Token & { kind: 'ident' };
  const dot = tokens[i + 1];
  const attr = tokens[i + 2];
  if (dot?.kind !== 'punct' || dot.text !== '.' || attr?.kind !== 'ident') return undefined;
  const whole = (text: string): Edit => ({ start: root.start, end: attr.end, text });
  const { path } = ctx;
  switch (root.text) {
    case 'var':
      return path ? whole(`local.${mangledLocalName(path, 'var', attr.text)}`) : undefined;
    case 'local':
      return path ? whole(`local.${mangledLocalName(path, 'local', attr.text)}`) : undefined;
    case 'module':
      return whole(`local.${mangledLocalName(path, 'call', attr.text)}`);
    case 'path':
      if (attr.text === 'module') return path ? whole(hclLiteral(ctx.moduleDir)) : undefined;
      if (attr.text === 'root') return path ? whole(hclLiteral('.')) : undefined;
      return undefined;
    case 'each':
      if (!ctx.each) return undefined;
      if (attr.text === 'key') return whole(hclLiteral(ctx.each.key));
      if (attr.text === 'value') return whole(`(${ctx.each.valueExpression ?? hclLiteral(ctx.each.value)})`);
      return undefined;
    case 'count':
      return ctx.countIndex !== undefined && attr.text === 'index' ? whole(String(ctx.countIndex)) : undefined;
    case 'data': {
      const dot2 = tokens[i + 3];
      const name = tokens[i + 4];
      if (!path || dot2?.kind !== 'punct' || dot2.text !== '.' || name?.kind !== 'ident') return undefined;
      return { start: name.start, end: name.end, text: mangledResourceName(path, name.text) };
    }
  }
  if (NOT_RESOURCES.has(root.text) || !path) return undefined;
  return { start: attr.start, end: attr.end, text: mangledResourceName(path, attr.text) };
}

/** A known value written as an HCL expression. */
export function hclLiteral(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || isCtyNumber(v)) return numToString(v as never);
  if (isSetValue(v)) return `toset([${(v as Value[]).map(hclLiteral).join(', ')}])`;
  if (Array.isArray(v)) return `[${v.map(hclLiteral).join(', ')}]`;
  const entries = Object.entries(v as Record<string, Value>);
  return `{${entries.map(([k, x]) => `${hclLiteral(k)} = ${hclLiteral(x)}`).join(', ')}}`;
}

function collectIterators(e: unknown, into: Set<string>): void {
  if (!e || typeof e !== 'object') return;
  if (Array.isArray(e)) return e.forEach((x) => collectIterators(x, into));
  const x = e as Expr;
  if (x.kind === 'for' || x.kind === 'templateFor') {
    into.add(x.valueVar);
    if (x.keyVar) into.add(x.keyVar);
  }
  for (const v of Object.values(e)) if (v && typeof v === 'object') collectIterators(v, into);
}
