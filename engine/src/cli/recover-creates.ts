// Interrupted creates, found again: a create whose run was killed between its side effect and
// its result left an intent with an idempotency key in the journal; the resource's provider is
// asked what that key made. What it returns goes in the state as an import would (the plan then
// refreshes it and plans what remains); null means nothing of it is left, so the plan creates it.
import { hasErrors, type Diagnostic } from '../diagnostics';
import { recordedInstance } from '../apply/record';
import type { ProviderSet } from '../plan/providers';
import type { InterruptedCreate } from '../state/backend';
import { StateView, type StateFile } from '../state/state';

/** Thrown when a provider cannot tell what an interrupted create made: the journal is kept. */
export class CreateRecoveryError extends Error {}

export async function recoverInterruptedCreates(
  file: StateFile,
  creates: InterruptedCreate[],
  providers: ProviderSet,
): Promise<{ recovered: string[]; unresolved: InterruptedCreate[] }> {
  const state = new StateView(file);
  const recovered: string[] = [];
  const unresolved: InterruptedCreate[] = [];
  for (const c of creates) {
    const p = providers.get(c.providerKey);
    // an object already at the address came after the create (a later run): the key is stale
    if (!p?.provider.recoverInterruptedCreate || state.instance(c.address)) {
      unresolved.push(c);
      continue;
    }
    const res = await p.provider.recoverInterruptedCreate({ typeName: c.meta.type, idempotencyKey: c.idempotencyKey });
    if (hasErrors(res.diagnostics)) {
      throw new CreateRecoveryError(
        `${c.address} was being created when a previous run stopped, and provider ${c.providerKey} cannot tell what that made: ` +
          `${describe(res.diagnostics)} The journal is kept: run the command again once that is fixed.`,
      );
    }
    const said = res.diagnostics.map((d) => `${c.address}: ${describe([d])}`);
    if (res.state) {
      state.setInstance(c.meta, c.address, recordedInstance(p.schema.resources[c.meta.type], res.state, res.private, c.dependencies));
      const adopted = `${c.address}: adopted [id=${String(res.state.id)}], which an interrupted apply created.`;
      recovered.push(...(said.length ? said : [adopted]));
    } else {
      const gone = `${c.address}: nothing an interrupted apply started to create is left; it will be created.`;
      recovered.push(...(said.length ? said : [gone]));
    }
  }
  return { recovered, unresolved };
}

function describe(diags: Diagnostic[]): string {
  return diags
    .map((d) =>
      [d.summary, d.detail]
        .filter(Boolean)
        .join(': ')
        .replace(/([^.])$/, '$1.'),
    )
    .join(' ');
}
