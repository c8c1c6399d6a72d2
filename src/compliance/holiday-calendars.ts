import Holidays from 'date-holidays';
import type { HolidayCalendar } from '../domain/calendar/working-days.js';
import { DomainError } from '../domain/errors.js';

import { CALENDAR_TIME_ZONES } from '../domain/calendar/calendar-regions.js';

const calendars = new Map<string, HolidayCalendar>();

/**
 * A public-holiday calendar from the maintained `date-holidays` data (region code such as HK):
 * only days of type "public" count as holidays. Built once per region, years on demand.
 */
export function holidayCalendar(region: string): HolidayCalendar {
  const cached = calendars.get(region);
  if (cached) return cached;
  const timeZone = CALENDAR_TIME_ZONES[region];
  if (timeZone === undefined)
    throw new DomainError(
      'unknown_calendar',
      `no working-day calendar for "${region}"; known: ${Object.keys(CALENDAR_TIME_ZONES).join(', ')}`,
    );
  const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
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
    utcOffsetMinutes: (epochMs) => offsetMinutes(offsetFormat, epochMs),
    isHoliday: (isoDate) => yearOf(Number(isoDate.slice(0, 4))).has(isoDate),
    holidayName: (isoDate) => yearOf(Number(isoDate.slice(0, 4))).get(isoDate),
  };
  calendars.set(region, calendar);
  return calendar;
}

/** The UTC offset of a time zone at an instant, from Intl's "GMT+02:00" (or "GMT"). */
function offsetMinutes(format: Intl.DateTimeFormat, epochMs: number): number {
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
