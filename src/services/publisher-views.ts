import { VOUCHER_ATTRIBUTION } from './order-recorder.js';
import type { Store } from '../storage/database.js';
import type { CommissionStatus } from '../storage/schema.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import type { Quote } from '../domain/engine/quote.js';
import { repos } from '../storage/repositories/repos.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';

export class PublisherViewError extends DomainError {}

export interface TransactionFilter {
  status?: string | undefined;
  /** YYYY-MM-DD, inclusive (UTC days of placedAt). */
  from?: string | undefined;
  to?: string | undefined;
  /** One of the publisher's sites (another's matches none of the publisher's orders). */
  site?: string | undefined;
  limit?: number;
}

/** One of the publisher's orders in its transactions list (with its product commission). */
export interface PublisherTransactionView {
  orderId: string;
  orderNumber: string;
  programName: string;
  placedAt: number;
  epi: string | null;
  orderStatus: string;
  /** The product commission's status (null: the order earns none). */
  status: string | null;
  reason: string | null;
  totalMinor: number;
  validationDueAt: number | null;
  /** The site that earned the order (null: an order attributed without one). */
  siteId: string | null;
  siteName: string | null;
  /** Credited by a voucher code exclusive to the site, not a click (the detail page names it). */
  byVoucher: boolean;
}

/** One of the publisher's orders with every line explained, and the terms that explain it. */
export interface PublisherOrderView {
  order: {
    id: string;
    orderNumber: string;
    programId: string;
    programName: string;
    placedAt: number;
    status: string;
    currency: string;
    /** The voucher codes the order reported, when one of them credited it (issue 29). */
    attributedByCodes: string[] | null;
  };
  lines: {
    sku: string;
    name: string | null;
    category: string;
    baseMinor: number;
    rate: string;
    commissionMinor: number;
    commissionable: boolean;
    rule: string;
    /** Reason codes of the line. */
    reasons: string[];
  }[];
  commissions: {
    kind: string;
    amountMinor: number;
    currency: string;
    status: string;
    reason: string | null;
    rule: string | null;
    validationDueAt: number | null;
  }[];
  quote: Quote;
  /** The program's terms now (undefined: not loaded), for the words of its reasons. */
  terms: ProgramTerms | undefined;
}

/** One of a publisher's websites. */
export interface SiteView {
  id: string;
  name: string;
  url: string;
  status: string;
  createdAt: number;
}

/** A program and site the publisher is approved for: what a link can be built for. */
export interface ApprovedMembershipView {
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
}

const STATUSES: readonly CommissionStatus[] = ['pending', 'approved', 'declined', 'held', 'paid'];

function dayOrThrow(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const day = dayNumberOfIsoDate(text);
  if (day === undefined)
    throw new PublisherViewError('invalid_parameter', `${name}: expected a date as YYYY-MM-DD`);
  return day;
}

/**
 * What a publisher sees of their own data: transactions, one order with every line explained,
 * daily and per-sub-id figures, links. Every query is filtered by the publisher's id, so the
 * portal pages and the JSON API cannot show another publisher's data.
 */
export class PublisherViews {
  constructor(
    private readonly store: Store,
    /** A program's terms as the network runs them now (the link cache's). */
    private readonly termsOf: (programId: string) => ProgramTerms | undefined = () => undefined,
  ) {}

