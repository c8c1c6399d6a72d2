/**
 * Exact decimal values for money and rates. A decimal is an integer coefficient and a scale:
 * `{ coefficient: 1250, scale: 2 }` is 12.50. Coefficients are JavaScript integers kept inside
 * the safe range; every product that could leave it is computed with BigInt. No floats.
 */
export interface Decimal {
  readonly coefficient: number;
  readonly scale: number;
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** 10^exponent for 0 ≤ exponent ≤ 15, exact. */
export function powerOfTen(exponent: number): number {
  const power = POWERS_OF_TEN[exponent];
  if (power === undefined) throw new RangeError(`scale ${exponent} is outside 0..15`);
  return power;
}

/**
 * Parses a non-negative decimal string such as `"12.50"` or `"0.035"`. Returns undefined for
 * anything else (signs, exponents, separators, more than 15 significant digits) so callers can
 * word the error for their own field.
 */
export function parseDecimal(text: string): Decimal | undefined {
  // By hand rather than a regular expression: every price and rate of every order comes here.
  const length = text.length;
  if (length === 0) return undefined;
  let coefficient = 0;
  let significant = 0;
  let scale = 0;
  let dot = -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      // One ".", with digits on both sides.
      if (dot !== -1 || i === 0 || i === length - 1) return undefined;
      dot = i;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (dot !== -1) scale += 1;
    // Leading zeros are not significant; at most 15 significant digits stay exact.
    if (significant > 0 || digit !== 0) {
      significant += 1;
      if (significant > 15) return undefined;
      coefficient = coefficient * 10 + digit;
    }
  }
  return { coefficient, scale };
}

/**
 * The value of a decimal in units of 10^-digits (e.g. cents for digits = 2), or undefined when
 * the decimal has more fractional digits than that and would need rounding.
 */
export function toMinorUnits(value: Decimal, digits: number): number | undefined {
  if (value.scale > digits) {
    const drop = powerOfTen(value.scale - digits);
    if (value.coefficient % drop !== 0) return undefined;
    return value.coefficient / drop;
  }
  const units = value.coefficient * powerOfTen(digits - value.scale);
  return Number.isSafeInteger(units) ? units : undefined;
}

const ZEROS: readonly string[] = Array.from({ length: 16 }, (_, i) => '0'.repeat(i));

/** Formats an integer amount of 10^-digits units as a plain decimal string: 2450, 2 → "24.50". */
export function formatMinorUnits(units: number, digits: number): string {
  const negative = units < 0;
  const magnitude = negative ? -units : units;
  if (digits === 0) return negative ? `-${magnitude}` : String(magnitude);
  // Whole and fraction by integer arithmetic (every quote amount comes here): no padding and
  // slicing of strings. Exact: magnitude is a safe integer and the power of ten at most 10^15.
  const unit = powerOfTen(digits);
  const fraction = magnitude % unit;
  const whole = (magnitude - fraction) / unit;
  let fractionText = String(fraction);
  if (fractionText.length < digits)
    fractionText = ZEROS[digits - fractionText.length] + fractionText;
  return `${negative ? '-' : ''}${whole}.${fractionText}`;
}

/** The canonical text of a decimal, keeping its scale: { 10950, 4 } → "1.0950". */
export function formatDecimal(value: Decimal): string {
  return formatMinorUnits(value.coefficient, value.scale);
}

/**
 * round(a × b / d) for non-negative integers a, b and positive integer d, rounding half up
 * (ties away from zero). Exact: uses Number arithmetic while the product is a safe integer and
 * BigInt beyond that. Throws RangeError if the result itself is not a safe integer.
 */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    let quotient = Math.floor(product / d);
    let remainder = product - quotient * d;
    // The float division can be off by one for large operands; the remainder corrects it.
    if (remainder < 0) {
      quotient -= 1;
      remainder += d;
    } else if (remainder >= d) {
      quotient += 1;
      remainder -= d;
    }
    return remainder * 2 >= d ? quotient + 1 : quotient;
  }
  const big = BigInt(a) * BigInt(b);
  const bigD = BigInt(d);
  let quotient = big / bigD;
  if ((big % bigD) * 2n >= bigD) quotient += 1n;
  const result = Number(quotient);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount outside the supported range');
  return result;
}

/** Compares a × b with c × d exactly (all non-negative integers): negative, zero or positive. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  const left = a * b;
  const right = c * d;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left - right;
  const difference = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
