import type { Store } from '../storage/database.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { DigestLine } from '../storage/repositories/notifications-repository.js';
import type { Locale, MessageKey } from '../i18n/catalogue.js';
import { translate } from '../i18n/catalogue.js';
import { utcDay } from '../domain/notifications/notification-kinds.js';
import { totalsByCurrency } from '../domain/notifications/digest-totals.js';
import { formatAmountText, formatDate } from '../web/format.js';
import type { Mailer } from './mailer.js';
import { portalLink, queueNotification, type NotificationText } from './notification-mail.js';

/** The most decisions one digest lists line by line; the rest are counted (and totalled). */
export const DIGEST_LINES = 50;

/** Publisher days a run takes at a time. */
const BATCH = 100;

/** Raised in a digest's transaction when another run mailed its lines first. */
class DigestedElsewhere extends Error {}

/**
 * The publishers' daily digest of commission decisions (issue 27, item 7): once a day is over
 * (UTC, by the network's clock), each publisher's decisions of that day become one mail per
 * user who wants it, in the user's language, listing each decision with its amount and the
 * totals; the lines are deleted in the same transaction, so a day is mailed once. One run at
 * a time in the network (its scheduler job).
 */
export class CommissionDigest {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly linkBase: () => string | undefined,
  ) {}

  /** Mails every finished day's digests; how many publisher days were mailed. */
  async send(nowMs: number): Promise<number> {
    const today = utcDay(nowMs);
    let total = 0;
    for (;;) {
      const due = await repos(this.store).notifications.dueDigests(today, BATCH);
      for (const { publisherId, day } of due) {
        try {
          await repos(this.store).transaction((t) => this.#mail(t, publisherId, day, nowMs));
        } catch (error) {
          if (error instanceof DigestedElsewhere) return total;
          throw error;
        }
        total += 1;
      }
      if (due.length < BATCH) return total;
    }
  }

  async #mail(t: Repos, publisherId: string, day: string, nowMs: number): Promise<void> {
    const lines = await t.notifications.digestLines(publisherId, day);
    if (lines.length === 0) return;
    const readers = await t.notifications.readers({ publisherId }, 'commission_digest');
    const linkBase = this.linkBase();
    await queueNotification(
      t,
      this.mailer,
      readers,
      'commission_digest',
      (locale) => digestText(lines, day, locale, linkBase),
      linkBase,
      nowMs,
    );
    if (!(await t.notifications.deleteDigestEntries(lines.map((line) => line.id))))
      throw new DigestedElsewhere();
  }
}

/** One day's digest in `locale`: each decision (up to DIGEST_LINES), then the totals. */
function digestText(
  lines: readonly DigestLine[],
  day: string,
  locale: Locale,
  linkBase: string | undefined,
): NotificationText {
  const approved = lines.filter((line) => line.decision === 'approved');
  const declined = lines.filter((line) => line.decision === 'declined');
  const money = (amounts: readonly { amount: string; currency: string }[]) =>
    totalsByCurrency(amounts)
      .map((total) => formatAmountText(total.amount, total.currency, locale))
      .join(' + ');
  const listed = lines.slice(0, DIGEST_LINES).map((line) =>
    translate(locale, `email.commissionDigest.${line.decision}`, {
      amount: formatAmountText(line.amount, line.currency, locale),
      program: line.programName,
      order: line.orderNumber ?? line.commissionId,
    }),
  );
  const totals: [MessageKey, Record<string, string | number>][] = [];
  if (approved.length > 0)
    totals.push([
      'email.commissionDigest.approvedTotal',
      { amount: money(approved), count: approved.length },
    ]);
  if (declined.length > 0)
    totals.push([
      'email.commissionDigest.declinedTotal',
      { amount: money(declined), count: declined.length },
    ]);
  const more = lines.length - listed.length;
  return {
    name: 'commissionDigest',
    values: {
      day: formatDate(Date.parse(`${day}T00:00:00Z`), locale),
      approved: approved.length,
      declined: declined.length,
    },
    paragraphs: [
      listed.join('\n'),
      ...(more > 0
        ? [['email.commissionDigest.more', { count: more }] as [MessageKey, { count: number }]]
        : []),
      totals.map(([key, values]) => translate(locale, key, values)).join('\n'),
      portalLink(
        linkBase,
        '/publisher/transactions',
        'email.commissionDigest.link',
        'email.commissionDigest.portal',
      ),
    ],
  };
}
