import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-errors.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { ActionKind } from '../services/enforcement-service.js';
import type { Attachment } from '../services/claims-service.js';
import { field, type Form } from './respond.js';

/** A form field as trimmed text. */
export const text = (form: Form, name: string) => field(form, name).trim();

/** A deadline with its Hong Kong local time: both sides see the same instant. */
export function deadline(ms: number | null): string {
  if (ms === null) return '';
  const hk = new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
  return `${hk} HKT (${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/** Reads a multipart form: text fields and files (the claim form with evidence). */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Form; files: Attachment[] }> {
  if (!request.isMultipart())
    throw new HttpError(
      415,
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

export const KIND_TEXT: Record<ActionKind, [string, string]> = {
  warning: ['Written warning (AE-E1 a)', 'Schriftelijke waarschuwing (AE-E1 a)'],
  cure_period: ['Cure period (AE-E1 b)', 'Herstelperiode (AE-E1 b)'],
  withhold: ['Withhold payments (AE-E1 c)', 'Betalingen inhouden (AE-E1 c)'],
  deduction: ['Deduct an amount (AE-E1 d)', 'Bedrag inhouden (AE-E1 d)'],
  termination: ['Terminate the account (AE-E1 e)', 'Account beëindigen (AE-E1 e)'],
  restriction: ['Restrict collaboration (AE-E1 f)', 'Samenwerking beperken (AE-E1 f)'],
  registration_bar: [
    'Bar future registration (AE-E1 g)',
    'Toekomstige registratie blokkeren (AE-E1 g)',
  ],
};
