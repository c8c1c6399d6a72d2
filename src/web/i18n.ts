/** The portal speaks Dutch and English: the catalogue and the request's language. */
export { LOCALES, isLocale, pickLocale } from '../i18n/locale.js';
export type { Locale } from '../i18n/catalogue.js';

export { translate, isMessageKey, type MessageKey } from '../i18n/catalogue.js';
