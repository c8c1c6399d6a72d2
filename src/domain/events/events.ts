import { minorUnitDigits } from '../money/currencies.js';
import { formatMinorUnits } from '../money/decimal.js';

/**
 * The network's events: what changed in an account's money or standing, written in the same
 * transaction as the change (the outbox, `events`), then handed to whoever listens (webhooks,
 * postbacks, notifications). Names are dot-separated, as in Standard Webhooks.
 */
export const EVENT_TYPES = [
  'commission.created',
  'commission.updated',
  'order.created',
  'order.updated',
  'application.created',
  'application.approved',
  'application.rejected',
  'invoice.issued',
  'statement.issued',
  'payout.paid',
  'promotion.created',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(text: string): text is EventType {
  return (EVENT_TYPES as readonly string[]).includes(text);
}

/**
 * Who an event concerns. A publisher hears only of its own money (`publisherId`), an advertiser
 * only of its programs (`programId`, or `advertiserId` for what is not a program's, e.g. an
 * invoice naming its advertiser). The dispatcher fills `advertiserId` from the program. A
 * program's news to its publishers (`promotion.created`) names no publisher: who hears of it
 * is the program's approved publishers when it is handed on (`promotionAudience`).
 */
export interface EventRouting {
  programId: string | null;
  publisherId: string | null;
  advertiserId: string | null;
}

/** An event as written by the change that caused it. */
export interface NewEvent extends EventRouting {
  type: EventType;
  /** What the event is about: a commission, order, membership, invoice, statement or payout id. */
  subjectId: string;
  data: Record<string, unknown>;
}

/** An amount as a decimal string with its currency ("12.30", "EUR"), never a float. */
export interface Amount {
  value: string;
  currency: string;
}

export function amountOf(minor: number, currency: string): Amount {
  return { value: formatMinorUnits(minor, minorUnitDigits(currency)), currency };
}

/** What changed about a commission, for `commission.updated`. */
export type CommissionChange = 'approved' | 'declined' | 'held' | 'released' | 'adjusted';

export interface CommissionState {
  status: string;
  amountMinor: number;
}

/**
 * Names a commission's change: its new status, `released` when a hold ends in pending, or
 * `adjusted` when only the amount moved. A payout's move to paid is no commission event: the
 * payout's own (`payout.paid`) tells it once.
 */
export function commissionChangeOf(
  before: CommissionState,
  after: CommissionState,
): CommissionChange {
  if (before.status === after.status) return 'adjusted';
  if (after.status === 'approved') return 'approved';
  if (after.status === 'declined') return 'declined';
  if (after.status === 'held') return 'held';
  return before.status === 'held' ? 'released' : 'adjusted';
}

/** A commission as events carry it. */
export interface CommissionFacts {
  id: string;
  orderId: string | null;
  programId: string;
  publisherId: string;
  siteId: string | null;
  kind: string;
  amountMinor: number;
  currency: string;
  status: string;
  reason: string | null;
  rule: string | null;
  /**
   * The click that credited this commission (`clk_…`), kept when its order moves to another
   * publisher's click; null when a voucher code credited it. A postback fills {epi}, {epi2} and
   * {tduid} from it, never from the order's current click.
   */
  clickId: string | null;
}

export function commissionCreated(c: CommissionFacts): NewEvent {
  return {
    type: 'commission.created',
    subjectId: c.id,
    programId: c.programId,
    publisherId: c.publisherId,
    advertiserId: null,
    data: { commission: commissionData(c) },
  };
}

export function commissionUpdated(before: CommissionState, after: CommissionFacts): NewEvent {
  return {
    type: 'commission.updated',
    subjectId: after.id,
    programId: after.programId,
    publisherId: after.publisherId,
    advertiserId: null,
    data: {
      change: commissionChangeOf(before, after),
      before: { status: before.status, amount: amountOf(before.amountMinor, after.currency) },
      after: { status: after.status, amount: amountOf(after.amountMinor, after.currency) },
      commission: commissionData(after),
    },
  };
}

function commissionData(c: CommissionFacts): Record<string, unknown> {
  return {
    id: c.id,
    orderId: c.orderId,
    programId: c.programId,
    publisherId: c.publisherId,
    siteId: c.siteId,
    kind: c.kind,
    amount: amountOf(c.amountMinor, c.currency),
    status: c.status,
    reason: c.reason,
    rule: c.rule,
    clickId: c.clickId,
  };
}

/** An order as events carry it: no customer data, only what the parties see of it. */
export interface OrderFacts {
  id: string;
  programId: string;
  orderNumber: string;
  publisherId: string | null;
  siteId: string | null;
  event: string;
  status: string;
  /** In the order's currency. */
  valueMinor: number;
  /** The order's whole commission, in the program's currency (what its commissions carry). */
  commissionMinor: number;
  /** The order's currency. */
  currency: string;
  /** The program's currency: the commission's, never the order's (AE-C6 converts). */
  commissionCurrency: string;
  placedAtMs: number;
}

export function orderEvent(type: 'order.created' | 'order.updated', o: OrderFacts): NewEvent {
  return {
    type,
    subjectId: o.id,
    programId: o.programId,
    publisherId: o.publisherId,
    advertiserId: null,
    data: {
      order: {
        id: o.id,
        programId: o.programId,
        orderNumber: o.orderNumber,
        publisherId: o.publisherId,
        siteId: o.siteId,
        event: o.event,
        status: o.status,
        value: amountOf(o.valueMinor, o.currency),
        commission: amountOf(o.commissionMinor, o.commissionCurrency),
        placedAt: new Date(o.placedAtMs).toISOString(),
      },
    },
  };
}

/** A publisher's application to a program (a membership). */
export interface ApplicationFacts {
  id: string;
  programId: string;
  publisherId: string;
  siteId: string;
  status: string;
  reason: string | null;
}

export function applicationEvent(
  type: 'application.created' | 'application.approved' | 'application.rejected',
  a: ApplicationFacts,
): NewEvent {
  return {
    type,
    subjectId: a.id,
    programId: a.programId,
    publisherId: a.publisherId,
    advertiserId: null,
    data: {
      application: {
        id: a.id,
        programId: a.programId,
        publisherId: a.publisherId,
        siteId: a.siteId,
        status: a.status,
        reason: a.reason,
      },
    },
  };
}

export interface InvoiceFacts {
  id: string;
  advertiserId: string;
  programId: string;
  period: string;
  commissionMinor: number;
  feeMinor: number;
  totalMinor: number;
  currency: string;
}

/** An advertiser's invoice: the advertiser's event only (a publisher never sees it). */
export function invoiceIssued(i: InvoiceFacts): NewEvent {
  return {
    type: 'invoice.issued',
    subjectId: i.id,
    programId: i.programId,
    publisherId: null,
    advertiserId: i.advertiserId,
    data: {
      invoice: {
        id: i.id,
        programId: i.programId,
        period: i.period,
        commission: amountOf(i.commissionMinor, i.currency),
        fee: amountOf(i.feeMinor, i.currency),
        total: amountOf(i.totalMinor, i.currency),
      },
    },
  };
}

export interface StatementFacts {
  id: string;
  publisherId: string;
  period: string;
  payableMinor: number;
  payoutMinor: number;
  currency: string;
}

/** A publisher's statement: the publisher's event only (it spans programs). */
export function statementIssued(s: StatementFacts): NewEvent {
  return {
    type: 'statement.issued',
    subjectId: s.id,
    programId: null,
    publisherId: s.publisherId,
    advertiserId: null,
    data: {
      statement: {
        id: s.id,
        period: s.period,
        payable: amountOf(s.payableMinor, s.currency),
        payout: amountOf(s.payoutMinor, s.currency),
      },
    },
  };
}

export interface PayoutFacts {
  id: string;
  runId: string;
  publisherId: string;
  statementIds: string[];
  amountMinor: number;
  currency: string;
}

/** A publisher's payout sent: the publisher's event only. */
export function payoutPaid(p: PayoutFacts): NewEvent {
  return {
    type: 'payout.paid',
    subjectId: p.id,
    programId: null,
    publisherId: p.publisherId,
    advertiserId: null,
    data: {
      payout: {
        id: p.id,
        runId: p.runId,
        statementIds: p.statementIds,
        amount: amountOf(p.amountMinor, p.currency),
      },
    },
  };
}

/** A promotion as events carry it (issue 29): what its publishers see of it, with its code. */
export interface PromotionFacts {
  id: string;
  programId: string;
  title: { nl: string; en: string };
  description: { nl: string; en: string } | null;
  url: string | null;
  kind: string;
  code: string | null;
  exclusiveSiteId: string | null;
  startsAtMs: number;
  endsAtMs: number;
}

/**
 * A promotion become current (at its creation when it runs already, else when its start comes):
 * the advertiser's event, and that of the publishers approved in the program, an exclusive one
 * only of its site's publisher (`promotionAudience`).
 */
export function promotionCreated(p: PromotionFacts): NewEvent {
  return {
    type: 'promotion.created',
    subjectId: p.id,
    programId: p.programId,
    publisherId: null,
    advertiserId: null,
    data: {
      promotion: {
        id: p.id,
        programId: p.programId,
        title: p.title,
        description: p.description,
        url: p.url,
        kind: p.kind,
        code: p.code,
        exclusiveSiteId: p.exclusiveSiteId,
        startsAt: new Date(p.startsAtMs).toISOString(),
        endsAt: new Date(p.endsAtMs).toISOString(),
      },
    },
  };
}
