import type { Kysely, Selectable } from 'kysely';
import type { Scope } from './scope.js';
import type { AdsTable, Database } from '../schema.js';
import { newMonotonicId } from '../ids.js';
import { bumpLinksVersion } from './cache-versions.js';
import type { CheckedAd } from '../../domain/ads/ad-rules.js';

/** An ad's row with its image's type and size (never its bytes). */
export type AdRow = Omit<Selectable<AdsTable>, 'content'> & {
  image_type: string | null;
  image_size: number | null;
};

/** What a new ad stores: the checked ad (its image with its hash) and its program. */
export type NewAd = Omit<CheckedAd, 'image'> & {
  programId: string;
  image: { type: string; sha256: string; bytes: Uint8Array } | null;
};

/**
 * Programs' ads: text links and banners with their images. Whoever adds or retires one bumps
 * the links version, so every node's link cache sees it.
 */
export class AdsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  #select() {
    return this.db
      .selectFrom('ads')
      .leftJoin('ad_images', 'ad_images.ad_id', 'ads.id')
      .select([
        'ads.id',
        'ads.program_id',
        'ads.name',
        'ads.kind',
        'ads.status',
        'ads.created_at',
        'ads.link_text',
        'ads.landing_url',
        'ads.width',
        'ads.height',
        'ads.alt_text',
        'ads.retired_at',
        'ad_images.content_type as image_type',
        'ad_images.size as image_size',
      ]);
  }

  /** A program's ads, the active ones first, each oldest first. */
  async ofProgram(programId: string): Promise<AdRow[]> {
    const rows: AdRow[] = await this.#select()
      .where('ads.program_id', '=', programId)
      .orderBy('ads.created_at')
      .orderBy('ads.id')
      .execute();
    return rows.sort((a, b) => activeFirst(a) - activeFirst(b));
  }

  /** A program's active ads, oldest first: what links can be built with. */
  async active(programId: string): Promise<AdRow[]> {
    return this.#select()
      .where('ads.program_id', '=', programId)
      .where('ads.status', '=', 'active')
      .orderBy('ads.created_at')
      .orderBy('ads.id')
      .execute();
  }

  async find(adId: string): Promise<AdRow | undefined> {
    return this.#select().where('ads.id', '=', adId).executeTakeFirst();
  }

  /** Stores a new active ad (and its image) and tells the link caches. */
  async insert(ad: NewAd, nowMs: number): Promise<string> {
    const id = newMonotonicId('ad', nowMs); // ads made in one millisecond keep their order
    await this.db
      .insertInto('ads')
      .values({
        id,
        program_id: ad.programId,
        name: ad.name,
        kind: ad.kind,
        content: null,
        status: 'active',
        created_at: nowMs,
        link_text: ad.linkText,
        landing_url: ad.landingUrl,
        width: ad.width,
        height: ad.height,
        alt_text: ad.altText,
        retired_at: null,
      })
      .execute();
    if (ad.image !== null)
      await this.db
        .insertInto('ad_images')
        .values({
          ad_id: id,
          content_type: ad.image.type,
          size: ad.image.bytes.byteLength,
          sha256: ad.image.sha256,
          content: ad.image.bytes,
          created_at: nowMs,
        })
        .execute();
    await bumpLinksVersion(this.db);
    return id;
  }

  /** Retires an active ad of the program; false when it was not active (nothing changed). */
  async retire(programId: string, adId: string, nowMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('ads')
      .set({ status: 'retired', retired_at: nowMs })
      .where('id', '=', adId)
      .where('program_id', '=', programId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    const changed = Number(result.numUpdatedRows) > 0;
    if (changed) await bumpLinksVersion(this.db);
    return changed;
  }

  /** A banner's image: its type, bytes and hash. */
  async image(adId: string) {
    const row = await this.db
      .selectFrom('ad_images')
      .select(['content_type', 'content', 'sha256'])
      .where('ad_id', '=', adId)
      .executeTakeFirst();
    return row && { contentType: row.content_type, content: row.content, sha256: row.sha256 };
  }
}

const activeFirst = (row: AdRow) => (row.status === 'active' ? 0 : 1);
