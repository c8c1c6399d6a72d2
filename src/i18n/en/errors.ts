import { ERROR_CODES, type ErrorCode } from '../../domain/error-codes.js';
import type { ErrorTexts } from '../translation.js';

/** Refusals in English: the words of the table of error codes, by code. */
export const ERRORS: ErrorTexts = Object.fromEntries(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [code, ERROR_CODES[code].en]),
) as Record<ErrorCode, string>;
