import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { allowedDeeplink, requireDeeplink } from '../domain/programs/deeplinks.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import { repos } from '../storage/repositories/repos.js';
import type { AdsService, AdView } from './ads-service.js';

export class LinkError extends DomainError {}

/** What a link is asked for: a program, one of the publisher's sites, optionally more. */
export interface LinkRequest {
  programId: string;
  siteId: string;
  /** A deep link: a page on one of the program's deeplink domains (else the landing page). */
  url?: string | undefined;
  adId?: string | undefined;
  epi?: string | undefined;
  epi2?: string | undefined;
}

export interface LinkView {
  /** The /click link with p, a, g, the sub ids and the deep link (`url`) as /click reads them. */
  url: string;
  html: string;
  adId: string;
}

/** One answer of a batch: the link, or why it was refused (the others are still built). */
export type LinkOutcome = LinkView | { error: { code: string; message: string } };

/** At most this many links per request. */
export const MAX_LINKS_PER_REQUEST = 1000;

/**
 * Builds tracking links for a publisher: only for its own sites approved in a known program,
 * an active ad of that program, sub ids of the allowed shape and a deep link the program's
 * terms allow (the same rule the click follows). Nothing is stored.
 */
export class LinkBuilder {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
    private readonly ads: Pick<AdsService, 'active'>,
  ) {}

  async build(publisherId: string, input: LinkRequest, baseUrl: string): Promise<LinkView> {
    return (await this.#builder(publisherId, baseUrl))(input);
  }

  /** Each request's link or refusal, in the order asked; one refusal fails no other. */
  async buildMany(
    publisherId: string,
    inputs: readonly LinkRequest[],
    baseUrl: string,
  ): Promise<LinkOutcome[]> {
    const build = await this.#builder(publisherId, baseUrl);
    const outcomes: LinkOutcome[] = [];
    for (const input of inputs) {
      try {
        outcomes.push(await build(input));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ error: { code: error.code, message: error.message } });
      }
    }
    return outcomes;
  }

  async #builder(publisherId: string, baseUrl: string) {
    const [sites, memberships] = await Promise.all([
      repos(this.store).publishers.sitesOf(publisherId),
      repos(this.store).publisherReads.approvedMemberships(publisherId),
    ]);
    const ownSites = new Set(sites.map((site) => site.id));
    const adsOf = new Map<string, Promise<AdView[]>>();
    return async (input: LinkRequest): Promise<LinkView> => {
      const program = this.programs.program(input.programId);
      if (program === undefined)
        throw new LinkError('unknown_program', `programId: no program "${input.programId}"`);
      if (!ownSites.has(input.siteId))
        throw new LinkError(
          'not_your_site',
          `siteId: "${input.siteId}" is not one of your sites; use the id of one of yours`,
        );
      const membership = memberships.find(
        (row) => row.program_id === input.programId && row.site_id === input.siteId,
      );
      if (membership === undefined)
        throw new LinkError(
          'not_approved',
          `site ${input.siteId} is not approved for program ${input.programId}: apply first, and use the site once the advertiser has approved it`,
        );
      let ads = adsOf.get(input.programId);
      if (ads === undefined) {
        ads = this.ads.active(input.programId);
        adsOf.set(input.programId, ads);
      }
      const active = await ads;
      const ad = input.adId ? active.find((candidate) => candidate.id === input.adId) : active[0];
      if (ad === undefined)
        throw new LinkError(
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
          throw new LinkError(
            'invalid_parameter',
            `${name}: use up to 64 letters, digits, "-", "_" or "."`,
          );
        if (text) params.set(name, text);
      }
      const deeplink = input.url?.trim() ?? '';
      const rule = program.terms.file.tracking.deeplinking;
      if (deeplink !== '') {
        requireDeeplink(rule, deeplink, 'url');
        params.set('url', deeplink);
      } else if (ad.landingUrl !== null && allowedDeeplink(rule, ad.landingUrl) !== undefined) {
        // The ad's own landing page (checked when it was made, and again: terms change).
        params.set('url', ad.landingUrl);
      }
      const url = `${baseUrl}/click?${params.toString()}`;
      return { url, html: adHtml(ad, url, baseUrl), adId: ad.id };
    };
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

/**
 * The HTML a publisher pastes: a sponsored link around the ad's words, or around the banner's
 * image (served by this network) with its size and alt text. Every value is escaped.
 */
export function adHtml(ad: AdView, clickUrl: string, baseUrl: string): string {
  const inner =
    ad.kind === 'banner' && ad.imagePath !== null
      ? `<img src="${escape(baseUrl + ad.imagePath)}" width="${ad.width ?? ''}" height="${ad.height ?? ''}" alt="${escape(ad.alt ?? '')}" />`
      : escape(ad.text ?? '');
  return `<a href="${escape(clickUrl)}" rel="sponsored nofollow">${inner}</a>`;
}
