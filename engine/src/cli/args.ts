// Terraform-style arguments: `-name`, `-name=value`, `--name=value`, `-name value` for flags that
// take a value; repeated flags collect.
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string[]>;
  readonly positional: readonly string[];
  /** flags that take a value but were given none (the last argument, without `=`) */
  readonly missingValue?: readonly string[];
}

export function parseArgs(argv: readonly string[], takesValue: ReadonlySet<string> = new Set()): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  const missingValue: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!/^--?[A-Za-z]/.test(a)) {
      positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    let value = eq < 0 ? 'true' : body.slice(eq + 1);
    if (eq < 0 && takesValue.has(name)) {
      if (i + 1 < argv.length) value = argv[++i];
      else missingValue.push(name);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, positional, missingValue };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function boolFlag(args: ParsedArgs, name: string, fallback = false): boolean {
  const v = flag(args, name);
  return v === undefined ? fallback : BOOL_TRUE.has(v);
}

/** What Go's strconv.ParseBool (terraform's flag package) accepts. */
const BOOL_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const BOOL_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function isBoolText(v: string): boolean {
  return BOOL_TRUE.has(v) || BOOL_FALSE.has(v);
}
