// The default pricing policy (units USD per hour, 1 USD = 1e7; nu per GB) and the cloud units of a
// contract's resources, as TFChain defines them.
export const DEFAULT_POLICY = {
  cu: 100_000n,
  su: 50_000n,
  nu: 15_000n,
  ipu: 40_000n,
  uniqueName: 2_500n,
  domainName: 5_000n,
  dedicationDiscountPercent: 50n,
};

export type Policy = typeof DEFAULT_POLICY;

const GiB = 2 ** 30;

export interface UsedResources {
  cru: number;
  mru: number;
  sru: number;
  hru: number;
}

/** CU = min(max(mru/4, cru/2), max(mru/8, cru), max(mru/2, cru/4)), memory in GiB. */
export function computeUnits(r: UsedResources): number {
  const mru = r.mru / GiB;
  return Math.min(Math.max(mru / 4, r.cru / 2), Math.max(mru / 8, r.cru), Math.max(mru / 2, r.cru / 4));
}

/** SU = hru/1200 + sru/200, in GiB. */
export function storageUnits(r: UsedResources): number {
  return r.hru / GiB / 1200 + r.sru / GiB / 200;
}

/**
 * Hourly cost in units USD (1e-7 USD), rounded down to a whole unit: CU*cu + SU*su + ipv4*ipu.
 * Units are computed in floating point but the formula's inputs are exact in binary (GiB
 * multiples), and the result is taken to the micro-unit before rounding.
 */
export function hourlyResourceCost(r: UsedResources, publicIps: number, p: Policy = DEFAULT_POLICY): bigint {
  const cu = BigInt(Math.round(computeUnits(r) * 1e6));
  const su = BigInt(Math.round(storageUnits(r) * 1e6));
  return (cu * p.cu + su * p.su) / 1_000_000n + BigInt(publicIps) * p.ipu;
}

/** TFChain's month for extra fees: 30 days. */
export const SECS_PER_MONTH = 30 * 24 * 3600;

/**
 * A rented node's extra fee for `seconds`, in units USD: the farmer's fee is mUSD per month
 * (1 mUSD = 10,000 units USD), prorated by the second; no discount applies to it.
 */
export function extraFeeUnitsUsd(feeMusdPerMonth: number, seconds: number): bigint {
  if (feeMusdPerMonth <= 0 || seconds <= 0) return 0n;
  const units = BigInt(feeMusdPerMonth) * 10_000n * BigInt(seconds);
  // rounded to the nearest unit, as TFChain rounds
  return (units * 2n + BigInt(SECS_PER_MONTH)) / (2n * BigInt(SECS_PER_MONTH));
}
