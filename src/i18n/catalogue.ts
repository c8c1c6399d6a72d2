import { EN } from './en/index.js';
import { NL } from './nl/index.js';
import type { Translation } from './translation.js';

/**
 * The languages people read affnet in, by tag, in the order the portal offers them. English
 * (`en/`) is the source of the keys; every other language is a folder of the same areas typed by
 * the English ones, so a missing key does not compile. A language is one folder and one line here.
 */
export const LANGUAGES = { nl: NL, en: EN } as const satisfies Record<
  string,
  Translation<typeof EN>
>;

/** The languages people read affnet in. */
export type Locale = keyof typeof LANGUAGES;

/** The key of a message: every key of the English catalogue. */
export type MessageKey = keyof typeof EN;

/** The message in `locale`, with `{name}` placeholders filled in. */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const template = LANGUAGES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** Whether `key` is in the catalogue (for keys built from stored codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(EN, key);
}
