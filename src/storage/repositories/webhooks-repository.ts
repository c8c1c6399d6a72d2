import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  Database,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from '../schema.js';
import type { Scope } from './scope.js';
import { idFloor } from '../ids.js';
import { sqliteRowsOf, type SqliteRows } from './sqlite-rows.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

/** What a postback's macros read of an order and its click. */
export interface PostbackOrderFacts {
  orderId: string;
  orderNumber: string;
  valueMinor: number;
  currency: string;
  clickId: number | null;
  epi: string | null;
  epi2: string | null;
  /** The order document's `event`, when it names one. */
  document: string;
}

/**
 * Webhook and postback endpoints, their deliveries and attempts (issue 28). Deliveries are
 * written in the event dispatcher's transaction; the delivery job reads the due ones, claims
 * each with a lease and records its attempt.
 */
export class WebhooksRepository {
  private readonly db: Kysely<Database>;
  /** SQLite's prepared INSERT for the dispatch's deliveries (see insertDeliveries). */
  readonly #raw: SqliteRows | undefined;

  constructor(scope: Scope) {
    this.db = scope.db;
    this.#raw =
      scope.dialect === 'sqlite' && scope.sqlite !== undefined
        ? sqliteRowsOf(scope.sqlite)
        : undefined;
  }

  async insertEndpoint(row: Insertable<WebhookEndpointsTable>): Promise<void> {
    await this.db.insertInto('webhook_endpoints').values(row).execute();
  }

  /** An account's endpoints of one kind, oldest first. */
  endpointsOf(role: string, ownerId: string, kind: string): Promise<WebhookEndpointRow[]> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('owner_role', '=', role)
      .where('owner_id', '=', ownerId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
  }

  async countOf(role: string, ownerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('owner_role', '=', role)
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** An endpoint by id, only when it is this account's. */
  endpointOf(role: string, ownerId: string, id: string): Promise<WebhookEndpointRow | undefined> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .where('owner_role', '=', role)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
  }

  endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Endpoints by id (those that exist). */
  endpoints(ids: readonly string[]): Promise<WebhookEndpointRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('webhook_endpoints').selectAll().where('id', 'in', ids).execute();
  }

  /** The endpoints that take new deliveries (not disabled), for the event listener. */
  enabledEndpoints(): Promise<WebhookEndpointRow[]> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('disabled_at', 'is', null)
      .execute();
  }

  async updateEndpoint(id: string, change: Updateable<WebhookEndpointsTable>): Promise<void> {
    await this.db.updateTable('webhook_endpoints').set(change).where('id', '=', id).execute();
  }

  /** Deletes an endpoint with its deliveries and their attempts. */
  async deleteEndpoint(id: string): Promise<void> {
    await this.db.deleteFrom('webhook_attempts').where('endpoint_id', '=', id).execute();
    await this.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  }

  /**
   * The dispatch's deliveries. On SQLite one prepared INSERT per row: compiling a multi-row
   * INSERT of ~350 rows with Kysely took most of the ~4 ms the dispatch's transaction held the
   * file's write lock for (the orders' commits wait for it).
   */
  async insertDeliveries(rows: readonly Insertable<WebhookDeliveriesTable>[]): Promise<void> {
    if (this.#raw !== undefined) {
      for (const row of rows) this.#raw.insert('webhook_deliveries', row);
      return;
    }
    // In chunks: a parameter limit per statement (SQLite 32,766) holds with room to spare.
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  /**
   * Deletes up to `limit` finished deliveries (delivered, or failed for good) made and last
   * attempted before `beforeMs`, with their attempts; how many deliveries. Pending ones stay
   * whatever their age (a redelivery makes an old one pending again).
   */
  async pruneFinished(beforeMs: number, limit = 5_000): Promise<number> {
    const old = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('id', '<', idFloor('delivery', beforeMs))
      .where('status', 'in', ['delivered', 'failed'])
      .where('updated_at', '<', beforeMs)
      .orderBy('id')
      .limit(limit)
      .execute();
    const ids = old.map((row) => row.id);
    // In chunks: a parameter limit per statement (SQLite 32,766) holds with room to spare.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.db.deleteFrom('webhook_attempts').where('delivery_id', 'in', chunk).execute();
      await this.db.deleteFrom('webhook_deliveries').where('id', 'in', chunk).execute();
    }
    return ids.length;
  }

  /** The pending deliveries (`d`) of enabled endpoints (`e`) due by `nowMs`. */
  #dueOfEnabled(nowMs: number) {
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', nowMs)
      .where('e.disabled_at', 'is', null);
  }

  /** Whether any delivery of an enabled endpoint is due by `nowMs`. */
  async anyDue(nowMs: number): Promise<boolean> {
    const row = await this.#dueOfEnabled(nowMs).select('d.id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Up to `limit` deliveries due at `nowMs`, of enabled endpoints, each the oldest pending one of
   * its endpoint and subject: a subject's later event waits while an earlier one is retried.
   * None of the endpoints and accounts (owner ids) in `except`: those that have as many attempts
   * in flight as they may, so that one endpoint's backlog does not fill the page.
   */
  dueDeliveries(
    nowMs: number,
    limit: number,
    except: { endpoints?: readonly string[]; owners?: readonly string[] } = {},
  ): Promise<WebhookDeliveryRow[]> {
    const endpoints = except.endpoints ?? [];
    const owners = except.owners ?? [];
    return this.#dueOfEnabled(nowMs)
      .selectAll('d')
      .$if(endpoints.length > 0, (q) => q.where('d.endpoint_id', 'not in', endpoints))
      .$if(owners.length > 0, (q) => q.where('e.owner_id', 'not in', owners))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as earlier')
              .select('earlier.id')
              .whereRef('earlier.endpoint_id', '=', 'd.endpoint_id')
              .whereRef('earlier.subject_id', '=', 'd.subject_id')
              .where('earlier.status', '=', 'pending')
              .whereRef('earlier.id', '<', 'd.id'),
          ),
        ),
      )
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
  }

  /**
   * Claims a due delivery until `leaseUntil` (a node that dies mid-attempt leaves it due again
   * then); false when another claimed or finished it first.
   */
  async claim(delivery: WebhookDeliveryRow, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', delivery.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Defers an endpoint's pending deliveries due before `untilMs` to then (a backoff of an
   * endpoint whose attempts hang): how many.
   */
  async deferPending(endpointId: string, untilMs: number): Promise<number> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: untilMs })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<', untilMs)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Gives back a claim not acted on: the delivery is due when it was before. */
  async unclaim(delivery: WebhookDeliveryRow, leaseUntil: number): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: delivery.next_attempt_at })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', leaseUntil)
      .execute();
  }

  async updateDelivery(id: string, change: Updateable<WebhookDeliveriesTable>): Promise<void> {
    await this.db.updateTable('webhook_deliveries').set(change).where('id', '=', id).execute();
  }

  async insertAttempt(row: Insertable<WebhookAttemptsTable>): Promise<void> {
    await this.db.insertInto('webhook_attempts').values(row).execute();
  }

  /** An endpoint's latest deliveries, newest first. */
  deliveriesOf(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  delivery(endpointId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    return this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
  }

  /** The attempts of these deliveries, oldest first. */
  async attemptsOf(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', deliveryIds)
      .orderBy('id')
      .execute();
  }

  /** The sub ids of the clicks that credited commissions, for their postbacks' macros, by click id. */
  async postbackClicks(
    clickIds: readonly number[],
  ): Promise<Map<number, { epi: string | null; epi2: string | null }>> {
    if (clickIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('clicks')
      .select(['id', 'epi', 'epi2'])
      .where('id', 'in', [...new Set(clickIds)])
      .execute();
    return new Map(rows.map((row) => [Number(row.id), { epi: row.epi, epi2: row.epi2 }]));
  }

  /** The orders (and their clicks) postbacks fill their macros from. */
  async postbackFacts(orderIds: readonly string[]): Promise<Map<string, PostbackOrderFacts>> {
    if (orderIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('orders as o')
      .leftJoin('clicks as c', 'c.id', 'o.click_id')
      .select([
        'o.id',
        'o.order_number',
        'o.value_minor',
        'o.currency',
        'o.click_id',
        'o.epi',
        'c.epi2',
        'o.document',
      ])
      .where('o.id', 'in', [...new Set(orderIds)])
      .execute();
    return new Map(
      rows.map((row) => [
        row.id,
        {
          orderId: row.id,
          orderNumber: row.order_number,
          valueMinor: Number(row.value_minor),
          currency: row.currency,
          clickId: row.click_id === null ? null : Number(row.click_id),
          epi: row.epi,
          epi2: row.epi2 ?? null,
          document: row.document,
        },
      ]),
    );
  }
}
