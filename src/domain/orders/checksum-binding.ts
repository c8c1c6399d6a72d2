/** A line as the pixel reported it: its unit price in minor units and its quantity. */
export interface ReportedPrice {
  readonly unitPriceMinor: number;
  readonly quantity: number;
}

/**
 * NET-R1: a valid checksum covers the order value as sent, so the lines that are priced must add
 * up to it. The sum of unit price × quantity may differ from the order value by at most one
 * minor unit (one cent) per line, the rounding of each line's price to the cent; anything more,
 * or lines without an order value, is a report whose priced amount the checksum does not cover.
 * Exact: summed as big integers.
 */
export function linesAddUpToCheckedValue(
  lines: readonly ReportedPrice[],
  valueMinor: number | undefined,
): boolean {
  if (valueMinor === undefined) return false;
  let total = 0n;
  for (const line of lines) total += BigInt(line.unitPriceMinor) * BigInt(line.quantity);
  const difference = total - BigInt(valueMinor);
  const tolerance = BigInt(lines.length);
  return difference <= tolerance && difference >= -tolerance;
}
