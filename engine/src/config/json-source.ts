// Where things are in a JSON configuration file (cdk.tf.json), so a diagnostic can say "on
// cdk.tf.json line 12, in resource.grid_deployment.vm.vms[0]:" and show the line, as terraform
// does for .tf.json files: the value a path leads to, the innermost object or array around a
// position (HCL's JSON context string), and line, column and byte of an offset.

export interface SourcePos {
  /** 1-based */
  readonly line: number;
  /** 1-based, in characters */
  readonly column: number;
  /** 0-based, in UTF-8 bytes */
  readonly byte: number;
}

export interface SourceRange {
  readonly start: SourcePos;
  readonly end: SourcePos;
}

interface Attr {
  readonly key: string;
  readonly value: JsonNode;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly attrs: Attr[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: JsonNode[] }
  | { readonly kind: 'scalar'; readonly start: number; readonly end: number };

/** A parsed JSON text with the offsets of its values; undefined when the text is not JSON. */
export class JsonSource {
  private readonly lineStarts: number[] = [0];

  private constructor(
    readonly text: string,
    readonly root: JsonNode,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  static parse(text: string): JsonSource | undefined {
    try {
      const p = new Parser(text);
      const root = p.value();
      p.skipSpace();
      return p.at === text.length ? new JsonSource(text, root) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The offsets of what `path` leads to, as terraform finds the subject of a diagnostic: the value
   * at the end of the path; when a step cannot be followed, the closing brace of the object (the
   * opening bracket of the array) reached, or the whole value (an expression string) reached.
   */
  subject(path: readonly (string | number)[]): { start: number; end: number } {
    let node = this.root;
    for (const step of path) {
      const next = child(node, step);
      if (next === undefined) return missingItem(node);
      node = next;
    }
    return { start: node.start, end: node.end };
  }

  /**
   * Where a diagnostic about a whole block points, as terraform's for a JSON body: its closing
   * brace (the place an argument it misses would go).
   */
  blockSubject(path: readonly (string | number)[]): { start: number; end: number } {
    let node = this.root;
    for (const step of path) {
      const next = child(node, step);
      if (next === undefined) return missingItem(node);
      node = next;
    }
    return missingItem(node);
  }

  /** HCL's context for a JSON file: the path of the innermost object or array holding `offset`. */
  contextString(offset: number): string {
    const steps: string[] = [];
    let node: JsonNode | undefined = this.root;
    while (node) {
      let inner: JsonNode | undefined;
      if (node.kind === 'object') {
        const a: Attr | undefined = node.attrs.find((x) => x.value.kind !== 'scalar' && x.value.start <= offset && offset < x.value.end);
        if (a) {
          steps.push(`.${a.key}`);
          inner = a.value;
        }
      } else if (node.kind === 'array') {
        const i = node.items.findIndex((x) => x.kind !== 'scalar' && x.start <= offset && offset < x.end);
        if (i >= 0) {
          steps.push(`[${i}]`);
          inner = node.items[i];
        }
      }
      node = inner;
    }
    return steps.join('').replace(/^\./, '');
  }

  pos(offset: number): SourcePos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.lineStarts[lo];
    const column = [...this.text.slice(lineStart, offset)].length + 1;
    return { line: lo + 1, column, byte: Buffer.byteLength(this.text.slice(0, offset)) };
  }

  /** The whole lines from the line of `start` to the line of `end` (exclusive offset), without the final newline. */
  lines(start: number, end: number): { code: string; firstLine: number; codeStart: number } {
    const first = this.pos(start).line;
    const last = this.pos(Math.max(start, end - 1)).line;
    const codeStart = this.lineStarts[first - 1];
    const codeEnd = last < this.lineStarts.length ? this.lineStarts[last] - 1 : this.text.length;
    return { code: this.text.slice(codeStart, codeEnd).replace(/\r$/, ''), firstLine: first, codeStart };
  }
}

function child(node: JsonNode, step: string | number): JsonNode | undefined {
  if (node.kind === 'object' && typeof step === 'string') return node.attrs.find((a) => a.key === step)?.value;
  if (node.kind === 'array' && typeof step === 'number') return node.items[step];
  // a block written as one object stands for a list of one (cdktf writes single blocks so)
  if (node.kind === 'object' && step === 0) return node;
  return undefined;
}

function missingItem(node: JsonNode): { start: number; end: number } {
  if (node.kind === 'object') return { start: node.end - 1, end: node.end };
  if (node.kind === 'array') return { start: node.start, end: node.start + 1 };
  return { start: node.start, end: node.end };
}

/** A small JSON parser that keeps where each value starts and ends. */
class Parser {
  at = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  value(): JsonNode {
    this.skipSpace();
    const start = this.at;
    const c = this.text[this.at];
    if (c === '{') return this.object(start);
    if (c === '[') return this.array(start);
    if (c === '"') this.string();
    else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.at, this.at + 400));
      if (!m) throw new Error(`unexpected ${c} at ${this.at}`);
      this.at += m[0].length;
    }
    return { kind: 'scalar', start, end: this.at };
  }

  private object(start: number): JsonNode {
    this.at++;
    const attrs: Attr[] = [];
    this.skipSpace();
    if (this.text[this.at] === '}') return (this.at++, { kind: 'object', start, end: this.at, attrs });
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.skipSpace();
      this.expect(':');
      attrs.push({ key, value: this.value() });
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else return (this.expect('}'), { kind: 'object', start, end: this.at, attrs });
    }
  }

  private array(start: number): JsonNode {
    this.at++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') return (this.at++, { kind: 'array', start, end: this.at, items });
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else return (this.expect(']'), { kind: 'array', start, end: this.at, items });
    }
  }

  private string(): string {
    const start = this.at;
    this.expect('"');
    while (this.at < this.text.length && this.text[this.at] !== '"') this.at += this.text[this.at] === '\\' ? 2 : 1;
    this.expect('"');
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) throw new Error(`expected ${c} at ${this.at}`);
    this.at++;
  }
}
