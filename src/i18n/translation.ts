import type { ErrorCode } from '../domain/error-codes.js';

/**
 * A language's words for every key of `Source` (an English area in `en/`, or all of English):
 * a key missing, or one English does not have, is a compile error.
 */
export type Translation<Source> = { readonly [K in keyof Source]: string };

/** A language's words for every code of the table of errors (src/domain/error-codes.ts). */
export type ErrorTexts = Readonly<Record<ErrorCode, string>>;

/** The words for refusals as catalogue keys: `refusal.<code>`. */
export type Refusals = { readonly [C in ErrorCode as `refusal.${C}`]: string };

/** A language's error texts as catalogue entries. */
export function refusals(texts: ErrorTexts): Refusals {
  return Object.fromEntries(
    Object.entries(texts).map(([code, text]) => [`refusal.${code}`, text]),
  ) as Refusals;
}
