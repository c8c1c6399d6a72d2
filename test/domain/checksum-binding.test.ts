import { describe, expect, it } from 'vitest';
import { linesAddUpToCheckedValue } from '../../src/domain/orders/checksum-binding.js';

/** NET-R1: the lines a valid checksum prices must add up to its value, within a cent per line. */
describe('linesAddUpToCheckedValue', () => {
  const line = (unitPriceMinor: number, quantity = 1) => ({ unitPriceMinor, quantity });
  it.each([
    ['exactly (Tradedoubler’s example)', [line(1099, 3), line(100_000)], 103_297, true],
    ['a cent per line more', [line(1111), line(1111), line(1111)], 3330, true],
    ['a cent per line less', [line(1111), line(1111), line(1111)], 3336, true],
    ['two cents on one line', [line(1111)], 1113, false],
    ['inflated lines (the replayed confirmation page)', [line(9_999_900, 6)], 4995, false],
    ['lines below the value', [line(1000)], 4995, false],
    ['no order value', [line(1000)], undefined, false],
    ['free lines padding the tolerance stay bounded', [line(0), line(0), line(1003)], 1000, true],
    [
      'free lines padding the tolerance stay bounded, one cent over',
      [line(0), line(0), line(1004)],
      1000,
      false,
    ],
    [
      'beyond the safe integers, exactly',
      [line(9_007_199_254_740_991, 2)],
      9_007_199_254_740_991,
      false,
    ],
  ])('%s', (_case, lines, valueMinor, expected) => {
    expect(linesAddUpToCheckedValue(lines, valueMinor)).toBe(expected);
  });
});
