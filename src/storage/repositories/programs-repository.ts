import type { Scope } from './scope.js';
import { DomainError } from '../../domain/errors.js';
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../database.js';
import type { Database, ProgramsTable } from '../schema.js';
import type { ProgramTerms } from '../../domain/terms/compile-terms.js';
import { newId } from '../ids.js';
import { DEFAULT_NETWORK_FEE_RATE } from '../../domain/payments/network-fee.js';
import { bumpLinksVersion } from './cache-versions.js';

export type StoredProgram = Selectable<ProgramsTable>;

export class ProgramsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async findBySlug(slug: string): Promise<StoredProgram | undefined> {
    return this.db.selectFrom('programs').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** An advertiser's programs by name: what its console lists and limits every query to. */
  async ofAdvertiser(advertiserId: string): Promise<{ id: string; name: string; slug: string }[]> {
    return this.db
      .selectFrom('programs')
      .select(['id', 'name', 'slug'])
      .where('advertiser_id', '=', advertiserId)
      .orderBy('name')
      .execute();
  }

  /**
   * What a terms file loaded at start meets in the store: whether this exact source was ever
   * stored for the program (by anyone), and who stored the version the program runs on now.
   */
  async startFileState(
    programId: string,
    source: string,
  ): Promise<{ stored: boolean; currentLoadedBy: string | null }> {
    const stored = await this.db
      .selectFrom('program_terms')
      .select('id')
      .where('program_id', '=', programId)
      .where('source_hash', '=', termsSourceHash(source))
      .executeTakeFirst();
    const current = await this.db
      .selectFrom('programs')
      .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
      .select('program_terms.loaded_by')
      .where('programs.id', '=', programId)
      .executeTakeFirst();
    return { stored: stored !== undefined, currentLoadedBy: current?.loaded_by ?? null };
  }

  /** The terms source a program runs on now, whoever its advertiser. */
  async currentSourceOf(programId: string): Promise<{ id: string; source: string } | undefined> {
    return this.db
      .selectFrom('programs')
      .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
      .select(['program_terms.id', 'program_terms.source'])
      .where('programs.id', '=', programId)
      .executeTakeFirst();
  }

  /** A program's current terms with its slug (to name them when they are compiled). */
  async currentTermsWithSlug(
    programId: string,
  ): Promise<{ slug: string; id: string; source: string } | undefined> {
    return this.db
      .selectFrom('programs')
      .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
      .select(['programs.slug', 'program_terms.id', 'program_terms.source'])
      .where('programs.id', '=', programId)
      .executeTakeFirst();
  }

  /** One stored terms version with its program's slug (an order's terms, orders.terms_id). */
  async termsWithSlug(
    termsId: string,
  ): Promise<{ slug: string; id: string; source: string } | undefined> {
    return this.db
      .selectFrom('program_terms')
      .innerJoin('programs', 'programs.id', 'program_terms.program_id')
      .select(['programs.slug', 'program_terms.id', 'program_terms.source'])
      .where('program_terms.id', '=', termsId)
      .executeTakeFirst();
  }

  /** The terms source a program runs on now, if the program is the advertiser's. */
  async currentTermsOf(programId: string, advertiserId: string) {
    return this.db
      .selectFrom('programs')
      .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
      .select([
        'programs.name',
        'programs.slug',
        'program_terms.id',
        'program_terms.source',
        'program_terms.loaded_at',
      ])
      .where('programs.id', '=', programId)
      .where('programs.advertiser_id', '=', advertiserId)
      .executeTakeFirst();
  }

  /**
   * Sets (or with null removes) one key of a program's settings JSON and tells every node's
   * link cache; false when there is no such program.
   */
  async setSetting(
    programId: string,
    key: string,
    value: unknown,
    nowMs: number,
  ): Promise<boolean> {
    const program = await this.findById(programId);
    if (program === undefined) return false;
    const settings = JSON.parse(program.settings || '{}') as Record<string, unknown>;
    if (value === null) delete settings[key];
    else settings[key] = value;
    await this.db
      .updateTable('programs')
      .set({ settings: JSON.stringify(settings), updated_at: nowMs })
      .where('id', '=', programId)
      .execute();
    await bumpLinksVersion(this.db);
    return true;
  }

  /**
   * Programs with their advertiser's account name and the network's review, oldest first;
   * with `review`, only those in that state; with `advertiserId`, only that advertiser's.
   */
  async reviews(filter: { review?: string; programId?: string; advertiserId?: string } = {}) {
    let query = this.db
      .selectFrom('programs')
      .innerJoin('advertisers', 'advertisers.id', 'programs.advertiser_id')
      .select([
        'programs.id',
        'programs.slug',
        'programs.name',
        'programs.advertiser_id',
        'advertisers.name as advertiser_name',
        'programs.landing_url',
        'programs.status',
        'programs.review_status',
        'programs.review_reason',
        'programs.reviewed_at',
        'programs.reviewed_by',
        'programs.created_at',
      ]);
    if (filter.review !== undefined)
      query = query.where('programs.review_status', '=', filter.review);
    if (filter.programId !== undefined) query = query.where('programs.id', '=', filter.programId);
    if (filter.advertiserId !== undefined)
      query = query.where('programs.advertiser_id', '=', filter.advertiserId);
    return query.orderBy('programs.created_at').orderBy('programs.id').execute();
  }

  /** Records the network's review of a program and tells every node's link cache. */
  async setReview(
    programId: string,
    review: { status: string; reason: string | null; actor: string | null },
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('programs')
      .set({
        review_status: review.status,
        review_reason: review.reason,
        reviewed_at: review.actor === null ? null : nowMs,
        reviewed_by: review.actor,
        updated_at: nowMs,
      })
      .where('id', '=', programId)
      .execute();
    await bumpLinksVersion(this.db);
  }

