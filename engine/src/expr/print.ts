// Prints an expression tree back as HCL text, for error messages that name the expression.
import { PRECEDENCE, type Expr, type Step } from './parse';

export function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? quote(e.value) : String(e.value);
    case 'template': {
      const parts = e.parts.map((p) => {
        if (p.kind === 'literal' && typeof p.value === 'string') return quote(p.value).slice(1, -1);
        return p.kind === 'templateFor' || p.kind === 'templateIf' ? show(p) : `\${${show(p)}}`;
      });
      return `"${parts.join('')}"`;
    }
    case 'ref':
      return e.root + steps(e.steps);
    case 'iterator':
      return e.name;
    case 'traverse':
      // parentheses end a splat's reach: (a[*].id)[0] is the first id
      return (hasSplat(e.target) ? `(${show(e.target)})` : operand(e.target, 8)) + steps(e.steps);
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{ ${e.items.map((it) => `${objectKey(it.key)} = ${show(it.value)}`).join(', ')} }`;
    case 'unary':
      return e.op + operand(e.operand, 7);
    case 'binary':
      return `${operand(e.left, PRECEDENCE[e.op])} ${e.op} ${operand(e.right, PRECEDENCE[e.op] + 1)}`;
    case 'conditional':
      return `${operand(e.cond, 1)} ? ${show(e.then)} : ${show(e.else)}`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expand ? '...' : ''})`;
    case 'for': {
      const vars = e.keyVar ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
      const body = e.key ? `${show(e.key)} => ${show(e.value)}${e.group ? '...' : ''}` : show(e.value);
      const inner = `for ${vars} in ${show(e.collection)} : ${body}${e.cond ? ` if ${show(e.cond)}` : ''}`;
      return e.key ? `{${inner}}` : `[${inner}]`;
    }
    case 'templateFor': {
      const vars = e.keyVar ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
      return `%{for ${vars} in ${show(e.collection)}}...%{endfor}`;
    }
    case 'templateIf':
      return `%{if ${show(e.cond)}}...%{endif}`;
  }
}

// An object key as written: a bare identifier, a quoted string, or a parenthesized expression.
function objectKey(key: Expr): string {
  if (key.kind === 'literal' && typeof key.value === 'string' && /^[A-Za-z_][\w-]*$/.test(key.value)) return key.value;
  if (key.kind === 'literal') return show(key);
  return `(${show(key)})`;
}

/** Precedence of an expression as an operand: binary operators by their level, 0 for a conditional. */
function level(e: Expr): number {
  if (e.kind === 'conditional') return 0;
  if (e.kind === 'binary') return PRECEDENCE[e.op];
  if (e.kind === 'unary') return 7;
  return 8;
}

function operand(e: Expr, min: number): string {
  return level(e) < min ? `(${show(e)})` : show(e);
}

function hasSplat(e: Expr): boolean {
  return (e.kind === 'ref' || e.kind === 'traverse') && e.steps.some((s) => s.kind === 'splat');
}

function steps(ss: Step[]): string {
  return ss
    .map((s) => {
      switch (s.kind) {
        case 'attr':
          return `.${s.name}`;
        case 'index':
          return `[${typeof s.value === 'string' ? quote(s.value) : s.value}]`;
        case 'indexExpr':
          return `[${show(s.expr)}]`;
        case 'splat':
          return '[*]';
      }
    })
    .join('');
}

function quote(s: string): string {
  // `$$` in a replacement is one `$`
  return JSON.stringify(s).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}
