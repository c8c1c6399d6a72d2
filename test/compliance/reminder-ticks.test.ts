import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoPublisherId, startTestNetwork } from '../support/network.js';

/**
 * Issue 25, item 10e: the compliance job runs every 5 s and sends the claim reminders once a
 * minute. It sent them only on the tick that fell in a minute's first 5 s, so one late tick
 * (a long scan, a busy event loop) skipped the reminders of that minute.
 */
describeEachEngine('claim reminders and a late tick', (context) => {
  it('reminds in every minute however late its ticks fall', async () => {
    const t = await startTestNetwork(context().store);
    try {
      const action = await t.network.enforcement.withholdPayments({
        publisherId: await demoPublisherId(t),
        programId: t.demo.programId,
        rule: 'AE-P4',
        evidence: 'pop-unders reported by visitors',
        actor: 'advertiser:test',
        nowMs: t.clock.now,
      });
      const reminded = async () =>
        (
          await t.network.store.db
            .selectFrom('enforcement_actions')
            .select('reminded_at')
            .where('id', '=', action.id)
            .executeTakeFirstOrThrow()
        ).reminded_at;
      // Twelve hours before the claim window closes, 6 s into a minute: the minute's tick came
      // late (its first 5 s are over), and it is the only tick of that minute left.
      const minute = Math.floor((action.claimDeadlineAt! - 12 * 3_600_000) / 60_000) * 60_000;
      t.clock.now = minute + 6_000;
      await t.network.runCompliance();
      expect(Number(await reminded())).toBe(minute + 6_000);
    } finally {
      await t.app.close();
    }
  });
});
