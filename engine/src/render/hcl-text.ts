// Text as terraform's renderer writes it: strings quoted as Go's %q quotes them, and attribute
// names bare when they are HCL identifiers, quoted otherwise.

/** an HCL identifier: a letter or _ first, then letters, digits, _ and - (Unicode, as hclsyntax.ValidIdentifier) */
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]*$/u;

/** A name as HCL writes it: bare when it is an identifier, quoted otherwise. */
export function attributeName(name: string): string {
  return IDENTIFIER.test(name) ? name : goQuote(name);
}

const ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** printable ASCII but the quote and the backslash: quoted as it is */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A string quoted as Go's %q quotes it: printable characters as they are, the rest escaped. */
export function goQuote(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (PRINTABLE.test(ch)) out += ch;
    else out += escapeCodePoint(ch.codePointAt(0)!);
  }
  return `${out}"`;
}

function escapeCodePoint(c: number): string {
  if (c < 0x80) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}
