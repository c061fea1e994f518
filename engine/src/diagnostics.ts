// Errors as values: every layer returns a list of diagnostics; the caller places them in context
// (which resource, which attribute) and the CLI renders them. Throw only for bugs.
import type { AttributePath } from './values';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  /** the resource address the diagnostic is about, e.g. grid_deployment.vm */
  readonly address?: string;
  /** the attribute path inside that resource, e.g. ["vms", 0, "memory"] */
  readonly attributePath?: AttributePath;
  /** for what is not a resource's: where in the configuration document it is, e.g. ["output", "ip", "value"] */
  readonly configPath?: readonly (string | number)[];
}

type Where = Pick<Diagnostic, 'address' | 'attributePath' | 'configPath'>;

export function error(summary: string, detail?: string, where: Where = {}): Diagnostic {
  return { severity: 'error', summary, detail, ...where };
}

export function warning(summary: string, detail?: string, where: Where = {}): Diagnostic {
  return { severity: 'warning', summary, detail, ...where };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Places diagnostics that lack an address in the context of `address`. */
export function inContext(diags: readonly Diagnostic[], address: string): Diagnostic[] {
  return diags.map((d) => (d.address ? d : { ...d, address }));
}
