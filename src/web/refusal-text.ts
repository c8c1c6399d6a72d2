import type { DomainError } from '../domain/errors.js';
import { formatDate } from './format.js';
import { methodWords } from '../i18n/words.js';
import { translate, type Locale } from './i18n.js';
import { statusText } from './status-badge.js';
import { parametersIn } from './parameter-words.js';

/**
 * The codes whose message is `name: what is wrong` for each refused parameter, and that are
 * raised for several different faults (one fixed sentence would be wrong for most of them).
 */
const PARAMETER_CODES: ReadonlySet<string> = new Set([
  'invalid_parameter',
  'invalid_webhook_url',
  // Every form's refused fields (the sign-up form names its own, signup-refusal.ts).
  'invalid_body',
]);

/**
 * A refusal in the reader's language. English readers get the service's own message (it names
 * the exact field and value); others get the catalogue's words for the stable code (every code of
 * the table in src/domain/error-codes.ts has them) with the values the service passed, statuses
 * and methods in words and dates as dates. Words that need a value the refusal does not carry
 * keep the service's message.
 */
export function refusalText(
  refusal: Pick<DomainError, 'code' | 'message'> & {
    values?: DomainError['values'];
    issues?: DomainError['issues'];
  },
  locale: Locale,
): string {
  if (locale === 'en') return refusal.message;
  const key = `refusal.${refusal.code}` as const;
  // A refused parameter is named with what is wrong with it, also when the refusal only kept
  // its message (a stored integration report): `{parameters}` is made from the message.
  const derived = PARAMETER_CODES.has(refusal.code)
    ? {
        parameters: parametersIn(
          locale,
          refusal,
          refusal.code === 'invalid_body' ? 'form fields' : 'parameters',
        ),
      }
    : {};
  const values = Object.fromEntries(
    Object.entries({ ...derived, ...refusal.values }).map(([name, value]) => [
      name,
      name === 'status'
        ? statusText(String(value), locale)
        : name === 'method'
          ? methodWords(String(value), locale)
          : name === 'deadline' && typeof value === 'number'
            ? formatDate(value, locale)
            : value,
    ]),
  );
  const text = translate(locale, key, values);
  return /\{\w+\}/.test(text) ? refusal.message : text;
}
