import { describe, expect, it } from 'vitest';
import { dayNumberOfIsoDate, isoDateOfDayNumber, parseIsoInstant } from '../../src/domain/dates.js';

describe('calendar dates and instants', () => {
  it.each([
    ['2026-10-05', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
  ])('%s is a date: %s', (text, valid) => {
    const day = dayNumberOfIsoDate(text);
    expect(day !== undefined).toBe(valid);
    if (day !== undefined) expect(isoDateOfDayNumber(day)).toBe(text);
  });

  it.each([
    ['2026-10-05T14:03:00Z', Date.UTC(2026, 9, 5, 14, 3)],
    ['2026-10-05T14:03Z', Date.UTC(2026, 9, 5, 14, 3)],
    ['2026-10-05T16:03:00.5+02:00', Date.UTC(2026, 9, 5, 14, 3, 0, 500)],
    ['2026-10-05T14:03:00', undefined],
    ['2026-02-30T00:00:00Z', undefined],
    ['2026-10-05T25:00:00Z', undefined],
    ['2026-10-05 14:03:00Z', undefined],
  ])('reads the instant %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });
});
