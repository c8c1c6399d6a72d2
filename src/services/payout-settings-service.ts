import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { formatMinorUnits, parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import { DEFAULT_MINIMUM_PAYOUT_MINOR } from '../domain/payments/minimum-payout.js';
import { repos } from '../storage/repositories/repos.js';

export class PayoutSettingsError extends DomainError {}

const MAXIMUM_MINIMUM_PAYOUT_MINOR = 10_000_000;
const SETTING = 'minimum_payout_minor';

/**
 * The minimum payout: a network setting (new publishers start with it) and each publisher's
 * own, which the publisher may raise but never set below the network's. A statement pays a
 * balance at or above the publisher's minimum and carries a smaller one over.
 */
export class PayoutSettingsService {
  constructor(private readonly store: Store) {}

  async networkMinimum(): Promise<number> {
    const value = await repos(this.store).settings.get(SETTING);
    return value === undefined ? DEFAULT_MINIMUM_PAYOUT_MINOR : Number(value);
  }

  /**
   * Sets the network's minimum; publishers still on the previous network minimum (who never
   * chose their own) move with it. Recorded in the audit log with before and after.
   */
  async setNetworkMinimum(
    amountText: string,
    actor: string,
    nowMs: number,
  ): Promise<{ minimumMinor: number; publishersMoved: number }> {
    const minimumMinor = parseMinimum(amountText);
    return this.store.db.transaction().execute(async (trx) => {
      const settings = repos(this.store, trx).settings;
      const stored = await settings.get(SETTING);
      const before = stored === undefined ? DEFAULT_MINIMUM_PAYOUT_MINOR : Number(stored);
      await settings.set(SETTING, String(minimumMinor));
      const moved = await trx
        .updateTable('publishers')
        .set({ minimum_payout_minor: minimumMinor })
        .where('minimum_payout_minor', '=', before)
        .executeTakeFirst();
      const publishersMoved = Number(moved.numUpdatedRows);
      await repos(trx).audit.record(
        {
          actor,
          action: 'setting.minimum_payout',
          subjectType: 'setting',
          subjectId: SETTING,
          details: {
            before: { minimumPayout: formatMinorUnits(before, 2) },
            after: { minimumPayout: formatMinorUnits(minimumMinor, 2) },
            currency: 'EUR',
            publishersMoved,
          },
        },
        nowMs,
      );
      return { minimumMinor, publishersMoved };
    });
  }

  /** A publisher's own minimum and the network's it may not go below. */
  async ofPublisher(publisherId: string): Promise<{ minimumMinor: number; networkMinor: number }> {
    const row = await this.store.db
      .selectFrom('publishers')
      .select('minimum_payout_minor')
      .where('id', '=', publisherId)
      .executeTakeFirst();
    if (row === undefined)
      throw new PayoutSettingsError('unknown_publisher', `no publisher "${publisherId}"`);
    return { minimumMinor: row.minimum_payout_minor, networkMinor: await this.networkMinimum() };
  }

  /** A publisher raises (or lowers back to the network's) its own minimum payout. */
  async setPublisherMinimum(
    publisherId: string,
    amountText: string,
    actor: string,
    nowMs: number,
  ): Promise<{ minimumMinor: number; networkMinor: number }> {
    const minimumMinor = parseMinimum(amountText);
    const { minimumMinor: before, networkMinor } = await this.ofPublisher(publisherId);
    if (minimumMinor < networkMinor)
      throw new PayoutSettingsError(
        'below_network_minimum',
        `minimumPayout: the network pays from EUR ${formatMinorUnits(networkMinor, 2)}; choose that amount or more`,
        [{ path: 'minimumPayout', message: `at least ${formatMinorUnits(networkMinor, 2)}` }],
        { minimum: formatMinorUnits(networkMinor, 2) },
      );
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('publishers')
        .set({ minimum_payout_minor: minimumMinor })
        .where('id', '=', publisherId)
        .execute();
      await repos(trx).audit.record(
        {
          actor,
          action: 'publisher.minimum_payout',
          subjectType: 'publisher',
          subjectId: publisherId,
          details: {
            before: { minimumPayout: formatMinorUnits(before, 2) },
            after: { minimumPayout: formatMinorUnits(minimumMinor, 2) },
            currency: 'EUR',
          },
        },
        nowMs,
      );
    });
    return { minimumMinor, networkMinor };
  }
}

/** An amount in EUR such as "50" or "75.50": more than 0, at most 100,000, whole cents. */
function parseMinimum(text: string): number {
  const value = parseDecimal(text.trim());
  const minor = value === undefined ? undefined : toMinorUnits(value, 2);
  if (minor === undefined || minor <= 0 || minor > MAXIMUM_MINIMUM_PAYOUT_MINOR)
    throw new PayoutSettingsError(
      'invalid_minimum_payout',
      `minimumPayout: expected an amount in EUR such as "50.00" (more than 0, at most 100000.00, whole cents), got "${text}"`,
      [{ path: 'minimumPayout', message: 'expected an amount in EUR such as "50.00"' }],
    );
  return minor;
}
