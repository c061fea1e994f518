// Converting USD units (1e-7 USD) to TFT units (1e-7 TFT) at the chain's TFT price, exactly:
// the price is a decimal string, turned into a fraction.
export function usdUnitsToTftUnits(usdUnits: bigint, tftPriceUsd: string): bigint {
  return tftConverter(tftPriceUsd)(usdUnits);
}

/** A converter for one price, parsed once (a billing run converts twice per contract). */
export function tftConverter(tftPriceUsd: string): (usdUnits: bigint) => bigint {
  const [whole, frac = ''] = tftPriceUsd.split('.');
  const denominator = 10n ** BigInt(frac.length);
  const numerator = BigInt(whole + frac);
  if (numerator <= 0n) throw new Error(`TFT price ${tftPriceUsd} must be above 0`);
  return (usdUnits) => (usdUnits * denominator) / numerator;
}
