import type { Scope } from './scope.js';
import { DEFAULT_MINIMUM_PAYOUT_MINOR } from '../../domain/payments/minimum-payout.js';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, PublishersTable, SitesTable } from '../schema.js';
import type { DialectName } from '../database.js';
import { newId } from '../ids.js';
import { bumpLinksVersion } from './cache-versions.js';
import { INVOICING_COLUMNS } from './invoicing-columns.js';

export type Publisher = Selectable<PublishersTable>;
export type Site = Selectable<SitesTable>;

export interface NewPublisher {
  name: string;
  country: string;
  company?: string | null;
  vatNumber?: string | null;
  iban?: string | null;
  payoutName?: string | null;
  promotionMethods?: string[];
  minimumPayoutMinor?: number;
}

export class PublishersRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async create(input: NewPublisher, nowMs: number): Promise<Publisher> {
    const row: Publisher = {
      id: newId('publisher', nowMs),
      name: input.name,
      company: input.company ?? null,
      country: input.country,
      vat_number: input.vatNumber ?? null,
      legal_name: null,
      street: null,
      postal_code: null,
      city: null,
      coc_number: null,
      vat_number_verified: null,
      iban: input.iban ?? null,
      payout_name: input.payoutName ?? null,
      promotion_methods: JSON.stringify(input.promotionMethods ?? []),
      status: 'active',
      minimum_payout_minor: input.minimumPayoutMinor ?? DEFAULT_MINIMUM_PAYOUT_MINOR,
      created_at: nowMs,
    };
    await this.db.insertInto('publishers').values(row).execute();
    return row;
  }

  async addSite(
    publisherId: string,
    input: { name: string; url: string; promotionMethods?: string[] },
    nowMs: number,
  ): Promise<Site> {
    const row: Site = {
      id: newId('site', nowMs),
      publisher_id: publisherId,
      name: input.name,
      url: input.url,
      domain: new URL(input.url).hostname.toLowerCase(),
      promotion_methods: JSON.stringify(input.promotionMethods ?? []),
      status: 'active',
      created_at: nowMs,
    };
    await this.db.insertInto('sites').values(row).execute();
    await bumpLinksVersion(this.db);
    return row;
  }

  /** Stores a publisher as given (a sign-up). */
  async insert(row: Insertable<PublishersTable>): Promise<void> {
    await this.db.insertInto('publishers').values(row).execute();
  }

  /** Stores a site as given; the caller bumps the links version (bumpLinksVersion). */
  async insertSite(row: Insertable<SitesTable>): Promise<void> {
    await this.db.insertInto('sites').values(row).execute();
  }

  /** Tells the link caches (here and on other nodes) that sites changed. */
  async bumpLinksVersion(): Promise<void> {
    await bumpLinksVersion(this.db);
  }

  /** One of a publisher's sites with the names screened at applying and its standing. */
  async siteForApplication(siteId: string, publisherId: string) {
    return this.db
      .selectFrom('sites')
      .innerJoin('publishers', 'publishers.id', 'sites.publisher_id')
      .select([
        'sites.id',
        'sites.name as site_name',
        'sites.url',
        'publishers.name',
        'publishers.company',
        'publishers.status as publisher_status',
      ])
      .where('sites.id', '=', siteId)
      .where('sites.publisher_id', '=', publisherId)
      .executeTakeFirst();
  }

  /** One of a publisher's sites (any), if it has one. */
  async anySiteOf(publisherId: string): Promise<Site | undefined> {
    return this.db
      .selectFrom('sites')
      .selectAll()
      .where('publisher_id', '=', publisherId)
      .executeTakeFirst();
  }

  /** A publisher's sites by name. */
  async sitesOf(publisherId: string) {
    return this.db
      .selectFrom('sites')
      .select(['id', 'name', 'url', 'status', 'created_at'])
      .where('publisher_id', '=', publisherId)
      .orderBy('name')
      .execute();
  }

  /** Publishers with their network status, by name (the admin's list), at most `limit`. */
  async withStatus(limit: number) {
    return this.db
      .selectFrom('publishers')
      .select(['id', 'name', 'country', 'status'])
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** A publisher's row, locked for the transaction's update on PostgreSQL. */
  async findForUpdate(id: string, dialect: DialectName): Promise<Publisher | undefined> {
    let query = this.db.selectFrom('publishers').selectAll().where('id', '=', id);
    if (dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async find(id: string): Promise<Publisher | undefined> {
    return this.db.selectFrom('publishers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The publisher of each of the sites `siteIds` (a site id to its publisher's id). */
  async publishersOfSites(siteIds: readonly string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (let i = 0; i < siteIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('sites')
        .select(['id', 'publisher_id'])
        .where('id', 'in', siteIds.slice(i, i + 500))
        .execute();
      for (const row of rows) map.set(row.id, row.publisher_id);
    }
    return map;
  }

  /** Sets a publisher's standing and tells the tracking processes (their links change). */
  async setStatus(id: string, status: string): Promise<void> {
    await this.db.updateTable('publishers').set({ status }).where('id', '=', id).execute();
    await bumpLinksVersion(this.db);
  }

  /** The domains of the publisher's sites. */
  async siteDomains(publisherId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sites')
      .select('domain')
      .where('publisher_id', '=', publisherId)
      .execute();
    return rows.map((row) => row.domain);
  }

  /** One page of publishers after `after` (by id) with their minimum payout. */
  async pageOfMinimums(after: string, limit: number) {
    return this.db
      .selectFrom('publishers')
      .select(['id', 'minimum_payout_minor'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Whether any publisher in `country` has a VAT number (is billed with domestic VAT). */
  async anyWithVatNumberIn(country: string): Promise<boolean> {
    const domestic = await this.db
      .selectFrom('publishers')
      .select('id')
      .where('country', '=', country)
      .where('vat_number', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return domestic !== undefined;
  }

  async nameOf(id: string): Promise<string | undefined> {
    const publisher = await this.db
      .selectFrom('publishers')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirst();
    return publisher?.name;
  }

  /** The publisher's invoicing details as stored, and the VAT number the network verified. */
  async invoicingDetails(id: string) {
    return this.db
      .selectFrom('publishers')
      .select(['name', ...INVOICING_COLUMNS, 'vat_number_verified'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Publishers with a VAT number, by id. */
  async withVatNumber() {
    return this.db
      .selectFrom('publishers')
      .select(['id', 'name', 'legal_name', 'country', 'vat_number', 'vat_number_verified'])
      .where('vat_number', 'is not', null)
      .orderBy('id')
      .execute();
  }

  async vatNumberOf(id: string) {
    return this.db
      .selectFrom('publishers')
      .select(['vat_number', 'vat_number_verified'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The network verified `vatNumber`, when it is still the number on file. */
  async markVatNumberVerified(id: string, vatNumber: string): Promise<void> {
    await this.db
      .updateTable('publishers')
      .set({ vat_number_verified: vatNumber })
      .where('id', '=', id)
      .where('vat_number', '=', vatNumber)
      .execute();
  }

  async setInvoicingDetails(
    id: string,
    details: Pick<Updateable<PublishersTable>, (typeof INVOICING_COLUMNS)[number]>,
  ): Promise<void> {
    await this.db.updateTable('publishers').set(details).where('id', '=', id).execute();
  }

  /** Publishers on minimum `from` (never chose their own) move to `to`; how many moved. */
  async moveMinimumPayout(from: number, to: number): Promise<number> {
    const moved = await this.db
      .updateTable('publishers')
      .set({ minimum_payout_minor: to })
      .where('minimum_payout_minor', '=', from)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows);
  }

  async minimumPayoutOf(id: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('publishers')
      .select('minimum_payout_minor')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.minimum_payout_minor;
  }

  async setMinimumPayout(id: string, minimumMinor: number): Promise<void> {
    await this.db
      .updateTable('publishers')
      .set({ minimum_payout_minor: minimumMinor })
      .where('id', '=', id)
      .execute();
  }

  /** Sites by id, each named `site (publisher)`. */
  async siteLabels(siteIds: readonly string[]): Promise<Map<string, string>> {
    if (siteIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('sites')
      .innerJoin('publishers', 'publishers.id', 'sites.publisher_id')
      .select(['sites.id', 'sites.name', 'publishers.name as publisher'])
      .where('sites.id', 'in', siteIds)
      .execute();
    return new Map(rows.map((row) => [row.id, `${row.name} (${row.publisher})`]));
  }
}
