import { LANGUAGES, type Locale } from './catalogue.js';

/** The languages of the catalogue, in the order the portal offers them. */
export const LOCALES = Object.keys(LANGUAGES) as readonly Locale[];

/** Whether `tag` (a query, a cookie, a stored `users.locale`) is a language we write in. */
export function isLocale(tag: string | null | undefined): tag is Locale {
  return typeof tag === 'string' && Object.hasOwn(LANGUAGES, tag);
}

/** The locale of a request: `?lang=`, then the `affnet_lang` cookie, then Accept-Language. */
export function pickLocale(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  for (const candidate of [query, cookie]) if (isLocale(candidate)) return candidate;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q === undefined ? 1 : Number(q.trim().slice(2)) || 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = LOCALES.find((known) => tag === known || tag.startsWith(`${known}-`));
    if (locale !== undefined) return locale;
  }
  return 'en';
}
