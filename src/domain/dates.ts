const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a real calendar date (no 2026-02-30); plain arithmetic, no Date objects. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  return day <= days;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` calendar date, or undefined if it is not one. */
export function dayNumberOfIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return undefined;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The UTC calendar day (days since 1970-01-01) of an instant in epoch milliseconds. */
export function utcDayNumber(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

const isoDates = new Map<number, string>();

/** `YYYY-MM-DD` of a day number; remembered, since quotes ask for the same few days. */
export function isoDateOfDayNumber(dayNumber: number): string {
  let text = isoDates.get(dayNumber);
  if (text === undefined) {
    text = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    if (isoDates.size < 100_000) isoDates.set(dayNumber, text);
  }
  return text;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an ISO 8601 instant that names its offset (`Z` or `+02:00`), or
 * undefined: a time without an offset is ambiguous and is not accepted.
 */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  // Date.parse rolls 2026-02-30 over to March; check the calendar date first.
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
