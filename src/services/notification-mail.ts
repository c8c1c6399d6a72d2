import { composeEmail, localeOf } from '../i18n/email.js';
import type { Locale, MessageKey } from '../i18n/catalogue.js';
import type { Repos } from '../storage/repositories/repos.js';
import type { NotifiedUser } from '../storage/repositories/notifications-repository.js';
import type { Mailer } from './mailer.js';
import type { NotificationKind } from '../domain/notifications/notification-kinds.js';

type Values = Record<string, string | number>;
type Paragraph = readonly [MessageKey, Values] | string;

/** A notification's mail in one language: its name (`email.<name>.*`), values, paragraphs. */
export interface NotificationText {
  name: Parameters<typeof composeEmail>[1];
  values: Values;
  paragraphs?: readonly Paragraph[];
}

/**
 * Where a notification's links point: under PUBLIC_URL when the network knows it (a mail
 * written off the request path has no request to take an origin from, and never a Host
 * header's), else the portal named in words.
 */
export function portalLink(
  linkBase: string | undefined,
  path: string,
  linked: MessageKey,
  unlinked: MessageKey,
): Paragraph {
  return linkBase === undefined ? [unlinked, {}] : [linked, { link: `${linkBase}${path}` }];
}

/**
 * Writes one notification mail per reader, in the language each reads, ending with where to
 * switch it off; in the caller's transaction (`Mailer.queue`). The readers were chosen by
 * `kind`: only those who have it switched on.
 */
export async function queueNotification(
  r: Repos,
  mailer: Mailer,
  readers: readonly NotifiedUser[],
  kind: NotificationKind,
  text: (locale: Locale) => NotificationText,
  linkBase: string | undefined,
  nowMs: number,
): Promise<void> {
  for (const reader of readers) {
    const locale = localeOf(reader.locale);
    const { name, values, paragraphs = [] } = text(locale);
    const mail = composeEmail(locale, name, values, [
      ...paragraphs,
      portalLink(
        linkBase,
        '/account',
        'email.notifications.footer',
        'email.notifications.footerPortal',
      ),
    ]);
    await mailer.queue(r, { to: reader.email, kind, ...mail }, nowMs);
  }
}
