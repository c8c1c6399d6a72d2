import { describe, expect, it } from 'vitest';
import {
  decisionToSuspend,
  decisionWhileHeld,
  decodeSuspended,
  encodeSuspended,
  reportOnSuspended,
  type SuspendedDecision,
} from '../../src/domain/ledger/compliance-hold.js';

/** NET-R8: a compliance hold suspends a decision and its release restores it. */
describe('the decision a compliance hold suspends', () => {
  const approved: SuspendedDecision = {
    status: 'approved',
    reason: null,
    rule: 'AE-C1',
    approvedAt: 1_000,
    decidedBy: 'api:key1',
  };

  it('suspends pending and approved decisions only (declined money is never held)', () => {
    const of = (status: string) =>
      decisionToSuspend({ status, reason: null, rule: 'R', approvedAt: 5, decidedBy: null });
    expect(of('approved')).toEqual({
      status: 'approved',
      reason: null,
      rule: 'R',
      approvedAt: 5,
      decidedBy: null,
    });
    expect(of('pending')).toMatchObject({ status: 'pending', approvedAt: null });
    for (const status of ['declined', 'held', 'paid']) expect(of(status)).toBeUndefined();
  });

  it('keeps a decision while a report leaves the order provisional; a settling report decides', () => {
    expect(reportOnSuspended(approved, { status: 'pending', reason: null, rule: 'R2' }, 9)).toEqual(
      { ...approved, rule: 'R2' },
    );
    // A second approval keeps the first approval's time (the invoice month).
    expect(
      reportOnSuspended(approved, { status: 'approved', reason: null, rule: 'AE-C1' }, 9),
    ).toEqual(approved);
    const pending: SuspendedDecision = {
      ...approved,
      status: 'pending',
      approvedAt: null,
      decidedBy: null,
    };
    expect(
      reportOnSuspended(pending, { status: 'approved', reason: null, rule: 'AE-C1' }, 9),
    ).toMatchObject({ status: 'approved', approvedAt: 9, decidedBy: null });
  });

  it('refuses an approval while held and applies a decline', () => {
    expect(decisionWhileHeld('approve')).toBe('refuse');
    expect(decisionWhileHeld('decline')).toBe('apply');
  });

  it('round-trips the stored form and reads a malformed one as none', () => {
    expect(decodeSuspended(encodeSuspended(approved))).toEqual(approved);
    expect(encodeSuspended(undefined)).toBeNull();
    for (const text of [null, '', '{', '[]', '{"status":"declined"}', '{"status":"approved"}'])
      expect(decodeSuspended(text)).toBeUndefined();
    expect(decodeSuspended(JSON.stringify({ ...approved, approvedAt: 1.5 }))).toBeUndefined();
  });
});
