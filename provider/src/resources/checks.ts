// Small validation helpers that produce diagnostics with an attribute path. Values known only
// after apply are skipped: they are checked again at apply time.
import { error, isUnknown, type AttributePath, type Diagnostic, type Value } from '../../../engine';

export class Checks {
  readonly diags: Diagnostic[] = [];

  fail(path: AttributePath, summary: string, detail: string): void {
    this.diags.push(error(summary, detail, { attributePath: path }));
  }

  required(v: Value | undefined, path: AttributePath): boolean {
    if (isUnknown(v)) return false;
    if (v === null || v === undefined || v === '') {
      this.fail(path, `Missing required argument ${path.join('.')}`, `${path.at(-1)} must be set.`);
      return false;
    }
    return true;
  }

  intRange(v: Value | undefined, path: AttributePath, min: number, max: number, unit = ''): void {
    if (v === null || v === undefined || isUnknown(v)) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(path, `Invalid ${String(path.at(-1))}`, `${String(path.at(-1))} is ${JSON.stringify(v)}; it must be a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''}.`);
    }
  }

  pattern(v: Value | undefined, path: AttributePath, re: RegExp, what: string): void {
    if (v === null || v === undefined || isUnknown(v)) return;
    if (typeof v !== 'string' || !re.test(v)) this.fail(path, `Invalid ${String(path.at(-1))}`, `${String(path.at(-1))} is ${JSON.stringify(v)}; it must be ${what}.`);
  }
}
