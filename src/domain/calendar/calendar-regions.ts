/**
 * The working-day calendars a program may name for its enforcement deadlines (AE-E2, AE-E3):
 * the region's public holidays and the time zone its days are counted in.
 */
export const CALENDAR_TIME_ZONES: Readonly<Record<string, string>> = {
  HK: 'Asia/Hong_Kong',
  SG: 'Asia/Singapore',
  CN: 'Asia/Shanghai',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  DE: 'Europe/Berlin',
  GB: 'Europe/London',
};

export function isCalendarRegion(region: string): boolean {
  return Object.hasOwn(CALENDAR_TIME_ZONES, region);
}
