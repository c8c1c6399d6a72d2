import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { formatMinorUnits, parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import { DEFAULT_MINIMUM_PAYOUT_MINOR } from '../domain/payments/minimum-payout.js';
import { repos, type Repos } from '../storage/repositories/repos.js';

export class PayoutSettingsError extends DomainError {}

const MAXIMUM_MINIMUM_PAYOUT_MINOR = 10_000_000;
const SETTING = 'minimum_payout_minor';

/**
 * The minimum payout: a network setting (new publishers start with it) and each publisher's
 * own, which the publisher may raise but never set below the network's. A statement pays a
 * balance at or above the publisher's minimum and carries a smaller one over.
 */
export class PayoutSettingsService {
  private readonly repos: Repos;

  constructor(store: Store) {
    this.repos = repos(store);
  }

  async networkMinimum(): Promise<number> {
    const value = await this.repos.settings.get(SETTING);
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
    return this.repos.transaction(async (t) => {
      const settings = t.settings;
      const stored = await settings.get(SETTING);
      const before = stored === undefined ? DEFAULT_MINIMUM_PAYOUT_MINOR : Number(stored);
      await settings.set(SETTING, String(minimumMinor));
      const publishersMoved = await t.publishers.moveMinimumPayout(before, minimumMinor);
      await t.audit.record(
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
    const minimumMinor = await this.repos.publishers.minimumPayoutOf(publisherId);
    if (minimumMinor === undefined)
      throw new PayoutSettingsError('unknown_publisher', `no publisher "${publisherId}"`);
    return { minimumMinor, networkMinor: await this.networkMinimum() };
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
    await this.repos.transaction(async (t) => {
      await t.publishers.setMinimumPayout(publisherId, minimumMinor);
      await t.audit.record(
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