  /** Every program's network fee, by name. */
  async networkFees(): Promise<
    { id: string; slug: string; name: string; currency: string; network_fee_rate: string }[]
  > {
    return this.db
      .selectFrom('programs')
      .select(['id', 'slug', 'name', 'currency', 'network_fee_rate'])
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  /**
   * The program, locked for this transaction: a row lock on PostgreSQL; on SQLite the
   * transaction holds the database's write lock since it began.
   */
  async findByIdForUpdate(id: string, dialect: DialectName): Promise<StoredProgram | undefined> {
    let query = this.db.selectFrom('programs').selectAll().where('id', '=', id);
    if (dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  /** Sets a program's network fee rate (the caller audits it). */
  async setNetworkFeeRate(programId: string, rate: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('programs')
      .set({ network_fee_rate: rate, updated_at: nowMs })
      .where('id', '=', programId)
      .execute();
  }

  /** What an application needs of a program: its name, owner and whether it is live. */
  async findForApplication(id: string) {
    return this.db
      .selectFrom('programs')
      .select(['id', 'name', 'advertiser_id', 'status', 'review_status'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A program's name; throws when there is none. */
  async nameOf(id: string): Promise<{ name: string }> {
    return this.db
      .selectFrom('programs')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /** The advertiser of each program named (an unknown id is left out). */
  async advertisersOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('programs')
      .select(['id', 'advertiser_id'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, row.advertiser_id]));
  }

  async findById(id: string): Promise<StoredProgram | undefined> {
    return this.db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Creates the program from its terms file, or records a changed terms file as a new terms
   * version (the old ones stay, so every stored quote can still be explained). Returns the
   * program and the id of its current terms.
   */
  async upsertFromTerms(
    terms: ProgramTerms,
    source: string,
    advertiserId: string,
    nowMs: number,
    actor: string | null,
    options: {
      creating?: boolean;
      review?: 'approved' | 'in_review';
      networkFeeRate?: string;
    } = {},
  ): Promise<{ program: StoredProgram; termsId: string; changed: boolean }> {
    const hash = termsSourceHash(source);
    let program = await this.findBySlug(terms.id);
    if (program === undefined) {
      const id = newId('program', nowMs);
      await this.db
        .insertInto('programs')
        .values({
          id,
          slug: terms.id,
          advertiser_id: advertiserId,
          name: terms.file.name,
          currency: terms.currency,
          status: 'active',
          review_status: options.review ?? 'approved',
          landing_url: terms.file.landingUrl,
          settings: '{}',
          network_fee_rate: options.networkFeeRate ?? DEFAULT_NETWORK_FEE_RATE,
          current_terms_id: null,
          created_at: nowMs,
          updated_at: nowMs,
        })
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
      program = (await this.findBySlug(terms.id))!;
      if (program.id === id) await insertDefaultAd(this.db, program, nowMs);
    }
    // Creating a program whose id another advertiser took meanwhile: never write into theirs.
    if (options.creating === true && program.advertiser_id !== advertiserId)
      throw new DomainError(
        'program_exists',
        `id: a program "${terms.id}" exists already and is another advertiser's; choose another id`,
      );
    const existing = await this.db
      .selectFrom('program_terms')
      .select('id')
      .where('program_id', '=', program.id)
      .where('source_hash', '=', hash)
      .executeTakeFirst();
    let termsId = existing?.id;
    if (termsId === undefined) {
      termsId = newId('termsVersion', nowMs);
      await this.db
        .insertInto('program_terms')
        .values({
          id: termsId,
          program_id: program.id,
          source_hash: hash,
          source,
          loaded_at: nowMs,
          loaded_by: actor,
        })
        .execute();
    }
    const changed = program.current_terms_id !== termsId;
    if (changed) {
      await this.db
        .updateTable('programs')
        .set({
          current_terms_id: termsId,
          name: terms.file.name,
          landing_url: terms.file.landingUrl,
          updated_at: nowMs,
        })
        .where('id', '=', program.id)
        .execute();
      // After the update: a node that reloads on the new version must see the new terms (a
      // reload between a bump and the update kept a new program out of the cache for good).
      await bumpLinksVersion(this.db);
      program = {
        ...program,
        current_terms_id: termsId,
        name: terms.file.name,
        landing_url: terms.file.landingUrl,
        updated_at: nowMs,
      };
    }
    return { program, termsId, changed };
  }

  /** Every program's id. */
  async ids(): Promise<string[]> {
    return (await this.db.selectFrom('programs').select('id').execute()).map((p) => p.id);
  }

  /** Every program with what its invoice needs, by id. */
  async forInvoicing() {
    return this.db
      .selectFrom('programs')
      .select(['id', 'advertiser_id', 'currency', 'network_fee_rate'])
      .orderBy('id')
      .execute();
  }
}

/**
 * Every program starts with one active text link ad, named after the program and pointing at
 * its landing URL, so a publisher approved in it can build a link at once (issue 27).
 */
export async function insertDefaultAd(
  db: Kysely<Database>,
  program: { id: string; name: string; landing_url: string },
  nowMs: number,
): Promise<void> {
  await db
    .insertInto('ads')
    .values({
      id: newId('ad', nowMs),
      program_id: program.id,
      name: program.name,
      kind: 'text',
      content: program.landing_url,
      status: 'active',
      created_at: nowMs,
    })
    .execute();
}

/** The hash a terms source is stored under (one version per program and source). */
export function termsSourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}
