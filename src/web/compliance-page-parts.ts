import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-errors.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { Attachment } from '../services/claims-service.js';
import type { Form } from './respond.js';
import type { Network } from '../server/network.js';
import { CALENDAR_TIME_ZONES } from '../domain/calendar/calendar-regions.js';

/** Zone abbreviations the browser's time-zone data spells as an offset ("GMT+8"). */
const ZONE_NAMES: Readonly<Record<string, string>> = { HK: 'HKT', SG: 'SGT', CN: 'CST' };

/**
 * A deadline in the local time of the working-day calendar it was counted in (the program's
 * `enforcement.calendar`; the network's own actions count in Hong Kong's, as the enforcement
 * service does), and in UTC: both sides see the same instant.
 */
export function deadline(ms: number | null, calendar = 'HK'): string {
  if (ms === null) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: CALENDAR_TIME_ZONES[calendar] ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const local = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  const zone = ZONE_NAMES[calendar] ?? part('timeZoneName');
  return `${local} ${zone} (${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/** The working-day calendar of a program's enforcement deadlines (undefined: the network's). */
export function calendarOf(network: Network, programId: string | null): string | undefined {
  return programId === null
    ? undefined
    : network.cache.program(programId)?.terms.file.enforcement.calendar;
}

/** Reads a multipart form: text fields and files (the claim form with evidence). */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Form; files: Attachment[] }> {
  if (!request.isMultipart())
    throw new HttpError(
      'unsupported_media_type',
      'send this form as multipart/form-data (it carries the evidence files)',
    );
  const fields: Form = {};
  const files: Attachment[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.filename && content.byteLength > 0)
        files.push({ filename: part.filename, contentType: part.mimetype, content });
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}

/** "12.50" → 1250; anything that is not a plain euro amount → NaN (refused by the service). */
export function centsOf(text: string): number {
  const value = parseDecimal(text.replace(',', '.'));
  return (value && toMinorUnits(value, 2)) ?? Number.NaN;
}
