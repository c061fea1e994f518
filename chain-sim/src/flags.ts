// Parses `--name value`, `--name=value` and boolean `--flag` arguments against a spec.
export type FlagKind = 'string' | 'number' | 'boolean';
export type Flags = Record<string, string | number | boolean | undefined>;

export function parseFlags(argv: string[], spec: Record<string, FlagKind>): { ok: true; flags: Flags; rest: string[] } | { ok: false; error: string } {
  const flags: Flags = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (!kind) return { ok: false, error: `unknown flag --${name}` };
    if (kind === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, error: `--${name} needs a value` };
    if (kind === 'number') {
      if (!/^\d+$/.test(value)) return { ok: false, error: `--${name} must be a whole number, not ${JSON.stringify(value)}` };
      flags[name] = Number(value);
    } else flags[name] = value;
  }
  return { ok: true, flags, rest };
}
