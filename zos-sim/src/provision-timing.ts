// How long provisioning takes, simulated: a delay per workload type, an flist "download" for VMs
// and containers scaled by the flist's size (cached once downloaded, as Zero-OS caches flists),
// and a slow-node factor for tests.
import { createHash } from 'node:crypto';

export interface TimingOptions {
  /** ms per workload type; default 20 */
  readonly perType?: Partial<Record<string, number>>;
  /** ms per MiB of flist downloaded the first time it is used; default 0 (no download time) */
  readonly flistMsPerMiB?: number;
  /** multiplies every delay (a slow node); default 1 */
  readonly slowFactor?: number;
}

/** A pretend size for an flist, 50 to 500 MiB, fixed by its URL. */
export function flistSizeMiB(url: string): number {
  return 50 + (createHash('sha256').update(url).digest().readUInt32BE(0) % 451);
}

export class ProvisionTiming {
  private readonly cached = new Set<string>();

  constructor(private readonly o: TimingOptions = {}) {}

  delayMs(type: string, data: Record<string, unknown>): number {
    let ms = this.o.perType?.[type] ?? 20;
    const flist = typeof data.flist === 'string' ? data.flist : undefined;
    if (flist && (type === 'zmachine' || type === 'container') && !this.cached.has(flist)) {
      ms += flistSizeMiB(flist) * (this.o.flistMsPerMiB ?? 0);
      this.cached.add(flist);
    }
    return ms * (this.o.slowFactor ?? 1);
  }
}
