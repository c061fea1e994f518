// Version constraints as terraform's required_version writes them (hashicorp/go-version):
// comma-separated conditions, each an operator (=, !=, >, >=, <, <=, ~>; none means =) and a
// version of one to three numbers, with an optional pre-release suffix.
type Version = { numbers: number[]; pre: string };

const CONDITION = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?\s*$/;

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  return m ? { numbers: m[1].split('.').map(Number), pre: m[2] ? m[2].slice(1) : '' } : undefined;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d) return d;
  }
  // a pre-release comes before its release
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** "invalid" when `constraint` does not parse, "unmet" when `version` does not satisfy it, else undefined. */
export function versionConstraintProblem(constraint: string, version: string): 'invalid' | 'unmet' | undefined {
  const v = parseVersion(version)!;
  const conditions = constraint.split(',');
  if (!constraint.trim()) return 'invalid';
  let met = true;
  for (const c of conditions) {
    const m = CONDITION.exec(c);
    if (!m) return 'invalid';
    const want: Version = { numbers: m[2].split('.').map(Number), pre: m[3] ? m[3].slice(1) : '' };
    const d = compare(v, want);
    switch (m[1] ?? '=') {
      case '=':
        met &&= d === 0;
        break;
      case '!=':
        met &&= d !== 0;
        break;
      case '>':
        met &&= d > 0;
        break;
      case '>=':
        met &&= d >= 0;
        break;
      case '<':
        met &&= d < 0;
        break;
      case '<=':
        met &&= d <= 0;
        break;
      case '~>': {
        // the last number given may grow; the ones before it are fixed (~> 1.11 is >= 1.11, < 2.0)
        const fixed = want.numbers.length > 1 ? want.numbers.length - 1 : 1;
        met &&= d >= 0 && want.numbers.slice(0, fixed).every((n, i) => (v.numbers[i] ?? 0) === n);
        break;
      }
    }
  }
  return met ? undefined : 'unmet';
}
