// zmount and volume: a disk of `size` bytes on SSD, mounted into a VM or container. Updated in
// place; a disk may only grow.
import { ZERO } from '../capacity';
import { createHash } from 'node:crypto';
import { positiveInt, ProvisionError, type WorkloadType } from './types';

function disk(kind: string): WorkloadType {
  return {
    updatesInPlace: true,
    validate: (d) => (positiveInt(d.size) ? null : `size ${JSON.stringify(d.size)} must be a whole number of bytes above 0`),
    capacity: (d) => ({ ...ZERO, sru: d.size as number }),
    provision: (d, ctx, name) => {
      const before = Number(ctx.previous?.size ?? 0);
      if (before && (d.size as number) < before)
        throw new ProvisionError(`size ${d.size} is below the ${kind}'s current ${before} bytes: a disk can only grow`);
      return { volume_id: `${kind}-${createHash('sha256').update(`${ctx.contractId}/${name}`).digest('hex').slice(0, 16)}`, size: d.size };
    },
  };
}

export const zmount = disk('zmount');
export const volume = disk('volume');
