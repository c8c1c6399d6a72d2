import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareProducts,
  formatMinorUnits,
  mulDivRoundHalfUp,
  parseDecimal,
  toMinorUnits,
} from '../../src/domain/money/decimal.js';

describe('exact decimals', () => {
  it.each([
    ['12.50', { coefficient: 1250, scale: 2 }],
    ['0.035', { coefficient: 35, scale: 3 }],
    ['007', { coefficient: 7, scale: 0 }],
    ['1.0950', { coefficient: 10950, scale: 4 }],
  ])('parses %s', (text, expected) => {
    expect(parseDecimal(text)).toEqual(expected);
  });

  it.each(['', '-1', '1e3', '1,5', '.5', '5.', ' 1', 'NaN', '1234567890123456'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );

  it('converts to minor units only without rounding', () => {
    expect(toMinorUnits(parseDecimal('12.5')!, 2)).toBe(1250);
    expect(toMinorUnits(parseDecimal('12.500')!, 2)).toBe(1250);
    expect(toMinorUnits(parseDecimal('12.505')!, 2)).toBeUndefined();
    expect(toMinorUnits(parseDecimal('1500')!, 0)).toBe(1500);
  });

  it('formats minor units', () => {
    expect(formatMinorUnits(2450, 2)).toBe('24.50');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(0, 2)).toBe('0.00');
    expect(formatMinorUnits(-5, 2)).toBe('-0.05');
    expect(formatMinorUnits(1500, 0)).toBe('1500');
  });

  it('rounds half up: 0.035 → 0.04, 0.0349 → 0.03', () => {
    expect(mulDivRoundHalfUp(50, 7, 100)).toBe(4); // 0.50 × 0.07 = 0.035
    expect(mulDivRoundHalfUp(349, 1, 100)).toBe(3);
    expect(mulDivRoundHalfUp(250, 1, 100)).toBe(3);
  });

  it('agrees with BigInt arithmetic everywhere, including beyond 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (a, b, d) => {
          const exact = BigInt(a) * BigInt(b);
          const rounded = (exact * 2n + BigInt(d)) / (2n * BigInt(d));
          if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(() => mulDivRoundHalfUp(a, b, d)).toThrow(RangeError);
          } else {
            expect(mulDivRoundHalfUp(a, b, d)).toBe(Number(rounded));
          }
          const sign = Math.sign(compareProducts(a, b, d, 7));
          const expected = exact === BigInt(d) * 7n ? 0 : exact < BigInt(d) * 7n ? -1 : 1;
          expect(sign).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseDecimal by hand', () => {
  /** The rule as a regular expression, as it was written before the hand-written parser. */
  const reference = (text: string) => {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (match === null) return undefined;
    const fraction = match[2] ?? '';
    const digits = (match[1]! + fraction).replace(/^0+(?=\d)/, '');
    if (digits.length > 15) return undefined;
    return { coefficient: Number(digits), scale: fraction.length };
  };

  it('agrees with the regular expression on every string of digits, dots and look-alikes', () => {
    const characters = fc.constantFrom(...'0123456789.0000-+e ,١'.split(''));
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(parseDecimal(text)).toEqual(reference(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      '',
      '.',
      '1.',
      '.5',
      '1..2',
      '007',
      '0.000',
      '999999999999999',
      '1000000000000000',
      '0000000000000000000.5',
    ])
      expect(parseDecimal(text), text).toEqual(reference(text));
  });

  it('formats minor units exactly as padding and cutting the digits does', () => {
    const byStrings = (units: number, digits: number): string => {
      const negative = units < 0;
      const text = String(negative ? -units : units);
      if (digits === 0) return negative ? `-${text}` : text;
      const padded = text.padStart(digits + 1, '0');
      const cut = padded.length - digits;
      return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc.integer({ min: 0, max: 15 }),
        (units, digits) => {
          expect(formatMinorUnits(units, digits)).toBe(byStrings(units, digits));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
