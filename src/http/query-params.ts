import { HttpError } from './http-errors.js';

/** A query parameter given once as text (≤ maxLength characters), or undefined; else 400 naming it. */
export function queryText(
  query: Record<string, unknown>,
  name: string,
  maxLength = 255,
): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new HttpError(
      400,
      'invalid_parameter',
      `${name}: give it once, as text of at most ${maxLength} characters`,
    );
  }
  return value;
}
