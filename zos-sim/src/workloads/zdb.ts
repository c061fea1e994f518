// zdb: a 0-db namespace on HDD: size (bytes, charged as HRU), mode user or seq, an optional
// password, public (the namespace's public mode: read-only with a password, writable without).
// Result: namespace, ips and port; as on zos, the ips are the 0-db container's IPv6 on the node's
// LAN, then its Yggdrasil address, then its mycelium address (in the /64 of the node's own
// mycelium). Zero-OS runs one 0-db container per disk; here each namespace has its own, named after
// the namespace. Updated in place; the size may only grow.
import { createHash } from 'node:crypto';
import { myceliumZdbIp } from '../../../proto';
import { ZERO } from '../capacity';
import { positiveInt, ProvisionError, type WorkloadType } from './types';

/** The /64 of the node's IPv6 (its public config's, else one of the documentation range per node), ending in "::". */
function lanPrefix6(nodeId: number, publicIpv6: string): string {
  if (publicIpv6) return publicIpv6.replace(/::.*$/, '::');
  return `2001:db8:100:${nodeId.toString(16)}::`;
}

export const ZDB_PORT = 9900;

export const zdb: WorkloadType = {
  updatesInPlace: true,
  validate(d) {
    if (!positiveInt(d.size)) return `size ${JSON.stringify(d.size)} must be a whole number of bytes above 0`;
    if (d.mode !== undefined && d.mode !== 'user' && d.mode !== 'seq') return `mode ${JSON.stringify(d.mode)} must be "user" or "seq"`;
    if (d.password !== undefined && typeof d.password !== 'string') return 'password must be a string';
    if (d.public !== undefined && typeof d.public !== 'boolean') return 'public must be true or false';
    return null;
  },
  capacity: (d) => ({ ...ZERO, hru: d.size as number }),
  provision(d, ctx, name) {
    const previousSize = Number(ctx.previous?.size ?? 0);
    if (previousSize && (d.size as number) < previousSize)
      throw new ProvisionError(`size ${d.size} is below the namespace's current ${previousSize} bytes: a zdb namespace can only grow`);
    if (ctx.previous?.mode && ctx.previous.mode !== (d.mode ?? 'user'))
      throw new ProvisionError(
        `mode cannot change from ${String(ctx.previous.mode)} to ${String(d.mode ?? 'user')}: remove the namespace and create a new one`,
      );
    const h = createHash('sha256').update(`${ctx.nodeId}/${ctx.contractId}/${name}`).digest('hex');
    const ygg = `30${h.slice(0, 1)}:${h.slice(1, 5)}:${h.slice(5, 9)}::${h.slice(9, 13)}`;
    const namespace = `${ctx.contractId}-${name}`;
    const mycelium = myceliumZdbIp(Buffer.from(ctx.nodePublicKey, 'hex'), namespace);
    const ips = [`${lanPrefix6(ctx.nodeId, ctx.publicConfig.ipv6)}${h.slice(13, 17)}`, ygg, mycelium];
    return { namespace, ips, port: ZDB_PORT, size: d.size, mode: d.mode ?? 'user' };
  },
};
