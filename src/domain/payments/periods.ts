/**
 * Money periods are calendar months in UTC, written `YYYY-MM`: what an invoice bills and what
 * a statement settles.
 */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface Period {
  readonly text: string;
  /** First millisecond of the month. */
  readonly startMs: number;
  /** First millisecond of the next month. */
  readonly endMs: number;
}

export function parsePeriod(text: string): Period | undefined {
  const match = PERIOD.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return { text, startMs: Date.UTC(year, month, 1), endMs: Date.UTC(year, month + 1, 1) };
}

/** The period an instant falls in. */
export function periodOf(epochMs: number): Period {
  const date = new Date(epochMs);
  const text = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return parsePeriod(text) as Period;
}

/** The month before the one `epochMs` falls in: the latest period that has ended. */
export function previousPeriod(epochMs: number): Period {
  return periodOf(periodOf(epochMs).startMs - 1);
}
