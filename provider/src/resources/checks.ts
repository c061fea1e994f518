// The rules that span attributes (a VM needs network_name, names unique across workloads, a mount
// names a disk of the deployment), on top of what the declaration's validator checks. A problem
// is a diagnostic with the attribute path; values known only after apply are skipped.
import { error, formatPath, isUnknown, type AttributePath, type Diagnostic, type ObjectValue, type Value } from '../../../engine';
import type { ResourceDecl } from '../schema/declaration';
import { validateAgainst } from '../schema/validator';

export class Checks {
  readonly diags: Diagnostic[];

  /** starts with the problems the declaration finds in `config` */
  constructor(decl: ResourceDecl, config: ObjectValue) {
    this.diags = validateAgainst(decl, config);
  }

  fail(path: AttributePath, summary: string, detail: string): void {
    this.diags.push(error(summary, detail, { attributePath: path }));
  }

  /** Whether `v` is set; when not (and not unknown), a problem unless the validator said so already. */
  required(v: Value | undefined, path: AttributePath): boolean {
    if (isUnknown(v)) return false;
    if (v !== null && v !== undefined && v !== '') return true;
    const detail = `The argument "${formatPath(path)}" is required, but no definition was found: it must be set.`;
    if (!this.diags.some((d) => d.detail === detail)) this.fail(path, 'Missing required argument', detail);
    return false;
  }
}
