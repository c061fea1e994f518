// The engine's diagnostics as tfplugin6 Diagnostic messages: an attribute path becomes steps, a
// string step inside a map a key and elsewhere an attribute name, so terraform points at
// `vms[0].memory` or `env_vars["KEY"]` in the configuration.
import type { Diagnostic } from '../diagnostics';
import { ctyTypeOf, type CtyType } from '../provider/cty-type';
import type { BlockSchema } from '../provider/interface';
import type { AttributePath } from '../values';

type Message = Record<string, unknown>;

export function diagnosticMessages(diags: readonly Diagnostic[], block?: BlockSchema): Message[] {
  return diags.map((d) => {
    const out: Message = { severity: d.severity === 'error' ? 'ERROR' : 'WARNING', summary: d.summary, detail: d.detail ?? '' };
    if (d.attributePath?.length) out.attribute = { steps: pathSteps(d.attributePath, block) };
    return out;
  });
}

export function pathSteps(path: AttributePath, block?: BlockSchema): Message[] {
  let at: { block?: BlockSchema; type?: CtyType } = { block };
  return path.map((step) => {
    if (typeof step === 'number') {
      at = { block: at.block, type: elementOf(at.type, step) };
      return { elementKeyInt: step };
    }
    if (at.type && typeof at.type !== 'string' && at.type[0] === 'map') {
      at = { type: at.type[1] as CtyType };
      return { elementKeyString: step };
    }
    const attribute = at.block?.attributes[step];
    const nested = at.block?.blocks?.[step];
    if (attribute) at = { type: ctyTypeOf(attribute) };
    else if (nested) at = { block: nested.block, type: nested.nesting === 'single' ? undefined : ['list', 'dynamic'] };
    else at = { type: at.type && typeof at.type !== 'string' && at.type[0] === 'object' ? at.type[1][step] : undefined };
    return { attributeName: step };
  });
}

function elementOf(type: CtyType | undefined, index: number): CtyType | undefined {
  if (!type || typeof type === 'string') return undefined;
  if (type[0] === 'tuple') return type[1][index];
  if (type[0] === 'list' || type[0] === 'set') return type[1];
  return undefined;
}

/** The engine path of a tfplugin6 AttributePath (for requires_replace, the other way). */
export function pathMessage(path: AttributePath): Message {
  return { steps: path.map((step) => (typeof step === 'number' ? { elementKeyInt: step } : { attributeName: step })) };
}
