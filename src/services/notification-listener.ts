import type { Repos } from '../storage/repositories/repos.js';
import {
  NO_WRITES,
  type DispatchedEvent,
  type EventListener,
  type ListenerWrites,
} from './event-dispatcher.js';
import type { Mailer } from './mailer.js';
import {
  digestDecisionOf,
  type DigestDecision,
} from '../domain/notifications/notification-kinds.js';
import { formatAmountText } from '../web/format.js';
import { portalLink, queueNotification } from './notification-mail.js';
import type { Amount } from '../domain/events/events.js';

/**
 * Notifications (issue 27, item 7) as a listener of the event outbox: in the dispatcher's
 * transaction it only writes — a commission approved or declined waits for its publisher's
 * daily digest (commission-digest.ts), a statement issued and a payout sent become mails in
 * the outbox for the publisher's users who want them, in their language. An event is handed
 * on once, so its mail is written once; the mail job sends it.
 */
export class NotificationListener implements EventListener {
  readonly name = 'notifications';

  constructor(
    private readonly mailer: Mailer,
    private readonly linkBase: () => string | undefined,
  ) {}

  /**
   * Commission events become digest entries (worked out here, written in the transaction); a
   * statement issued or a payout sent, rare, reads its readers and queues its mails in it.
   */
  prepare(events: readonly DispatchedEvent[], _r: Repos, nowMs: number): Promise<ListenerWrites> {
    const decisions: DigestDecision[] = [];
    const mails: DispatchedEvent[] = [];
    for (const event of events) {
      if (event.type === 'commission.created' || event.type === 'commission.updated') {
        const decision = digestDecisionOf(event, nowMs);
        if (decision !== undefined) decisions.push(decision);
      } else if (event.type === 'statement.issued' || event.type === 'payout.paid')
        mails.push(event);
    }
    if (decisions.length === 0 && mails.length === 0) return Promise.resolve(NO_WRITES);
    return Promise.resolve(async (t: Repos) => {
      for (const event of mails)
        if (event.type === 'statement.issued') await this.#statementIssued(event, t, nowMs);
        else await this.#payoutSent(event, t, nowMs);
      await t.notifications.addDigestEntries(decisions, nowMs);
    });
  }

  async #statementIssued(event: DispatchedEvent, r: Repos, nowMs: number): Promise<void> {
    if (event.publisherId === null) return;
    const statement = event.data.statement as { id: string; period: string; payout: Amount };
    const readers = await r.notifications.readers(
      { publisherId: event.publisherId },
      'statement_issued',
    );
    const linkBase = this.linkBase();
    await queueNotification(
      r,
      this.mailer,
      readers,
      'statement_issued',
      (locale) => ({
        name: 'statementIssued',
        values: {
          period: statement.period,
          amount: formatAmountText(statement.payout.value, statement.payout.currency, locale),
        },
        paragraphs: [
          portalLink(
            linkBase,
            `/publisher/statements/${statement.id}`,
            'email.statementIssued.link',
            'email.statementIssued.portal',
          ),
        ],
      }),
      linkBase,
      nowMs,
    );
  }

  async #payoutSent(event: DispatchedEvent, r: Repos, nowMs: number): Promise<void> {
    if (event.publisherId === null) return;
    const payout = event.data.payout as { statementIds: string[]; amount: Amount };
    const readers = await r.notifications.readers(
      { publisherId: event.publisherId },
      'payout_sent',
    );
    if (readers.length === 0) return;
    const numbers =
      payout.statementIds.length === 0
        ? new Map<string, string | null>()
        : await r.statements.numbersOf(payout.statementIds);
    const statements = payout.statementIds.map((id) => numbers.get(id) ?? id).join(', ') || '–';
    const linkBase = this.linkBase();
    await queueNotification(
      r,
      this.mailer,
      readers,
      'payout_sent',
      (locale) => ({
        name: 'payoutSent',
        values: {
          amount: formatAmountText(payout.amount.value, payout.amount.currency, locale),
          statements,
        },
        paragraphs: [
          portalLink(
            linkBase,
            '/publisher/statements',
            'email.payoutSent.link',
            'email.payoutSent.portal',
          ),
        ],
      }),
      linkBase,
      nowMs,
    );
  }
}
