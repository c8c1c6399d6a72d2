import type { Decimal } from '../money/decimal.js';
import { isoDateOfDayNumber } from '../dates.js';

/** A reference rate: units of `currency` per 1 EUR, published for `date`. */
export interface FxRate {
  readonly currency: string;
  readonly date: string;
  readonly perEur: Decimal;
}

interface Series {
  days: number[];
  rates: Decimal[];
}

/**
 * ECB reference rates by currency and publication day. Lookups take the rate of the day or the
 * latest earlier one within a look-back window (AE-C6); they never interpolate or guess.
 */
export class RateTable {
  readonly #series = new Map<string, Series>();

  /** Adds or replaces the rate of `currency` on `dayNumber` (days since 1970-01-01). */
  set(currency: string, dayNumber: number, perEur: Decimal): void {
    let series = this.#series.get(currency);
    if (series === undefined) {
      series = { days: [], rates: [] };
      this.#series.set(currency, series);
    }
    const { days, rates } = series;
    const last = days.length - 1;
    // ECB files come newest first or oldest first; both append in O(1) at one end.
    if (last < 0 || dayNumber > (days[last] as number)) {
      days.push(dayNumber);
      rates.push(perEur);
      return;
    }
    const index = upperBound(days, dayNumber) - 1;
    if (index >= 0 && days[index] === dayNumber) {
      rates[index] = perEur;
      return;
    }
    days.splice(index + 1, 0, dayNumber);
    rates.splice(index + 1, 0, perEur);
  }

  /**
   * The rate of `currency` on `dayNumber`, or the latest earlier one at most `maxDaysBack`
   * days before it; undefined when there is none.
   */
  find(currency: string, dayNumber: number, maxDaysBack: number): FxRate | undefined {
    const series = this.#series.get(currency);
    if (series === undefined) return undefined;
    const index = upperBound(series.days, dayNumber) - 1;
    if (index < 0) return undefined;
    const day = series.days[index] as number;
    if (dayNumber - day > maxDaysBack) return undefined;
    return { currency, date: isoDateOfDayNumber(day), perEur: series.rates[index] as Decimal };
  }

  get currencies(): string[] {
    return [...this.#series.keys()];
  }

  /** Number of (currency, day) rates held. */
  get size(): number {
    let total = 0;
    for (const series of this.#series.values()) total += series.days.length;
    return total;
  }

  /** Every rate, oldest first per currency. */
  *entries(): IterableIterator<FxRate> {
    for (const [currency, { days, rates }] of this.#series) {
      for (let i = 0; i < days.length; i++) {
        yield {
          currency,
          date: isoDateOfDayNumber(days[i] as number),
          perEur: rates[i] as Decimal,
        };
      }
    }
  }
}

/** First index whose value is greater than `value` in an ascending array. */
function upperBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