  /** The publisher's sites. */
  async sites(publisherId: string): Promise<SiteView[]> {
    const rows = await repos(this.store).publishers.sitesOf(publisherId);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      url: row.url,
      status: row.status,
      createdAt: row.created_at,
    }));
  }

  /** The publisher's balance per ledger account and in total. */
  async balances(publisherId: string) {
    return repos(this.store).ledger.balances(publisherId);
  }

  async transactions(publisherId: string, filter: TransactionFilter) {
    if (filter.status && !STATUSES.includes(filter.status as CommissionStatus))
      throw new PublisherViewError(
        'invalid_parameter',
        `status: expected one of ${STATUSES.join(', ')}`,
      );
    const from = dayOrThrow('from', filter.from);
    const to = dayOrThrow('to', filter.to);
    if (filter.site && !/^[\w-]{1,64}$/.test(filter.site))
      throw new PublisherViewError(
        'invalid_parameter',
        'site: expected the id of one of your sites',
      );
    const rows = await repos(this.store).publisherReads.transactions(publisherId, {
      ...(filter.status ? { status: filter.status as CommissionStatus } : {}),
      ...(filter.site ? { siteId: filter.site } : {}),
      ...(from !== undefined ? { fromMs: from * 86_400_000 } : {}),
      ...(to !== undefined ? { beforeMs: (to + 1) * 86_400_000 } : {}),
      limit: filter.limit ?? 500,
    });
    return rows.map((row): PublisherTransactionView => ({
      orderId: row.id,
      orderNumber: row.order_number,
      programName: row.program_name,
      placedAt: row.placed_at,
      epi: row.epi,
      orderStatus: row.order_status,
      status: row.status,
      reason: row.reason,
      totalMinor: row.total_minor,
      validationDueAt: row.validation_due_at,
      siteId: row.site_id,
      siteName: row.site_name,
      byVoucher: row.attribution === VOUCHER_ATTRIBUTION,
    }));
  }

  /**
   * One of the publisher's orders with its lines, commissions, quote and its program's terms;
   * 404 unknown_order when there is no such order among the publisher's.
   */
  async order(publisherId: string, orderId: string): Promise<PublisherOrderView> {
    const r = repos(this.store);
    const order = await r.publisherReads.order(publisherId, orderId);
    if (order === undefined)
      throw new PublisherViewError(
        'unknown_order',
        `no order "${orderId}" among your transactions`,
      );
    const [lines, commissions] = await Promise.all([
      r.orders.lines(order.id),
      r.commissions.ofOrder(order.id),
    ]);
    return {
      order: {
        id: order.id,
        orderNumber: order.order_number,
        programId: order.program_id,
        programName: order.program_name,
        placedAt: order.placed_at,
        status: order.status,
        currency: order.currency,
        attributedByCodes:
          order.attribution === VOUCHER_ATTRIBUTION
            ? ((JSON.parse(order.document) as { vouchers?: string[] }).vouchers ?? [])
            : null,
      },
      lines: lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        category: line.category,
        baseMinor: line.base_minor,
        rate: line.rate,
        commissionMinor: line.commission_minor,
        commissionable: line.commissionable === 1,
        rule: line.rule,
        reasons: JSON.parse(line.reasons) as string[],
      })),
      commissions: commissions.map((c) => ({
        kind: c.kind,
        amountMinor: c.amount_minor,
        currency: c.currency,
        status: c.status,
        reason: c.reason,
        rule: c.rule,
        validationDueAt: c.validation_due_at,
      })),
      quote: JSON.parse(order.quote) as Quote,
      terms: this.termsOf(order.program_id),
    };
  }

  /** Clicks, orders and commission per UTC day or per sub id, from the daily rollups. */
  async report(publisherId: string, fromDay: number, toDay: number, groupBy: 'day' | 'epi') {
    const rows = await repos(this.store).publisherReads.report(
      publisherId,
      fromDay,
      toDay,
      groupBy,
    );
    return rows.map((row) => ({
      key: groupBy === 'day' ? Number((row as { day: number }).day) : (row as { epi: string }).epi,
      clicks: Number(row.clicks),
      orders: Number(row.orders),
      commissionMinor: Number(row.commission),
    }));
  }

  /** The publisher's approved program memberships: what links can be built for. */
  async approvedMemberships(publisherId: string): Promise<ApprovedMembershipView[]> {
    const rows = await repos(this.store).publisherReads.approvedMemberships(publisherId);
    return rows.map((row) => ({
      programId: row.program_id,
      programName: row.program_name,
      siteId: row.site_id,
      siteName: row.site_name,
    }));
  }
}
