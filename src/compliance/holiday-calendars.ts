import Holidays from 'date-holidays';
import type { HolidayCalendar } from '../domain/calendar/working-days.js';
import { DomainError } from '../domain/errors.js';

/** Time zones of the calendars programs may name (no daylight saving in these). */
const UTC_OFFSET_MINUTES: Readonly<Record<string, number>> = { HK: 480, SG: 480, CN: 480 };

const calendars = new Map<string, HolidayCalendar>();

/**
 * A public-holiday calendar from the maintained `date-holidays` data (region code such as HK):
 * only days of type "public" count as holidays. Built once per region, years on demand.
 */
export function holidayCalendar(region: string): HolidayCalendar {
  const cached = calendars.get(region);
  if (cached) return cached;
  const offset = UTC_OFFSET_MINUTES[region];
  if (offset === undefined)
    throw new DomainError(
      'unknown_calendar',
      `no working-day calendar for "${region}"; known: ${Object.keys(UTC_OFFSET_MINUTES).join(', ')}`,
    );
  const source = new Holidays(region);
  const years = new Map<number, Map<string, string>>();
  const yearOf = (year: number) => {
    let days = years.get(year);
    if (days === undefined) {
      days = new Map();
      for (const holiday of source.getHolidays(year, 'en'))
        if (holiday.type === 'public') days.set(holiday.date.slice(0, 10), holiday.name);
      years.set(year, days);
    }
    return days;
  };
  const calendar: HolidayCalendar = {
    utcOffsetMinutes: offset,
    isHoliday: (isoDate) => yearOf(Number(isoDate.slice(0, 4))).has(isoDate),
    holidayName: (isoDate) => yearOf(Number(isoDate.slice(0, 4))).get(isoDate),
  };
  calendars.set(region, calendar);
  return calendar;
}
