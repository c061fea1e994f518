// Small validation helpers that produce diagnostics with an attribute path. Values known only
// after apply are skipped: they are checked again at apply time. A summary names the attribute
// (with the index of a list element: "Invalid backends[0]"), the detail its whole path.
import { error, formatPath, isUnknown, type AttributePath, type Diagnostic, type Value } from '../../../engine';

/** The attribute a path ends in, with the indexes that follow it: memory, backends[0]. */
export function attributeName(path: AttributePath): string {
  let i = path.length - 1;
  while (i > 0 && typeof path[i] === 'number') i--;
  return formatPath(path.slice(i));
}

export class Checks {
  readonly diags: Diagnostic[] = [];

  fail(path: AttributePath, summary: string, detail: string): void {
    this.diags.push(error(summary, detail, { attributePath: path }));
  }

  required(v: Value | undefined, path: AttributePath): boolean {
    if (isUnknown(v)) return false;
    if (v === null || v === undefined || v === '') {
      const detail = `The argument "${formatPath(path)}" is required, but no definition was found: it must be set.`;
      this.fail(path, 'Missing required argument', detail);
      return false;
    }
    return true;
  }

  intRange(v: Value | undefined, path: AttributePath, min: number, max: number, unit = ''): void {
    if (v === null || v === undefined || isUnknown(v)) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      const range = `a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
      this.fail(path, `Invalid ${attributeName(path)}`, `${formatPath(path)} is ${JSON.stringify(v)}; it must be ${range}.`);
    }
  }

  pattern(v: Value | undefined, path: AttributePath, re: RegExp, what: string): void {
    if (v === null || v === undefined || isUnknown(v)) return;
    if (typeof v !== 'string' || !re.test(v)) {
      this.fail(path, `Invalid ${attributeName(path)}`, `${formatPath(path)} is ${JSON.stringify(v)}; it must be ${what}.`);
    }
  }
}
