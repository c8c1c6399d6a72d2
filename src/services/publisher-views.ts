import type { Store } from '../storage/database.js';
import type { CommissionStatus } from '../storage/schema.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import type { Quote } from '../domain/engine/quote.js';
import { repos } from '../storage/repositories/repos.js';

export class PublisherViewError extends DomainError {}

export interface TransactionFilter {
  status?: string | undefined;
  /** YYYY-MM-DD, inclusive (UTC days of placedAt). */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number;
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
  constructor(private readonly store: Store) {}

  /** The publisher's sites. */
  async sites(publisherId: string) {
    return repos(this.store).publishers.sitesOf(publisherId);
  }

  /** The active ads of a program the publisher may link to. */
  async activeAds(programId: string) {
    return repos(this.store).memberships.activeAds(programId);
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
    let select = this.store.db
      .selectFrom('orders')
      .innerJoin('programs', 'programs.id', 'orders.program_id')
      .leftJoin('commissions', (join) =>
        join.onRef('commissions.order_id', '=', 'orders.id').on('commissions.kind', '=', 'product'),
      )
      .select([
        'orders.id',
        'orders.order_number',
        'orders.placed_at',
        'orders.status as order_status',
        'orders.total_minor',
        'orders.value_minor',
        'orders.currency',
        'orders.epi',
        'orders.site_id',
        'programs.name as program_name',
        'commissions.status',
        'commissions.reason',
        'commissions.validation_due_at',
      ])
      .where('orders.publisher_id', '=', publisherId);
    if (filter.status)
      select = select.where('commissions.status', '=', filter.status as CommissionStatus);
    if (from !== undefined) select = select.where('orders.placed_at', '>=', from * 86_400_000);
    if (to !== undefined) select = select.where('orders.placed_at', '<', (to + 1) * 86_400_000);
    return select
      .orderBy('orders.placed_at', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
  }

  /** One of the publisher's orders with its lines, commissions and quote; undefined if not theirs. */
  async order(publisherId: string, orderId: string) {
    const db = this.store.db;
    const order = await db
      .selectFrom('orders')
      .innerJoin('programs', 'programs.id', 'orders.program_id')
      .selectAll('orders')
      .select('programs.name as program_name')
      .where('orders.id', '=', orderId)
      .where('orders.publisher_id', '=', publisherId)
      .executeTakeFirst();
    if (order === undefined) return undefined;
    const [lines, commissions] = await Promise.all([
      db
        .selectFrom('order_lines')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('line_no')
        .execute(),
      db
        .selectFrom('commissions')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('kind')
        .execute(),
    ]);
    return { order, lines, commissions, quote: JSON.parse(order.quote) as Quote };
  }

  /** Clicks, orders and commission per UTC day or per sub id, from the daily rollups. */
  async report(publisherId: string, fromDay: number, toDay: number, groupBy: 'day' | 'epi') {
    const sites = this.store.db
      .selectFrom('sites')
      .select('id')
      .where('publisher_id', '=', publisherId);
    const rows = await this.store.db
      .selectFrom('report_daily')
      .select([
        groupBy === 'day' ? 'day' : 'epi',
        (eb) => eb.fn.sum<number>('clicks').as('clicks'),
        (eb) => eb.fn.sum<number>('orders').as('orders'),
        (eb) => eb.fn.sum<number>('commission_minor').as('commission'),
      ])
      .where('site_id', 'in', sites)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .groupBy(groupBy === 'day' ? 'day' : 'epi')
      .orderBy(groupBy === 'day' ? 'day' : 'epi')
      .execute();
    return rows.map((row) => ({
      key: groupBy === 'day' ? Number((row as { day: number }).day) : (row as { epi: string }).epi,
      clicks: Number(row.clicks),
      orders: Number(row.orders),
      commissionMinor: Number(row.commission),
    }));
  }

  /** The publisher's approved program memberships: what links can be built for. */
  async approvedMemberships(publisherId: string) {
    return this.store.db
      .selectFrom('memberships')
      .innerJoin('sites', 'sites.id', 'memberships.site_id')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .select([
        'memberships.site_id',
        'sites.name as site_name',
        'memberships.program_id',
        'programs.name as program_name',
      ])
      .where('memberships.publisher_id', '=', publisherId)
      .where('memberships.status', '=', 'approved')
      .orderBy('programs.name')
      .execute();
  }

  /**
   * A tracking link and its HTML snippet. Refuses a site or program the publisher is not
   * approved for, an ad of another program and malformed sub ids.
   */
  async buildLink(
    publisherId: string,
    input: {
      programId: string;
      siteId: string;
      adId?: string | undefined;
      epi?: string | undefined;
      epi2?: string | undefined;
    },
    baseUrl: string,
  ): Promise<{ url: string; html: string; adId: string }> {
    const memberships = await this.approvedMemberships(publisherId);
    const membership = memberships.find(
      (row) => row.program_id === input.programId && row.site_id === input.siteId,
    );
    if (membership === undefined)
      throw new PublisherViewError(
        'not_approved',
        `site ${input.siteId} is not approved for program ${input.programId}: apply first`,
      );
    const ads = await this.store.db
      .selectFrom('ads')
      .select(['id', 'name'])
      .where('program_id', '=', input.programId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    const ad = input.adId ? ads.find((candidate) => candidate.id === input.adId) : ads[0];
    if (ad === undefined)
      throw new PublisherViewError(
        'unknown_ad',
        input.adId
          ? `no active ad "${input.adId}" in this program`
          : 'this program has no active ad yet',
      );
    const params = new URLSearchParams({ p: input.programId, a: input.siteId, g: ad.id });
    for (const [name, value] of [
      ['epi', input.epi],
      ['epi2', input.epi2],
    ] as const) {
      const text = value?.trim() ?? '';
      if (!/^[A-Za-z0-9_.-]{0,64}$/.test(text))
        throw new PublisherViewError(
          'invalid_parameter',
          `${name}: use up to 64 letters, digits, "-", "_" or "."`,
        );
      if (text) params.set(name, text);
    }
    const url = `${baseUrl}/click?${params.toString()}`;
    const escaped = url.replace(/&/g, '&amp;');
    return {
      url,
      html: `<a href="${escaped}" rel="sponsored nofollow">${membership.program_name.replace(/[<>&"]/g, '')}</a>`,
      adId: ad.id,
    };
  }
}
