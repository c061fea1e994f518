// lifecycle.replace_triggered_by: an instance is replaced when a referenced resource instance is
// planned for an update or replacement, or (for a reference to one of its attributes) when that
// attribute changes. count.index and each.key in the reference pick the matching instance.
import { error, type Diagnostic } from '../diagnostics';
import type { ResourceConfig } from '../config/types';
import { instanceAddress } from '../addresses/address';
import { declaredDependency } from '../addresses/module-names';
import { valuesEqual } from './diff';
import type { InstanceSpec } from './expand';
import type { ResourceChange } from './types';
import { parseAttributePath } from './ignore-changes';
import type { Value } from '../values';

const REFERENCE = /^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(?:\[([^\]]+)\])?(?:\.(.+))?$/;

export function triggeredBy(
  rc: ResourceConfig,
  spec: InstanceSpec,
  changesByResource: ReadonlyMap<string, ResourceChange[]>,
  diags: Diagnostic[],
): boolean {
  let fired = false;
  for (const ref of rc.lifecycle.replaceTriggeredBy) {
    const m = REFERENCE.exec(ref.trim());
    if (!m) {
      diags.push(
        error(
          'Invalid replace_triggered_by reference',
          `${JSON.stringify(ref)} in ${rc.address} is not a resource reference (type.name, type.name[index] or type.name.attribute).`,
          { address: spec.address, attributePath: ['lifecycle', 'replace_triggered_by'] },
        ),
      );
      continue;
    }
    const [, declared, index, attribute] = m;
    const resource = declaredDependency(declared);
    let wanted: string | undefined;
    if (index !== undefined) {
      const key =
        index === 'count.index'
          ? spec.countIndex
          : index === 'each.key'
            ? spec.each?.key
            : /^\d+$/.test(index)
              ? Number(index)
              : (JSON.parse(index) as string);
      wanted = instanceAddress(resource, key);
    }
    for (const c of changesByResource.get(resource) ?? []) {
      if (wanted && c.address !== wanted) continue;
      if (c.action !== 'update' && c.action !== 'replace') continue;
      if (!attribute || !valuesEqual(at(c.before, attribute), at(c.after, attribute))) fired = true;
    }
  }
  return fired;
}

function at(v: Value | null, path: string): Value | undefined {
  let cur: Value | undefined = v;
  for (const step of parseAttributePath(path)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Value>)[step];
  }
  return cur;
}
