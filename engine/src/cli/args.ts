// Terraform-style arguments: `-name`, `-name=value`, `--name=value`; repeated flags collect.
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string[]>;
  readonly positional: readonly string[];
}

export function parseArgs(argv: readonly string[], takesValue: ReadonlySet<string> = new Set()): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
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
    if (eq < 0 && takesValue.has(name) && i + 1 < argv.length) value = argv[++i];
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, positional };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function boolFlag(args: ParsedArgs, name: string, fallback = false): boolean {
  const v = flag(args, name);
  return v === undefined ? fallback : v !== 'false' && v !== '0';
}

export function unknownFlags(args: ParsedArgs, known: readonly string[]): string[] {
  return [...args.flags.keys()].filter((k) => !known.includes(k));
}
