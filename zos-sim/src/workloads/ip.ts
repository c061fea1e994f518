// ip: a public IPv4 (and/or IPv6) for a VM, taken from the public IPs its contract reserved on the
// node's farm. One IPv4 unit is charged when v4 is set. Recreated on change.
import { ZERO } from '../capacity';
import { ProvisionError, type WorkloadType } from './types';

export const ip: WorkloadType = {
  updatesInPlace: false,
  validate(d) {
    if (d.v4 !== undefined && typeof d.v4 !== 'boolean') return 'v4 must be true or false';
    if (d.v6 !== undefined && typeof d.v6 !== 'boolean') return 'v6 must be true or false';
    if (!d.v4 && !d.v6) return 'an ip workload needs v4 or v6 (or both) set to true';
    return null;
  },
  capacity: (d) => ({ ...ZERO, ipv4u: d.v4 ? 1 : 0 }),
  provision(d, ctx) {
    let v4 = { ip: '', gateway: '' };
    if (d.v4) {
      const used = ctx.usedPublicIps();
      const free =
        ctx.reservedIps.find((r) => r.ip === ctx.previous?.ip && !used.has(r.ip)) ?? ctx.reservedIps.find((r) => !used.has(r.ip));
      if (!free) {
        throw new ProvisionError(
          `contract ${ctx.contractId} reserved ${ctx.reservedIps.length} public IPv4 address(es) on chain and all are in use: ` +
            `create the contract with one public IP per ip workload`,
        );
      }
      v4 = free;
    }
    const ip6 = d.v6 ? `2001:db8:${ctx.nodeId.toString(16)}::${ctx.contractId.toString(16)}/64` : '';
    return { ip: v4.ip, ip6, gateway: v4.gateway };
  },
};
