// What a refresh saw of the contracts behind a resource that the user should hear of though the
// plan has nothing to change: a contract in its grace period has its workloads paused on the node,
// the chain refuses to update it, and it is deleted if the grace period ends unpaid.
import { warning, type Diagnostic } from '../../../engine';
import type { chain } from '../../../proto';

export class GraceNotes {
  private readonly inGrace: chain.Contract__Output[] = [];
  private readonly others: Diagnostic[] = [];

  /** Another warning a read has for the user (a scheduler pick moved off a down node). */
  note(summary: string, detail: string): void {
    this.others.push(warning(summary, detail));
  }

  /** Called by a resource's read for every contract it looked at. */
  seen(contract: chain.Contract__Output | undefined): void {
    if (contract?.state === 'GracePeriod') this.inGrace.push(contract);
  }

  warnings(twinId: number): Diagnostic[] {
    return [...this.graceWarnings(twinId), ...this.others];
  }

  private graceWarnings(twinId: number): Diagnostic[] {
    if (!this.inGrace.length) return [];
    const ids = this.inGrace.map((c) => c.id);
    const nodes = [...new Set(this.inGrace.map((c) => c.nodeId).filter(Boolean))];
    const which = ids.length === 1 ? `Contract ${ids[0]} is` : `Contracts ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]} are`;
    const where = nodes.length ? ` on node${nodes.length === 1 ? '' : 's'} ${nodes.join(', ')}` : '';
    return [
      warning(
        `${which} in the grace period: workloads paused`,
        `The balance of twin ${twinId} does not pay for ${ids.length === 1 ? 'it' : 'them'}, ` +
          `so the workloads${where} are paused and updates are refused. ` +
          `Fund the account: the next bill ends the grace period and the workloads resume. ` +
          `Unpaid, the contract is deleted when the grace period ends.`,
      ),
    ];
  }
}
