/**
 * Working-day deadlines (AE-E2, AE-E3: Hong Kong law, rule 13): weekends and the calendar's
 * public holidays do not count. Pure: the caller passes the calendar (its UTC offset and which
 * local dates are holidays).
 */
export interface HolidayCalendar {
  /** Local time of the calendar at an instant, e.g. Hong Kong +480, Amsterdam +60 or +120. */
  utcOffsetMinutes(epochMs: number): number;
  /** Whether a local date (YYYY-MM-DD) is a public holiday. */
  isHoliday(isoDate: string): boolean;
  /** The holiday's name, for messages. */
  holidayName?(isoDate: string): string | undefined;
}

const DAY_MS = 86_400_000;

function localDayNumber(epochMs: number, calendar: HolidayCalendar): number {
  return Math.floor((epochMs + calendar.utcOffsetMinutes(epochMs) * 60_000) / DAY_MS);
}

function isoOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(isoDate: string, calendar: HolidayCalendar): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(isoDate);
}

/**
 * The deadline `workingDays` working days after the local date of `fromMs`: the end of the
 * last counted day (local midnight), as epoch ms. The day of the event itself does not count,
 * so an action on Friday with 5 working days is due at the end of the next Friday (in a week
 * without holidays). Something done before the returned instant is in time.
 */
export function workingDayDeadline(
  fromMs: number,
  workingDays: number,
  calendar: HolidayCalendar,
): number {
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new RangeError('workingDays: expected a whole number of at least 1');
  let day = localDayNumber(fromMs, calendar);
  let counted = 0;
  while (counted < workingDays) {
    day += 1;
    if (isWorkingDay(isoOf(day), calendar)) counted += 1;
  }
  // Local midnight: clocks change at night but never at midnight, so the offset at UTC
  // midnight of that date is the offset at its local midnight.
  const utcMidnight = (day + 1) * DAY_MS;
  return utcMidnight - calendar.utcOffsetMinutes(utcMidnight) * 60_000;
}

/** The local date (YYYY-MM-DD) an instant falls on in the calendar's time zone. */
export function localDate(epochMs: number, calendar: HolidayCalendar): string {
  return isoOf(localDayNumber(epochMs, calendar));
}
