import { describe, expect, it } from 'vitest';
import {
  isWorkingDay,
  localDate,
  workingDayDeadline,
} from '../../../src/domain/calendar/working-days.js';
import { holidayCalendar } from '../../../src/compliance/holiday-calendars.js';

const hk = holidayCalendar('HK');

describe('Hong Kong working days (AE-E2, AE-E3)', () => {
  it.each([
    // [what, from (UTC instant), working days, deadline (UTC: end of the HK day)]
    ['plain week: Friday → next Friday', '2026-11-20T04:00:00Z', 5, '2026-11-27T16:00:00Z'],
    ['late Thursday in HK is still Thursday', '2026-11-19T15:00:00Z', 5, '2026-11-26T16:00:00Z'],
    [
      '01:00 Saturday in HK counts from Saturday',
      '2026-11-20T17:00:00Z',
      5,
      '2026-11-27T16:00:00Z',
    ],
    ['Lunar New Year 2026 (17–19 Feb)', '2026-02-16T02:00:00Z', 5, '2026-02-26T16:00:00Z'],
    [
      'Easter 2026 (Good Friday, the day after, Ching Ming, Easter Monday)',
      '2026-04-02T02:00:00Z',
      5,
      '2026-04-14T16:00:00Z',
    ],
    ['Christmas 2026', '2026-12-23T02:00:00Z', 5, '2026-12-31T16:00:00Z'],
    [
      '15 days for a decision across Christmas and New Year',
      '2026-12-14T02:00:00Z',
      15,
      '2027-01-06T16:00:00Z',
    ],
    ['Lunar New Year 2027 (6, 8, 9 Feb)', '2027-02-05T02:00:00Z', 1, '2027-02-10T16:00:00Z'],
  ])('%s', (_what, from, days, deadline) => {
    expect(new Date(workingDayDeadline(Date.parse(from), days, hk)).toISOString()).toBe(
      new Date(deadline).toISOString(),
    );
  });

  it.each([
    ['2026-02-17', false, 'Lunar New Year'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-07', false, 'the day following Easter Monday'],
    ['2026-12-25', false, 'Christmas'],
    ['2026-11-21', false, 'a Saturday'],
    ['2026-11-23', true, 'a Monday'],
    ['2026-04-08', true, 'the Wednesday after Easter'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, hk)).toBe(working);
  });

  it('names holidays and knows the local date', () => {
    expect(hk.holidayName?.('2026-02-17')).toBe('Lunar New Year’s Day');
    expect(localDate(Date.parse('2026-11-20T17:00:00Z'), hk)).toBe('2026-11-21');
    expect(() => workingDayDeadline(0, 0, hk)).toThrow(RangeError);
  });
});
