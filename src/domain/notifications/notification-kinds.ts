import { isoDateOfDayNumber, utcDayNumber } from '../dates.js';

/** The mails a publisher's user can switch off (each on until switched off). */
export const PUBLISHER_NOTIFICATIONS = [
  'commission_digest',
  'statement_issued',
  'payout_sent',
] as const;

/** The mails an advertiser's user can switch off. `invoice_issued` is sent by invoicing. */
export const ADVERTISER_NOTIFICATIONS = [
  'application_received',
  'invoice_issued',
  'reports_refused',
  'feed_failing',
] as const;

/** Every kind of switchable mail, publishers' then advertisers'. */
export const NOTIFICATION_KINDS = [
  ...PUBLISHER_NOTIFICATIONS,
  ...ADVERTISER_NOTIFICATIONS,
] as const;

export type NotificationKind =
  (typeof PUBLISHER_NOTIFICATIONS)[number] | (typeof ADVERTISER_NOTIFICATIONS)[number];

/** The switches a user of `role` has: none for the network admin. */
export function notificationKindsOf(role: string): readonly NotificationKind[] {
  if (role === 'publisher') return PUBLISHER_NOTIFICATIONS;
  if (role === 'advertiser') return ADVERTISER_NOTIFICATIONS;
  return [];
}

/**
 * When a program's integration looks broken: more than `threshold` reports refused within
 * `windowMs` make one alert mail to its advertiser, and no other for `quietMs` after it.
 */
export const REFUSED_REPORTS_ALERT = {
  threshold: 10,
  windowMs: 3_600_000,
  quietMs: 86_400_000,
} as const;

/** Whether a program's refused reports call for an alert now. */
export function refusalAlertDue(
  refusedInWindow: number,
  lastAlertMs: number | undefined,
  nowMs: number,
): boolean {
  if (refusedInWindow <= REFUSED_REPORTS_ALERT.threshold) return false;
  return lastAlertMs === undefined || nowMs - lastAlertMs >= REFUSED_REPORTS_ALERT.quietMs;
}

/** A commission decision as the publisher's daily digest lists it. */
export interface DigestDecision {
  publisherId: string;
  programId: string;
  commissionId: string;
  orderId: string | null;
  decision: 'approved' | 'declined';
  /** A decimal string ("12.30"). */
  amount: string;
  currency: string;
  /** The UTC date the decision was handed on (at once, by the dispatcher): its digest. */
  day: string;
}

interface CommissionEvent {
  type: string;
  publisherId: string | null;
  data: Record<string, unknown>;
}

interface EventCommission {
  id: string;
  orderId: string | null;
  programId: string;
  amount: { value: string; currency: string };
  status: string;
}

/**
 * The decision a commission event tells the publisher of: a commission approved or declined
 * (reported so, or decided later), with its amount (a decline names what was declined: the
 * amount before it); undefined for anything else (held, released, adjusted). Its day is the
 * day it is handed on (`nowMs`), so a digest already sent never gets a late line.
 */
export function digestDecisionOf(
  event: CommissionEvent,
  nowMs: number,
): DigestDecision | undefined {
  if (event.publisherId === null) return undefined;
  const commission = event.data.commission as EventCommission | undefined;
  if (commission === undefined) return undefined;
  let decision: string | undefined;
  let amount = commission.amount;
  if (event.type === 'commission.created') decision = commission.status;
  else if (event.type === 'commission.updated') {
    decision = event.data.change as string;
    const before = event.data.before as { amount?: { value: string; currency: string } };
    if (decision === 'declined' && before.amount !== undefined) amount = before.amount;
  }
  if (decision !== 'approved' && decision !== 'declined') return undefined;
  return {
    publisherId: event.publisherId,
    programId: commission.programId,
    commissionId: commission.id,
    orderId: commission.orderId,
    decision,
    amount: amount.value,
    currency: amount.currency,
    day: utcDay(nowMs),
  };
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(ms: number): string {
  return isoDateOfDayNumber(utcDayNumber(ms));
}
