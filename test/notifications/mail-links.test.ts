import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork } from '../support/seed.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { Mailer } from '../../src/services/mailer.js';
import { EventDispatcher } from '../../src/services/event-dispatcher.js';
import { Notifications } from '../../src/services/notifications.js';
import { DIGEST_LINES } from '../../src/services/commission-digest.js';
import { commissionUpdated, payoutPaid, statementIssued } from '../../src/domain/events/events.js';

const NOW = Date.UTC(2026, 10, 3, 9);
const BASE = 'https://net.example';

/**
 * Links in notification mails: under PUBLIC_URL, to the page the mail is about and to the
 * account page that switches it off (which a GET opens); without PUBLIC_URL, words only.
 */
describeEachEngine('the links in notification mails', (context) => {
  it('points at the statement, the statements, the transactions and the account page', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    await repos(store).users.create(
      {
        email: 'links@deals.example',
        passwordHash: 'x',
        role: 'publisher',
        name: 'Links',
        publisherId: seeded.publisher.id,
      },
      NOW,
    );
    const mailer = new Mailer(store, { from: 'affnet <no-reply@test>' });
    const notifications = new Notifications(store, mailer, () => BASE);
    const dispatcher = new EventDispatcher(store);
    dispatcher.listen(notifications.listener);
    const commission = {
      id: 'com_1',
      orderId: null,
      programId: seeded.program.id,
      publisherId: seeded.publisher.id,
      siteId: seeded.site.id,
      kind: 'sale',
      amountMinor: 1230,
      currency: 'EUR',
      status: 'approved',
      reason: null,
      rule: null,
      clickId: null,
    };
    await repos(store).events.append(
      [
        commissionUpdated({ status: 'pending', amountMinor: 1230 }, commission),
        statementIssued({
          id: 'stm_1',
          publisherId: seeded.publisher.id,
          period: '2026-10',
          payableMinor: 1230,
          payoutMinor: 1230,
          currency: 'EUR',
        }),
        payoutPaid({
          id: 'pay_1',
          runId: 'por_1',
          publisherId: seeded.publisher.id,
          statementIds: [],
          amountMinor: 1230,
          currency: 'EUR',
        }),
      ],
      NOW,
    );
    expect(await dispatcher.dispatch(NOW)).toBe(3);
    expect(await notifications.digest.send(NOW + 86_400_000)).toBe(1);
    const bodies = new Map(
      (await mailer.recent()).map((mail) => [mail.subject.split(':')[0], mail.textBody]),
    );
    expect(bodies.get('Your statement for 2026-10')).toContain(
      `Your statement: ${BASE}/publisher/statements/stm_1`,
    );
    expect(bodies.get('Payout sent')).toContain(`Your statements: ${BASE}/publisher/statements`);
    expect(bodies.get('Your commissions of 2026-11-03')).toContain(
      `Your transactions: ${BASE}/publisher/transactions`,
    );
    expect(bodies.get('Your commissions of 2026-11-03')).toContain(
      'Approved  EUR 12.30  AliExpress, order com_1',
    );
    for (const body of bodies.values())
      expect(body).toMatch(new RegExp(`switched on: ${BASE}/account$`));

    // A busy day: the first DIGEST_LINES decisions are listed, the rest counted and totalled.
    const busy = NOW + 86_400_000;
    await repos(store).events.append(
      Array.from({ length: DIGEST_LINES + 2 }, (_, i) =>
        commissionUpdated(
          { status: 'pending', amountMinor: 100 },
          { ...commission, id: `com_${i + 10}`, amountMinor: 100 },
        ),
      ),
      busy,
    );
    await dispatcher.dispatch(busy);
    expect(await notifications.digest.send(busy + 86_400_000)).toBe(1);
    const [latest] = await mailer.recent(1);
    expect(latest!.subject).toBe(
      `Your commissions of 2026-11-04: ${DIGEST_LINES + 2} approved, 0 declined`,
    );
    expect(latest!.textBody.match(/^Approved {2}EUR 1\.00/gm)).toHaveLength(DIGEST_LINES);
    expect(latest!.textBody).toContain('… and 2 more.');
    expect(latest!.textBody).toContain(
      `Approved in total: EUR ${DIGEST_LINES + 2}.00 (${DIGEST_LINES + 2}).`,
    );
  });
});
