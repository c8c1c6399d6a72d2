import { html, type SafeHtml } from './html.js';
import { statusWords } from '../i18n/words.js';
import type { Locale } from './i18n.js';

/** A status in the reader's language (the code itself when it has no words yet). */
export function statusText(status: string | null | undefined, locale: Locale): string {
  if (status === null || status === undefined) return '';
  return statusWords(status, locale);
}

/** A coloured badge for a status, in the reader's language. */
export function statusBadge(status: string | null | undefined, locale: Locale): SafeHtml {
  return html`<span class="badge ${status ?? ''}">${statusText(status, locale)}</span>`;
}
