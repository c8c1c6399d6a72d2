import { z } from 'zod';
import { queryDay } from '../http/contracts/params.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { HttpError } from '../http/http-errors.js';
import { html, type SafeHtml } from './html.js';
import type { WebContext } from './web-context.js';

/** The longest period a dashboard shows, in days after its first (a year). */
const MAX_SPAN_DAYS = 366;

/**
 * A dashboard's period in its query: `from` and `to` as YYYY-MM-DD (UTC days, inclusive). An
 * empty or absent one is the default; anything else that is not a calendar date is refused.
 */
export const DAY_RANGE_QUERY = z.object({
  from: queryDay('the first day, YYYY-MM-DD (default 29 days before to)').optional(),
  to: queryDay('the last day, YYYY-MM-DD (default today)').optional(),
});

/**
 * The period a dashboard shows (UTC day numbers): the 30 days up to today by default. Refused
 * (400 `invalid_parameter`, naming the field) when `to` is before `from` or the period is
 * longer than a year.
 */
export function dayRange(
  query: z.output<typeof DAY_RANGE_QUERY>,
  nowMs: number,
): { from: number; to: number } {
  const to = query.to === undefined ? utcDayNumber(nowMs) : dayNumberOfIsoDate(query.to)!;
  const from = query.from === undefined ? to - 29 : dayNumberOfIsoDate(query.from)!;
  if (to < from) throw new HttpError('invalid_parameter', 'to: must not be before from');
  if (to - from > MAX_SPAN_DAYS)
    throw new HttpError('invalid_parameter', 'from: at most a year before to');
  return { from, to };
}

/** The period's form: from, to and a button, in the reader's language. */
export function dayRangeForm(context: WebContext, range: { from: number; to: number }): SafeHtml {
  return html`<form method="get" class="card">
    <label
      >${context.t('publisher.from')}
      <input type="date" name="from" value="${isoDateOfDayNumber(range.from)}"
    /></label>
    <label
      >${context.t('publisher.to')}
      <input type="date" name="to" value="${isoDateOfDayNumber(range.to)}"
    /></label>
    <button type="submit" class="secondary">${context.t('publisher.show')}</button>
  </form>`;
}
