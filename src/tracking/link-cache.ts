import { systemClock, type Clock } from '../server/clock.js';
import type { Store } from '../storage/database.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { TermsCompiler } from '../programs/terms-compiler.js';
import type { ExclusiveCode } from '../domain/promotions/promotions.js';
import { reviewStatusOf, type ProgramReviewStatus } from '../domain/programs/review.js';

export interface CachedProgram {
  id: string;
  slug: string;
  advertiserId: string;
  status: string;
  /** The network's review: only an approved program is listed and tracked (programIsLive). */
  review: ProgramReviewStatus;
  landingUrl: string;
  termsId: string | null;
  terms: ProgramTerms;
  /** The program's pixel checksum secret (settings.checksumSecret), or null: none required. */
  checksumSecret: string | null;
}

export interface CachedSite {
  id: string;
  publisherId: string;
  status: string;
  publisherStatus: string;
}

/**
 * What the tracking path needs to answer a click without touching the database: programs with
 * their compiled terms, sites with their publisher's standing, memberships and ads. Reloaded
 * whole on `invalidate()` (called when programs, sites or memberships change, here or, through
 * PostgreSQL NOTIFY, on another node); a reload is cheap next to a click rate.
 */
/** settings.checksumSecret of a program's settings JSON, or null (also when it is not JSON). */
function checksumSecretOf(settings: string): string | null {
  try {
    const secret = (JSON.parse(settings) as { checksumSecret?: unknown }).checksumSecret;
    return typeof secret === 'string' && secret !== '' ? secret : null;
  } catch {
    return null;
  }
}

export class LinkCache {
  readonly #repos: Repos;
  #programs = new Map<string, CachedProgram>();
  #sites = new Map<string, CachedSite>();
  #memberships = new Map<string, string>();
  #ads = new Map<string, string>();
  #exclusiveCodes = new Map<string, ExclusiveCode>();
  #loading: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  loadedAt = 0;

  /** `compiler`: where stored terms are compiled (a thread of its own under `affnet serve`). */
  constructor(
    store: Store,
    private readonly now: Clock = systemClock,
    private readonly compiler = new TermsCompiler(),
  ) {
    this.#repos = repos(store);
  }

  program(id: string): CachedProgram | undefined {
    return this.#programs.get(id);
  }

  programs(): CachedProgram[] {
    return [...this.#programs.values()];
  }

  site(id: string): CachedSite | undefined {
    return this.#sites.get(id);
  }

  /** pending, approved, rejected, suspended; undefined when the site never applied. */
  membership(programId: string, siteId: string): string | undefined {
    return this.#memberships.get(`${programId} ${siteId}`);
  }

  /** The site a voucher code of the program is exclusive to, with its promotion's period. */
  exclusiveCode(programId: string, codeKey: string): ExclusiveCode | undefined {
    return this.#exclusiveCodes.get(`${programId} ${codeKey}`);
  }

  /** The program an ad belongs to. */
  adProgram(adId: string): string | undefined {
    return this.#ads.get(adId);
  }

  /**
   * Reloads now. A call during a reload waits for one more reload after it (the running one
   * may have read the database before the change the caller wants to see); calls during the
   * same reload share that next one.
   */
  async invalidate(): Promise<void> {
    if (this.#loading) {
      this.#next ??= this.#loading
        .catch(() => undefined)
        .then(() => {
          this.#next = undefined;
          return this.invalidate();
        });
      return this.#next;
    }
    this.#loading = this.#load();
    try {
      await this.#loading;
    } finally {
      this.#loading = undefined;
    }
  }

  async #load(): Promise<void> {
    const { programs, sites, memberships, ads, exclusiveCodes } =
      await this.#repos.links.snapshot();
    const nextPrograms = new Map<string, CachedProgram>();
    for (const row of programs) {
      if (row.source === null) continue;
      const previous = this.#programs.get(row.id);
      const terms =
        previous && previous.termsId === row.current_terms_id
          ? previous.terms
          : await this.compiler.compileStored(
              row.current_terms_id!,
              row.source,
              `program ${row.slug} (stored terms)`,
            );
      nextPrograms.set(row.id, {
        id: row.id,
        slug: row.slug,
        advertiserId: row.advertiser_id,
        status: row.status,
        review: reviewStatusOf(row.review_status),
        landingUrl: row.landing_url,
        termsId: row.current_terms_id,
        terms,
        checksumSecret: checksumSecretOf(row.settings),
      });
    }
    this.#programs = nextPrograms;
    this.#sites = new Map(
      sites.map((row) => [
        row.id,
        {
          id: row.id,
          publisherId: row.publisher_id,
          status: row.status,
          publisherStatus: row.publisher_status,
        },
      ]),
    );
    this.#memberships = new Map(
      memberships.map((row) => [`${row.program_id} ${row.site_id}`, row.status]),
    );
    this.#ads = new Map(ads.map((row) => [row.id, row.program_id]));
    this.#exclusiveCodes = new Map(
      exclusiveCodes.map((row) => [
        `${row.program_id} ${row.code_key}`,
        {
          siteId: row.exclusive_site_id!,
          startsAtMs: Number(row.starts_at),
          endsAtMs: Number(row.ends_at),
        },
      ]),
    );
    this.loadedAt = this.now();
  }
}
