import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import {
  REFUSED_REPORTS_ALERT,
  refusalAlertDue,
} from '../domain/notifications/notification-kinds.js';
import type { Mailer } from './mailer.js';
import { portalLink, queueNotification } from './notification-mail.js';

const KIND = 'reports_refused';

/**
 * Tells an advertiser that a program's integration looks broken (issue 27, item 7): when more
 * than REFUSED_REPORTS_ALERT.threshold pixel or API reports of the program were refused within
 * the last hour (the integration status's refused rows), its users who want it get one mail
 * naming the count and the refusal codes, and no other about that program for a day. The mail
 * and the alert's time commit together. One run at a time in the network (its job).
 */
export class RefusalAlerts {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly linkBase: () => string | undefined,
  ) {}

  /** Mails the alerts due now; how many programs were alerted. */
  async run(nowMs: number): Promise<number> {
    const r = repos(this.store);
    const bursts = await r.notifications.refusalBursts(
      nowMs - REFUSED_REPORTS_ALERT.windowMs,
      REFUSED_REPORTS_ALERT.threshold,
    );
    let alerted = 0;
    for (const burst of bursts) {
      const last = await r.notifications.lastAlert(burst.programId, KIND);
      if (!refusalAlertDue(burst.count, last, nowMs)) continue;
      const advertiserId = (await r.programs.advertisersOf([burst.programId])).get(burst.programId);
      if (advertiserId === undefined) continue;
      const program = await r.programs.nameOf(burst.programId);
      const linkBase = this.linkBase();
      await r.transaction(async (t) => {
        await queueNotification(
          t,
          this.mailer,
          await t.notifications.readers({ advertiserId }, KIND),
          KIND,
          () => ({
            name: 'reportsRefused',
            values: {
              program: program.name,
              count: burst.count,
              codes: burst.codes.join(', '),
            },
            paragraphs: [
              portalLink(
                linkBase,
                `/advertiser/tracking/${burst.programId}`,
                'email.reportsRefused.link',
                'email.reportsRefused.portal',
              ),
            ],
          }),
          linkBase,
          nowMs,
        );
        await t.notifications.recordAlert(burst.programId, KIND, nowMs);
      });
      alerted += 1;
    }
    return alerted;
  }
}
