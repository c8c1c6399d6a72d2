import { describe, expect, it } from 'vitest';
import {
  digestDecisionOf,
  notificationKindsOf,
  refusalAlertDue,
  REFUSED_REPORTS_ALERT,
} from '../../src/domain/notifications/notification-kinds.js';
import { totalsByCurrency } from '../../src/domain/notifications/digest-totals.js';

const NOW = Date.UTC(2026, 11, 4, 23, 59);
const commission = (status: string, value: string) => ({
  id: 'com_1',
  orderId: 'ord_1',
  programId: 'prg_1',
  amount: { value, currency: 'EUR' },
  status,
});

describe('notifications in the core', () => {
  it('lists approvals and declines in the digest, and nothing else', () => {
    const updated = (change: string, before: string, after: string) => ({
      type: 'commission.updated',
      publisherId: 'pub_1',
      data: {
        change,
        before: { status: 'pending', amount: { value: before, currency: 'EUR' } },
        commission: commission(change, after),
      },
    });
    expect(digestDecisionOf(updated('approved', '1.00', '1.20'), NOW)).toEqual({
      publisherId: 'pub_1',
      programId: 'prg_1',
      commissionId: 'com_1',
      orderId: 'ord_1',
      decision: 'approved',
      amount: '1.20',
      currency: 'EUR',
      day: '2026-12-04',
    });
    // A decline names what was declined: the amount before it.
    expect(digestDecisionOf(updated('declined', '4.50', '0.00'), NOW)?.amount).toBe('4.50');
    for (const change of ['held', 'released', 'adjusted'])
      expect(digestDecisionOf(updated(change, '1.00', '1.00'), NOW)).toBeUndefined();
    const created = (status: string) => ({
      type: 'commission.created',
      publisherId: 'pub_1',
      data: { commission: commission(status, '2.00') },
    });
    expect(digestDecisionOf(created('approved'), NOW)?.decision).toBe('approved');
    expect(digestDecisionOf(created('pending'), NOW)).toBeUndefined();
    expect(
      digestDecisionOf({ type: 'order.created', publisherId: 'pub_1', data: {} }, NOW),
    ).toBeUndefined();
    expect(digestDecisionOf({ ...created('approved'), publisherId: null }, NOW)).toBeUndefined();
  });

  it('totals amounts exactly per currency', () => {
    expect(
      totalsByCurrency([
        { amount: '0.10', currency: 'EUR' },
        { amount: '0.20', currency: 'EUR' },
        { amount: '1500', currency: 'JPY' },
        { amount: '0.7', currency: 'EUR' },
      ]),
    ).toEqual([
      { amount: '1.00', currency: 'EUR' },
      { amount: '1500', currency: 'JPY' },
    ]);
  });

  it('alerts on more than the threshold, then stays quiet for a day', () => {
    const { threshold, quietMs } = REFUSED_REPORTS_ALERT;
    expect(refusalAlertDue(threshold, undefined, NOW)).toBe(false);
    expect(refusalAlertDue(threshold + 1, undefined, NOW)).toBe(true);
    expect(refusalAlertDue(threshold + 1, NOW - quietMs + 1, NOW)).toBe(false);
    expect(refusalAlertDue(threshold + 1, NOW - quietMs, NOW)).toBe(true);
  });

  it('gives each role its own switches, the admin none', () => {
    expect(notificationKindsOf('publisher')).toEqual([
      'commission_digest',
      'statement_issued',
      'payout_sent',
    ]);
    expect(notificationKindsOf('advertiser')).toEqual([
      'application_received',
      'invoice_issued',
      'reports_refused',
      'feed_failing',
    ]);
    expect(notificationKindsOf('admin')).toEqual([]);
  });
});
