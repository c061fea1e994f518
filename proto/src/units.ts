// TFT amounts on chain are integers: 1 TFT = 10,000,000 units. They travel as decimal strings
// and are handled as bigint so no amount is ever rounded by floating point.
export const UNITS_PER_TFT = 10_000_000n;

export function tftToUnits(tft: string | number): bigint {
  const text = typeof tft === 'number' ? tft.toFixed(7) : tft.trim();
  const m = /^(-?)(\d+)(?:\.(\d{0,7})\d*)?$/.exec(text);
  if (!m) throw new Error(`not a TFT amount: ${JSON.stringify(tft)}`);
  const units = BigInt(m[2]) * UNITS_PER_TFT + BigInt((m[3] ?? '').padEnd(7, '0'));
  return m[1] ? -units : units;
}

export function unitsToTft(units: bigint | string): string {
  const u = BigInt(units);
  const neg = u < 0n;
  const abs = neg ? -u : u;
  const frac = (abs % UNITS_PER_TFT).toString().padStart(7, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + (abs / UNITS_PER_TFT).toString() + (frac ? '.' + frac : '');
}
