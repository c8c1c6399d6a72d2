import { z } from 'zod';

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
    .enum(values, { error: `give it once, as one of ${values.join(', ')}` })
    .optional()
    .meta(description ? { description } : {});

/** `format=json` (the default) or `format=csv`. */
export const formatQuery = queryEnum(['json', 'csv'], 'json (default) or csv');

/** A day, YYYY-MM-DD, given once. */
export const dayQuery = (description: string) =>
  z
    .string({ error: 'give it once, as a day YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a day YYYY-MM-DD' })
    .optional()
    .meta({ description, format: 'date' });
