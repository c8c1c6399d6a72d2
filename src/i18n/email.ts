import { translate, type Locale, type MessageKey } from './catalogue.js';
import { isLocale } from './locale.js';

type SubjectKey = Extract<MessageKey, `email.${string}.subject`>;
/** The emails the network sends, by name (`activation`, `claimDecided`, …). */
export type EmailName = SubjectKey extends `email.${infer Name}.subject` ? Name : never;

type Values = Record<string, string | number>;

/** A stored `users.locale` as a language we write in (English when unknown). */
export function localeOf(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : 'en';
}

/** An instant as the reader writes it: `2026-10-12 14:00 UTC` or `12-10-2026 14:00 UTC`. */
export function formatInstant(ms: number, locale: Locale): string {
  const iso = new Date(ms).toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-');
  const time = `${iso.slice(11, 16)} UTC`;
  return locale === 'nl' ? `${d}-${m}-${y} ${time}` : `${iso.slice(0, 10)} ${time}`;
}

/**
 * An email's subject and text in `locale`: `email.<name>.subject` and `.text` with their values,
 * then any further paragraphs (optional parts such as an amount or a deadline).
 */
export function composeEmail(
  locale: Locale,
  name: EmailName,
  values: Values,
  paragraphs: readonly (readonly [MessageKey, Values] | string)[] = [],
): { subject: string; text: string } {
  return {
    subject: translate(locale, `email.${name}.subject`, values),
    text: [
      translate(locale, `email.${name}.text`, values),
      ...paragraphs.map((part) =>
        typeof part === 'string' ? part : translate(locale, part[0], part[1]),
      ),
    ].join('\n\n'),
  };
}
