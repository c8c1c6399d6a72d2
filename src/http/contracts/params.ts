import { z } from 'zod';
import { dayNumberOfIsoDate } from '../../domain/dates.js';

/**
 * The path and query parameters the routes share. A query parameter comes as text (an array
 * when repeated), so each says, in its refusal, how to give it: the refusal reads
 * `<name>: <what to fix>` (400 invalid_parameter).
 */

/** A stored id in a path (`prg_…`, `inv_…`): letters, digits, `_` and `-`. */
export const idParam = (description: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, {
      error: 'expected an id: 1 to 64 letters, digits, "_" or "-"',
    })
    .meta({ description });

/** A token from an emailed link (base64url). */
export const tokenParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, {
    error: 'expected the token from the emailed link (letters, digits, "_" or "-")',
  })
  .meta({ description: 'the token from the emailed link' });

/** The advertiser's own order number, as in the order document. */
export const orderNumberParam = z
  .string()
  .min(1, { error: 'expected the order number' })
  .max(200, { error: 'expected at most 200 characters' })
  .meta({ description: 'the advertiser’s order number' });

/** A query parameter given once as text of at most `maxLength` characters. */
export const queryText = (description: string, maxLength = 255) =>
  z
    .string({ error: `give it once, as text of at most ${maxLength} characters` })
    .max(maxLength, { error: `give it once, as text of at most ${maxLength} characters` })
    .optional()
    .meta({ description });

/** A query parameter that is one of `values`, given once. */
export const queryEnum = <const T extends readonly [string, ...string[]]>(
  values: T,
  description?: string,
) =>
  z
    .enum(values, {
      error:
        values.length === 2
          ? `expected ${values[0]} or ${values[1]}`
          : `expected one of ${values.join(', ')}`,
    })
    .optional()
    .meta(description ? { description } : {});

/** `format=json` (the default) or `format=csv`. */
export const formatQuery = queryEnum(['json', 'csv'], 'json (default) or csv');

/** A whole number from `min` to `max` given once, `fallback` when absent. */
export const queryInteger = (min: number, max: number, fallback: number, description: string) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max, { error })
    .default(fallback)
    .meta({ description });
};

/** A query parameter that must be given, once, as text; `missing` says what it is for. */
export const requiredQueryText = (missing: string, description: string, maxLength = 255) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? missing
          : `give it once, as text of at most ${maxLength} characters`,
    })
    .min(1, { error: missing })
    .max(maxLength, { error: `give it once, as text of at most ${maxLength} characters` })
    .meta({ description });

/** A day, YYYY-MM-DD (a real one), given once. */
export const queryDay = (description: string) =>
  z
    .string({ error: 'expected a date as YYYY-MM-DD' })
    .refine((text) => dayNumberOfIsoDate(text) !== undefined, {
      error: 'expected a date as YYYY-MM-DD',
    })
    .meta({ description, format: 'date' });
