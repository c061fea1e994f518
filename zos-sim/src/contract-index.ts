// The node contracts on this node as the chain's events describe them, so admission can check a
// deployment without a chain round trip. Only contracts without public IPs are kept (the events
// do not carry the reserved addresses' gateways); anything not here, or failing a check from here,
// is read from the chain again before a refusal.
import type { chain } from '../../proto';

type Known = Pick<chain.Contract__Output, 'id' | 'type' | 'state' | 'nodeId' | 'twinId' | 'deploymentHash' | 'deletedReason'> & {
  publicIpsList: [];
};

const LIMIT = 100_000;

export class ContractIndex {
  private readonly contracts = new Map<number, Known>();

  constructor(private readonly nodeId: number) {}

  get(id: number): chain.Contract__Output | undefined {
    return this.contracts.get(id) as chain.Contract__Output | undefined;
  }

  /** Applies one chain event. */
  apply(
    type: string,
    data: {
      contract_id?: number;
      node_id?: number;
      twin_id?: number;
      type?: string;
      deployment_hash?: string;
      public_ips?: number;
      reason?: string;
    },
  ): void {
    const id = data.contract_id;
    if (!id) return;
    if (type === 'ContractCreated' && data.type === 'node' && data.node_id === this.nodeId && !data.public_ips) {
      if (this.contracts.size >= LIMIT) this.contracts.delete(this.contracts.keys().next().value!);
      this.contracts.set(id, {
        id,
        type: 'node',
        state: 'Created',
        nodeId: this.nodeId,
        twinId: data.twin_id ?? 0,
        deploymentHash: data.deployment_hash ?? '',
        deletedReason: '',
        publicIpsList: [],
      });
      return;
    }
    const c = this.contracts.get(id);
    if (!c) return;
    if (type === 'ContractUpdated') {
      c.deploymentHash = data.deployment_hash ?? c.deploymentHash;
    } else if (type === 'NodeContractCanceled') {
      c.state = 'Deleted';
      c.deletedReason = data.reason ?? 'CanceledByUser';
    } else if (type === 'ContractGracePeriodStarted') {
      c.state = 'GracePeriod';
    } else if (type === 'ContractGracePeriodEnded') {
      c.state = 'Created';
    }
  }
}
