import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  generateChecksumSecret,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import {
  browserClick,
  dismissFlag,
  leadPixel,
  orderCommission,
  decideOrder,
} from '../support/compliance.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Issue 27, item 5 (NET-R8): a compliance hold suspends the decision it finds and the flag's
 * dismissal restores it. An approval stays an approval with its first approval time (its invoice
 * month does not move) and its commission rule (not the flag's); a pending order is pending
 * again; a declined one is never held. While held, an approval is refused and a decline applies
 * at once (and stays after the dismissal). The ledger balances throughout.
 */
describeEachEngine(
  'a compliance hold suspends and its release restores the decision',
  (context) => {
    let t: TestNetwork;
    let programId: string;
    let clickUrl: string;
    let apiKey: string;
    let token: string;
    let secret: string;
    let advertiser: { email: string; password: string };
    beforeAll(async () => {
      t = await startTestNetwork(context().store);
      const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
      ({ programId, clickUrl, advertiserApiKey: apiKey } = webshop);
      advertiser = webshop.advertiser;
      token = await sessionToken(t, advertiser.email, advertiser.password);
      secret = await generateChecksumSecret(t, programId, token);
      // The publisher logs in from 127.0.0.1: its own clicks from there are self-purchases.
      await client(t).login(t.demo.publisher.email, t.demo.publisher.password);
    });
    afterAll(async () => {
      await t.app.close();
    });

    /** A lead from the publisher's own address (127.0.0.1): a self-purchase, which holds. */
    const ownLead = async (number: string) => {
      const tduid = await browserClick(t, clickUrl);
      t.clock.now += 120_000;
      expect((await leadPixel(t, programId, secret, tduid, number)).statusCode).toBe(202);
    };
    const commission = (number: string) => orderCommission(t, programId, number);
    const decide = (number: string, decision: 'approve' | 'decline') =>
      decideOrder(t, programId, apiKey, number, decision);
    const scan = async () => {
      t.clock.now += 60_000;
      await t.network.scanner.scan(t.clock.now);
    };
    const openFlags = (orderId: string) =>
      t.network.store.db
        .selectFrom('violations')
        .select(['id', 'rule'])
        .where('order_id', '=', orderId)
        .where('status', '=', 'open')
        .execute();
    const dismissAll = async (orderId: string) => {
      const flags = await openFlags(orderId);
      expect(flags.length).toBeGreaterThan(0);
      // A fresh session: the clock may have moved past the last one's expiry.
      const session = await sessionToken(t, advertiser.email, advertiser.password);
      for (const flag of flags) await dismissFlag(t, session, flag.id);
    };
    const balanced = async () =>
      expect((await repos(t.network.store).ledger.verify()).mismatches).toEqual([]);

    it('approve → hold → release: still approved, same approval time and rule, ledger balanced', async () => {
      await ownLead('H-1');
      expect((await decide('H-1', 'approve')).statusCode).toBe(200);
      const approved = await commission('H-1');
      expect(approved).toMatchObject({ status: 'approved', reason: null });
      expect(approved.approved_at).toBe(t.clock.now);

      await scan();
      const held = await commission('H-1');
      expect(held).toMatchObject({ status: 'held', reason: 'policy_review' });
      expect(held.approved_at).toBeNull(); // not invoiced while held
      await balanced();

      // The review takes weeks: the release must not move the approval into another month.
      t.clock.now += 40 * 86_400_000;
      await dismissAll(held.order_id);
      expect(await commission('H-1')).toEqual(approved);
      await balanced();
    });

    it('pending → hold → release: pending again, never approved', async () => {
      await ownLead('H-2');
      const pending = await commission('H-2');
      expect(pending).toMatchObject({ status: 'pending', approved_at: null });
      await scan();
      const held = await commission('H-2');
      expect(held).toMatchObject({ status: 'held', reason: 'policy_review' });
      await dismissAll(held.order_id);
      expect(await commission('H-2')).toEqual(pending);
      await balanced();
    });

    it('a declined order is never held: it stays declined', async () => {
      await ownLead('H-3');
      expect((await decide('H-3', 'decline')).statusCode).toBe(200);
      const declined = await commission('H-3');
      expect(declined).toMatchObject({ status: 'declined', reason: 'fraud' });
      await scan();
      expect(await commission('H-3')).toEqual(declined);
      await balanced();
    });

    it('while held, an approval is refused with nothing changed and a decline applies and outlives the release', async () => {
      await ownLead('H-4');
      await ownLead('H-5');
      await scan();
      const held = await commission('H-4');
      expect(held).toMatchObject({ status: 'held', reason: 'policy_review' });

      const refused = await decide('H-4', 'approve');
      expect(refused.statusCode).toBe(409);
      expect((refused.json() as { code: string }).code).toMatch(
        /^(order_flagged|commission_held)$/,
      );
      expect(await commission('H-4')).toEqual(held);

      // A decline ends the hold at once; dismissing the flag afterwards leaves it declined.
      expect((await decide('H-5', 'decline')).statusCode).toBe(200);
      const declined = await commission('H-5');
      expect(declined).toMatchObject({ status: 'declined', reason: 'fraud', approved_at: null });
      await dismissAll(declined.order_id);
      expect(await commission('H-5')).toEqual(declined);

      // H-4's flags reviewed: it is pending again, and then the advertiser's approval counts.
      await dismissAll(held.order_id);
      expect(await commission('H-4')).toMatchObject({ status: 'pending' });
      expect((await decide('H-4', 'approve')).statusCode).toBe(200);
      expect(await commission('H-4')).toMatchObject({ status: 'approved' });
      await balanced();
    });
  },
);
