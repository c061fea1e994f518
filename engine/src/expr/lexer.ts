// Splits HCL expression text into tokens. A quoted string becomes one token holding its template
// parts; each `${...}` inside it is lexed recursively into its own token list, so strings nest
// inside interpolations inside strings to any depth.
export class LexError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

/**
 * The tokens of one `${...}` or `%{...}` directive (ending with an eof token) and where it sits in
 * the text. `stripBefore` / `stripAfter` are the `~` markers that trim the whitespace beside it.
 */
export interface Interpolation {
  tokens: Token[];
  start: number;
  end: number;
  directive?: boolean;
  stripBefore?: boolean;
  stripAfter?: boolean;
}
export type TemplatePart = string | Interpolation;

export type Token = { start: number; end: number; newlineBefore: boolean } & (
  | { kind: 'number'; text: string }
  | { kind: 'ident'; text: string }
  | { kind: 'string'; parts: TemplatePart[] }
  | { kind: 'punct'; text: string }
  | { kind: 'eof' }
);

const PUNCT = [
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '=>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '?',
  ':',
  '=',
  ',',
  '.',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];
const IDENT = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** Lexes a whole expression. */
export function lexExpression(src: string): Token[] {
  return lexTokens(src, 0, false).tokens;
}

/**
 * Lexes tokens from `pos`. Inside an interpolation (`closing`), stops after the `}` that closes
 * it; braces of object constructors nest.
 */
function lexTokens(src: string, pos: number, closing: boolean): { tokens: Token[]; end: number; strip?: boolean } {
  const tokens: Token[] = [];
  let depth = 0;
  let newline = false;
  for (;;) {
    for (; pos < src.length && /\s/.test(src[pos]); pos++) if (src[pos] === '\n') newline = true;
    const start = pos;
    const base = { start, newlineBefore: newline };
    newline = false;
    if (pos >= src.length) {
      if (closing) throw new LexError('the interpolation is not closed with "}"', start);
      tokens.push({ ...base, end: pos, kind: 'eof' });
      return { tokens, end: pos };
    }
    const c = src[pos];
    if (c === '"') {
      const { parts, end } = lexTemplate(src, pos + 1, true);
      tokens.push({ ...base, end, kind: 'string', parts });
      pos = end;
      continue;
    }
    if (closing && depth === 0 && c === '~' && src[pos + 1] === '}') {
      tokens.push({ ...base, end: pos, kind: 'eof' });
      return { tokens, end: pos + 2, strip: true };
    }
    if (c === '}' && depth === 0) {
      if (!closing) throw new LexError('unexpected "}"', pos);
      tokens.push({ ...base, end: pos, kind: 'eof' });
      return { tokens, end: pos + 1 };
    }
    IDENT.lastIndex = NUMBER.lastIndex = pos;
    const m = IDENT.exec(src) ?? NUMBER.exec(src);
    if (m) {
      tokens.push({ ...base, end: pos + m[0].length, kind: /\d/.test(c) ? 'number' : 'ident', text: m[0] });
      pos += m[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, pos));
    if (!p) throw new LexError(`unexpected character ${JSON.stringify(c)}`, pos);
    if (p === '{') depth++;
    if (p === '}') depth--;
    tokens.push({ ...base, end: pos + p.length, kind: 'punct', text: p });
    pos += p.length;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Lexes template text from `pos`: a quoted string (escapes apply, ends at the closing quote) or a
 * whole JSON string value (no escapes, ends at the end of the text). `$${` and `%%{` are the
 * escaped literal `${` and `%{`; `%{...}` directives are lexed like interpolations and marked.
 */
export function lexTemplate(src: string, pos: number, quoted: boolean): { parts: TemplatePart[]; end: number } {
  const parts: TemplatePart[] = [];
  let lit = '';
  for (;;) {
    if (pos >= src.length) {
      if (quoted) throw new LexError('the string is not closed with a quote', pos);
      break;
    }
    const c = src[pos];
    if (quoted && c === '"') {
      pos++;
      break;
    }
    if (src.startsWith('$${', pos) || src.startsWith('%%{', pos)) {
      lit += c + '{';
      pos += 3;
    } else if (src.startsWith('${', pos) || src.startsWith('%{', pos)) {
      if (lit) parts.push(lit);
      lit = '';
      const stripBefore = src[pos + 2] === '~';
      const { tokens, end, strip } = lexTokens(src, pos + (stripBefore ? 3 : 2), true);
      parts.push({ tokens, start: pos, end, directive: c === '%', stripBefore, stripAfter: strip === true });
      pos = end;
    } else if (quoted && c === '\n') {
      throw new LexError('a quoted string cannot span lines; use \\n', pos);
    } else if (quoted && c === '\\') {
      const e = src[pos + 1];
      if (e in ESCAPES) {
        lit += ESCAPES[e];
        pos += 2;
      } else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = src.slice(pos + 2, pos + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new LexError(`invalid escape \\${e}${hex}`, pos);
        lit += String.fromCodePoint(parseInt(hex, 16));
        pos += 2 + len;
      } else throw new LexError(`invalid escape \\${e ?? ''}`, pos);
    } else {
      lit += c;
      pos++;
    }
  }
  if (lit) parts.push(lit);
  return { parts, end: pos };
}
