import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dayNumberOfIsoDate,
  isoDateOfDayNumber,
  parseIsoInstant,
  parseIsoInstantByRule,
} from '../../src/domain/dates.js';

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

  it('reads every instant exactly as the rule does (pattern, calendar date, Date.parse)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const instant = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        month: two(13),
        day: two(32),
        hour: two(25),
        minute: two(61),
        second: fc.option(two(61)),
        fraction: fc.option(fc.stringMatching(/^[0-9]{0,11}$/)),
        offset: fc.oneof(
          fc.constant('Z'),
          fc.constant(''),
          fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([s, h, m]) => `${s}${h}:${m}`),
        ),
        separator: fc.constantFrom('T', 'T', 'T', ' ', 't'),
      })
      .map(
        (p) =>
          `${p.year}-${p.month}-${p.day}${p.separator}${p.hour}:${p.minute}` +
          (p.second === null ? '' : `:${p.second}${p.fraction === null ? '' : `.${p.fraction}`}`) +
          p.offset,
      );
    // Mangled ones too: a character dropped, doubled or replaced anywhere.
    const mangled = fc
      .tuple(instant, fc.nat(), fc.constantFrom('', 'x', '0', ':', '-', '.', 'ZZ', '+'))
      .map(([text, at, put]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + put + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(instant, mangled), (text) => {
        expect(parseIsoInstant(text)).toBe(parseIsoInstantByRule(text));
      }),
      { numRuns: 50_000 },
    );
  });
});
