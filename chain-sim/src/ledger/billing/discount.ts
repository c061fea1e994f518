// The discount for paying ahead: how many months (720 hours) of this contract the balance would
// pay for. Gold >= 18 (x0.4), Silver >= 6 (x0.6), Bronze >= 3 (x0.7), Default >= 1.5 (x0.8).
export type DiscountLevel = 'Gold' | 'Silver' | 'Bronze' | 'Default' | 'None';

const LEVELS: { level: DiscountLevel; minMonthsX10: bigint; factorPercent: bigint }[] = [
  { level: 'Gold', minMonthsX10: 180n, factorPercent: 40n },
  { level: 'Silver', minMonthsX10: 60n, factorPercent: 60n },
  { level: 'Bronze', minMonthsX10: 30n, factorPercent: 70n },
  { level: 'Default', minMonthsX10: 15n, factorPercent: 80n },
];

/** The level for a balance and an hourly cost, both in TFT units; exact (no floating point). */
export function discountLevel(balanceUnits: bigint, hourlyCostUnits: bigint): { level: DiscountLevel; factorPercent: bigint } {
  if (hourlyCostUnits <= 0n) return { level: 'None', factorPercent: 100n };
  const monthly = hourlyCostUnits * 720n;
  for (const l of LEVELS) if (balanceUnits * 10n >= monthly * l.minMonthsX10) return l;
  return { level: 'None', factorPercent: 100n };
}
