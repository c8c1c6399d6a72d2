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
  // Every order's placedAt comes here: the usual shapes are read by hand, anything unusual
  // (year < 100, hour 24, an offset past 23:59, a malformed string) by the rule below.
  const fast = readIsoInstant(text);
  return Number.isNaN(fast) ? parseIsoInstantByRule(text) : fast;
}

/** The rule itself: the pattern, a real calendar date, then Date.parse. */
export function parseIsoInstantByRule(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  // Date.parse rolls 2026-02-30 over to March; check the calendar date first.
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The value of `count` ASCII digits at `at`, or -1. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DASH = 45;
const FRACTION_MS = [100, 10, 1];
const COLON = 58;
const DOT = 46;

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)` with ordinary values (year 100 on, hours 0–23,
 * a real calendar date) as epoch milliseconds; NaN for anything else, which the rule decides.
 */
function readIsoInstant(text: string): number {
  const length = text.length;
  if (length < 17 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;
  if (text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== COLON) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NaN;
  if (!isCalendarDate(year, month, day)) return NaN;
  let at = 16;
  let second = 0;
  let millisecond = 0;
  if (text.charCodeAt(at) === COLON) {
    second = digitsAt(text, at + 1, 2);
    if (second < 0 || second > 59) return NaN;
    at += 3;
    if (text.charCodeAt(at) === DOT) {
      const start = ++at;
      while (at < length && at - start < 10) {
        const digit = text.charCodeAt(at) - 48;
        if (digit < 0 || digit > 9) break;
        // Milliseconds: the first three digits; Date.parse drops the rest.
        if (at - start < 3) millisecond += digit * FRACTION_MS[at - start]!;
        at++;
      }
      if (at === start || at - start > 9) return NaN;
    }
  }
  let offsetMinutes = 0;
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */) {
    if (at + 1 !== length) return NaN;
  } else if (sign === 43 /* + */ || sign === DASH) {
    if (at + 6 !== length || text.charCodeAt(at + 3) !== COLON) return NaN;
    const offsetHour = digitsAt(text, at + 1, 2);
    const offsetMinute = digitsAt(text, at + 4, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return NaN;
    offsetMinutes = (sign === DASH ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
}
