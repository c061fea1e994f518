// What is wrong with text that does not parse as JSON, in words and with a line and column,
// rather than the parser's own message (which differs between Node versions and quotes the text).

/** Parses `text`; a problem phrase ("it ends before the JSON is complete") when it is not JSON. */
export function parseJson(text: string, reviver?: (key: string, value: unknown) => unknown): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text, reviver) };
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return { problem: jsonSyntaxProblem(text, err) };
  }
}

export function jsonSyntaxProblem(text: string, err: SyntaxError): string {
  if (!text.trim()) return 'it is empty';
  const message = err.message;
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position !== undefined ? ` at ${lineAndColumn(text, Number(position))}` : '';
  if (/Unexpected end of JSON input/.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length)) {
    return 'it ends before the JSON is complete (was it cut short?)';
  }
  if (/Unterminated string/.test(message)) return `a string is not closed${at}`;
  if (/non-whitespace character after JSON/.test(message)) return `there is more after the JSON value${at}`;
  const token = /Unexpected token '(.)'/.exec(message)?.[1] ?? (position !== undefined ? text[Number(position)] : undefined);
  const where = at || (token !== undefined ? ` at ${lineAndColumn(text, text.indexOf(token))}` : '');
  return token !== undefined ? `it has ${JSON.stringify(token)} where JSON cannot have it${where}` : `it is not JSON${where}`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
