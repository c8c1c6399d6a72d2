import type { Kysely } from 'kysely';
import type { Scope } from './scope.js';
import type { CommissionStatus, Database } from '../schema.js';

/**
 * What a publisher reads of their own data, every query filtered by the publisher's id:
 * transactions, one order, the daily rollups of their sites, approved memberships.
 */
export class PublisherReadsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** The publisher's orders with the product commission, newest first. */
  async transactions(
    publisherId: string,
    filter: {
      status?: CommissionStatus;
      fromMs?: number;
      beforeMs?: number;
      siteId?: string;
      limit: number;
    },
  ) {
    let select = this.db
      .selectFrom('orders')
      .innerJoin('programs', 'programs.id', 'orders.program_id')
      .leftJoin('sites', 'sites.id', 'orders.site_id')
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
        'orders.attribution',
        'sites.name as site_name',
        'programs.name as program_name',
        'commissions.status',
        'commissions.reason',
        'commissions.validation_due_at',
      ])
      .where('orders.publisher_id', '=', publisherId);
    if (filter.status) select = select.where('commissions.status', '=', filter.status);
    if (filter.siteId !== undefined) select = select.where('orders.site_id', '=', filter.siteId);
    if (filter.fromMs !== undefined) select = select.where('orders.placed_at', '>=', filter.fromMs);
    if (filter.beforeMs !== undefined)
      select = select.where('orders.placed_at', '<', filter.beforeMs);
    return select.orderBy('orders.placed_at', 'desc').limit(filter.limit).execute();
  }

  /** One of the publisher's orders with its program's name; undefined if not theirs. */
  async order(publisherId: string, orderId: string) {
    return this.db
      .selectFrom('orders')
      .innerJoin('programs', 'programs.id', 'orders.program_id')
      .selectAll('orders')
      .select('programs.name as program_name')
      .where('orders.id', '=', orderId)
      .where('orders.publisher_id', '=', publisherId)
      .executeTakeFirst();
  }

  /** Clicks, orders and commission of the publisher's sites per UTC day or per sub id. */
  async report(publisherId: string, fromDay: number, toDay: number, groupBy: 'day' | 'epi') {
    const sites = this.db.selectFrom('sites').select('id').where('publisher_id', '=', publisherId);
    return this.db
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
  }

  /** The publisher's approved memberships by program name. */
  async approvedMemberships(publisherId: string) {
    return this.db
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
}
