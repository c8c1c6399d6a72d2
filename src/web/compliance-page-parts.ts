import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-errors.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { Attachment } from '../services/claims-service.js';
import type { Form } from './respond.js';

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
