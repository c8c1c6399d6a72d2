import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestNetwork } from './network.js';

/**
 * A visitor's click in Chrome (no bot, pop-up or stuffing flag of its own), from `address`
 * (none: the test's own 127.0.0.1, where the tests log publishers in); its tduid.
 */
export async function browserClick(
  t: TestNetwork,
  clickUrl: string,
  address?: string,
): Promise<string> {
  const answer = await t.app.inject({
    url: clickUrl,
    headers: {
      ...(address === undefined ? {} : { 'x-forwarded-for': address }),
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
      'sec-fetch-dest': 'document',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-user': '?1',
    },
  });
  expect(answer.statusCode).toBe(302);
  return new URL(answer.headers.location as string).searchParams.get('tduid')!;
}

/** A lead pixel (event 2) for `tduid`, signed with the program's checksum secret unless null. */
export function leadPixel(
  t: TestNetwork,
  programId: string,
  secret: string | null,
  tduid: string,
  leadNumber: string,
) {
  const checksum =
    secret === null
      ? ''
      : `&checksum=v04${createHash('md5')
          .update(secret + leadNumber)
          .digest('hex')}`;
  return t.app.inject({
    url: `/report?organization=${programId}&event=2&leadNumber=${leadNumber}&tduid=${tduid}${checksum}`,
    headers: { accept: 'application/json' },
  });
}

/** The advertiser (its session token) dismisses a compliance flag; throws when refused. */
export async function dismissFlag(
  t: TestNetwork,
  advertiserSession: string,
  violationId: string,
): Promise<void> {
  const review = await t.app.inject({
    method: 'POST',
    url: `/api/v1/advertiser/violations/${violationId}/review`,
    headers: { authorization: `Bearer ${advertiserSession}` },
    payload: { outcome: 'dismissed' },
  });
  expect(review.statusCode, review.body).toBeLessThan(300);
}

/** The product commission of an order as the hold tests compare it, with its order's id. */
export function orderCommission(t: TestNetwork, programId: string, orderNumber: string) {
  return t.network.store.db
    .selectFrom('commissions')
    .innerJoin('orders', 'orders.id', 'commissions.order_id')
    .select([
      'orders.id as order_id',
      'commissions.status',
      'commissions.reason',
      'commissions.rule',
      'commissions.amount_minor',
      'commissions.decided_by',
      'commissions.approved_at',
    ])
    .where('orders.program_id', '=', programId)
    .where('orders.order_number', '=', orderNumber)
    .where('commissions.kind', '=', 'product')
    .executeTakeFirstOrThrow();
}

/** The advertiser (its API key) approves an order, or declines it as fraud. */
export function decideOrder(
  t: TestNetwork,
  programId: string,
  apiKey: string,
  orderNumber: string,
  decision: 'approve' | 'decline',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/programs/${programId}/orders/${orderNumber}/validation`,
    headers: { authorization: `Bearer ${apiKey}` },
    payload: decision === 'approve' ? { decision } : { decision, reason: 'fraud' },
  });
}
