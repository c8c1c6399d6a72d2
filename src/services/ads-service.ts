import { createHash } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import type { AdRow } from '../storage/repositories/ads-repository.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import { AdError, checkAd, type AdInput } from '../domain/ads/ad-rules.js';

/** One ad as advertisers, publishers and the API see it. */
export interface AdView {
  id: string;
  programId: string;
  name: string;
  kind: 'text' | 'banner';
  status: 'active' | 'retired';
  /** A text link's words (the program's name unless the advertiser chose them); null: a banner. */
  text: string | null;
  /** Where its click lands; null: the program's landing page (or the publisher's deep link). */
  landingUrl: string | null;
  width: number | null;
  height: number | null;
  alt: string | null;
  /** A banner's image on this network (`/banners/{id}`); null: a text link. */
  imagePath: string | null;
  imageType: string | null;
  imageBytes: number | null;
  createdAt: number;
  retiredAt: number | null;
}

/** The path a banner's image is served from (by the network, with its sniffed type). */
export const bannerPath = (adId: string) => `/banners/${encodeURIComponent(adId)}`;

/**
 * Advertisers' ads: text links and banners, created and retired for their own programs only.
 * Everything is checked before anything is stored (src/domain/ads/ad-rules.ts); creating and
 * retiring are audited. A retired ad leaves the link builder; links and banners already placed
 * keep working (its clicks track, its image is served), so no publisher's page breaks.
 */
export class AdsService {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
  ) {}

  /** The advertiser's program, or 404 unknown_program (another's is reported as missing). */
  #own(advertiserId: string, programId: string): CachedProgram {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new AdError('unknown_program', `no program "${programId}" among your programs`);
    return program;
  }

  /** A program's ads, active first, for its advertiser. */
  async ofProgram(advertiserId: string, programId: string): Promise<AdView[]> {
    const program = this.#own(advertiserId, programId);
    return (await repos(this.store).ads.ofProgram(programId)).map((row) => view(row, program));
  }

  /** A program's active ads: what a publisher approved in it builds links with. */
  async active(programId: string): Promise<AdView[]> {
    const program = this.programs.program(programId);
    if (program === undefined) return [];
    return (await repos(this.store).ads.active(programId)).map((row) => view(row, program));
  }

  /** One active ad of the program, or undefined. */
  async activeAd(programId: string, adId: string): Promise<AdView | undefined> {
    return (await this.active(programId)).find((ad) => ad.id === adId);
  }

  async create(
    advertiserId: string,
    programId: string,
    input: AdInput,
    actor: string,
    nowMs: number,
  ): Promise<AdView> {
    const program = this.#own(advertiserId, programId);
    const ad = checkAd(input, program.terms.file.tracking.deeplinking);
    const id = await repos(this.store).transaction(async (t) => {
      const adId = await t.ads.insert(
        {
          ...ad,
          programId,
          image: ad.image && {
            ...ad.image,
            sha256: createHash('sha256').update(ad.image.bytes).digest('hex'),
          },
        },
        nowMs,
      );
      await t.audit.record(
        {
          actor,
          action: 'ad.created',
          subjectType: 'ad',
          subjectId: adId,
          details: { programId, kind: ad.kind, name: ad.name },
        },
        nowMs,
      );
      return adId;
    });
    return view((await repos(this.store).ads.find(id))!, program);
  }

  /** Retires one of the program's ads; retiring a retired ad changes nothing. */
  async retire(
    advertiserId: string,
    programId: string,
    adId: string,
    actor: string,
    nowMs: number,
  ): Promise<{ ad: AdView; changed: boolean }> {
    const program = this.#own(advertiserId, programId);
    return repos(this.store).transaction(async (t) => {
      const row = await t.ads.find(adId);
      if (row === undefined || row.program_id !== programId)
        throw new AdError('unknown_ad', `adId: no ad "${adId}" in program ${programId}`);
      const changed = await t.ads.retire(programId, adId, nowMs);
      if (changed)
        await t.audit.record(
          {
            actor,
            action: 'ad.retired',
            subjectType: 'ad',
            subjectId: adId,
            details: { programId },
          },
          nowMs,
        );
      return { ad: view((await t.ads.find(adId))!, program), changed };
    });
  }

  /** A banner's image to serve, whatever the ad's status (a placed banner keeps showing). */
  image(adId: string) {
    return repos(this.store).ads.image(adId);
  }
}

function view(row: AdRow, program: CachedProgram): AdView {
  const banner = row.kind === 'banner';
  return {
    id: row.id,
    programId: row.program_id,
    name: row.name,
    kind: banner ? 'banner' : 'text',
    status: row.status === 'active' ? 'active' : 'retired',
    text: banner ? null : (row.link_text ?? program.terms.file.name),
    landingUrl: row.landing_url,
    width: row.width,
    height: row.height,
    alt: row.alt_text,
    imagePath: row.image_type === null ? null : bannerPath(row.id),
    imageType: row.image_type,
    imageBytes: row.image_size,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}
