// The "Objects have changed outside of gridform" section: what refresh found different from the
// state, shown before the plan, as Terraform shows it.
import type { Plan, ResourceChange } from '../plan/types';
import { paint, type Colors } from './color';
import { renderChange, type SchemaLookup } from './plan-text';
import { parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import { inTerraformOrder } from '../addresses/address-order';

export function renderDrift(plan: Plan, schemas: SchemaLookup, colors: Colors, tool = 'gridform'): string {
  const drift = inTerraformOrder(plan.drift.filter((d) => d.mode === 'managed'));
  if (!drift.length) return '';
  const c = paint(colors);
  const out = [
    '',
    `${c.bold('Note: Objects have changed outside of ' + tool)}`,
    '',
    `${tool} detected the following changes made outside of ${tool} since the last "${tool} apply" which may have affected this plan:`,
    '',
  ];
  for (const d of drift) {
    const a = parseInstanceAddress(d.address)!;
    const { type, name } = splitResourceAddress(a.resource);
    const ch: ResourceChange = {
      address: d.address,
      resource: a.resource,
      key: a.key,
      mode: 'managed',
      type,
      name,
      providerKey: d.providerKey,
      action: d.after ? 'update' : 'delete',
      before: d.before,
      after: d.after,
      replacePaths: [],
      dependencies: [],
      priorDependencies: [],
      createBeforeDestroy: false,
    };
    out.push(...renderChange(ch, schemas(ch), c, d.after ? 'has changed' : 'has been deleted'), '');
  }
  out.push(
    plan.refreshOnly
      ? `This is a refresh-only plan, so ${tool} will not take any actions to undo these. ` +
          `If you were expecting these changes then you can apply this plan to record the updated values ` +
          `in the state without changing any remote objects.`
      : `Unless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, ` +
          `the following plan may include actions to undo or respond to these changes.`,
  );
  out.push('', '─'.repeat(77));
  return out.join('\n') + '\n';
}
