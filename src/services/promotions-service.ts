import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { allowedDeeplink } from '../domain/programs/deeplinks.js';
import { parseIsoInstant } from '../domain/dates.js';
import { isCurrent, normalizeCode, type PromotionKind } from '../domain/promotions/promotions.js';
import { promotionCreated, type PromotionFacts } from '../domain/events/events.js';
import { newId } from '../storage/ids.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { StoredPromotion } from '../storage/repositories/promotions-repository.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { LinkBuilder } from './link-builder.js';

export class PromotionError extends DomainError {}

export interface Localized {
  nl: string;
  en: string;
}

/** A promotion as the advertiser writes it (shapes checked by the route's schema). */
export interface PromotionInput {
  title: Localized;
  description?: Partial<Localized> | null | undefined;
  url?: string | null | undefined;
  startsAt: string;
  endsAt: string;
  kind: PromotionKind;
  code?: string | null | undefined;
  exclusiveSiteId?: string | null | undefined;
}

export type PromotionChange = Partial<PromotionInput>;

/** A promotion as its advertiser sees it. */
export interface PromotionView {
  id: string;
  programId: string;
  title: Localized;
  description: Localized | null;
  url: string | null;
  kind: PromotionKind;
  code: string | null;
  exclusiveSiteId: string | null;
  startsAt: string;
  endsAt: string;
  /** scheduled, running or ended, by the network's clock. */
  state: 'scheduled' | 'running' | 'ended';
}

/** A running promotion as a publisher sees it, for one of its approved sites. */
export interface PublisherPromotionView {
  id: string;
  programId: string;
  programName: string;
  siteId: string;
  title: Localized;
  description: Localized | null;
  kind: PromotionKind;
  code: string | null;
  exclusive: boolean;
  startsAt: string;
  endsAt: string;
  /** The /click link of this site to the promotion's page (or the program's landing page). */
  trackingLink: string;
}

/**
 * Promotions and voucher codes (issue 29): an advertiser publishes them per program; the
 * publishers approved in the program see the running ones with their own tracked link, an
 * exclusive code only its site's publisher. An exclusive code is unique in its program, so an
 * order reporting it names one site (voucher-code attribution, conversion-service.ts).
 */
export class PromotionsService {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
    private readonly links: LinkBuilder,
  ) {}

  async ofProgram(
    advertiserId: string,
    programId: string,
    nowMs: number,
  ): Promise<PromotionView[]> {
    const r = repos(this.store);
    this.#ownedProgram(advertiserId, programId);
    return (await r.promotions.ofProgram(programId)).map((row) => promotionView(row, nowMs));
  }

  async create(
    advertiserId: string,
    programId: string,
    input: PromotionInput,
    nowMs: number,
  ): Promise<PromotionView> {
    return repos(this.store).transaction(async (t) => {
      const program = this.#ownedProgram(advertiserId, programId);
      const row = await this.#checked(t, program, null, input);
      if (row.ends_at <= nowMs)
        throw new PromotionError(
          'promotion_already_ended',
          `endsAt: ${new Date(row.ends_at).toISOString()} is not after now; a new promotion must end in the future (its start may be in the past): set endsAt later`,
          [],
          { endsAt: new Date(row.ends_at).toISOString() },
        );
      await refuseRetiredCode(t, programId, row);
      // A promotion running now is announced with its creation; a scheduled one when it starts
      // (announceStarted), so no publisher learns of it, or of its code, before then.
      const current = isCurrent({ startsAtMs: row.starts_at, endsAtMs: row.ends_at }, nowMs);
      const stored: StoredPromotion = {
        ...row,
        id: newId('promotion', nowMs),
        program_id: programId,
        created_at: nowMs,
        updated_at: nowMs,
        announced_at: current ? nowMs : null,
      };
      await t.promotions.insert(stored);
      // The outbox: the event commits with the promotion, or neither does (issue 28).
      if (current) await t.events.append([promotionCreated(promotionFacts(stored))], nowMs);
      return promotionView(stored, nowMs);
    });
  }

  async update(
    advertiserId: string,
    programId: string,
    promotionId: string,
    change: PromotionChange,
    nowMs: number,
  ): Promise<PromotionView> {
    return repos(this.store).transaction(async (t) => {
      const program = this.#ownedProgram(advertiserId, programId);
      const current = await this.#ownedPromotion(t, programId, promotionId);
      const merged: PromotionInput = { ...inputOf(current), ...definedOf(change) };
      const row = await this.#checked(t, program, current.id, merged);
      refuseRetargetedCode(current, row);
      if (current.code_key !== row.code_key || current.exclusive_site_id !== row.exclusive_site_id)
        await refuseRetiredCode(t, programId, row);
      // A published code the promotion gives up is kept, so no other site gets it later.
      if (current.announced_at !== null && current.code_key !== row.code_key)
        await t.promotions.retireCode(current, nowMs);
      await t.promotions.update(current.id, { ...row, updated_at: nowMs });
      // A scheduled promotion moved to start now is announced now, as it stands after the edit.
      const announced =
        current.announced_at === null
          ? await t.promotions.markAnnounced(current.id, nowMs)
          : undefined;
      if (announced !== undefined)
        await t.events.append([promotionCreated(promotionFacts(announced))], nowMs);
      return promotionView({ ...current, ...row, updated_at: nowMs }, nowMs);
    });
  }

  async delete(
    advertiserId: string,
    programId: string,
    promotionId: string,
    nowMs: number,
  ): Promise<void> {
    await repos(this.store).transaction(async (t) => {
      this.#ownedProgram(advertiserId, programId);
      const current = await this.#ownedPromotion(t, programId, promotionId);
      // Its code, once published, stays out of other sites' reach (refuseRetiredCode).
      if (current.announced_at !== null) await t.promotions.retireCode(current, nowMs);
      await t.promotions.delete(current.id);
    });
  }

  /**
   * Announces the promotions whose start has come (`promotion.created`, issue 29): each one
   * marked announced in the transaction that appends its event, so it is announced once, also
   * when two nodes run this at once. A promotion deleted, or moved later, before its start is
   * not announced (then); one that ended before it was announced never is. How many it announced.
   */
  async announceStarted(nowMs: number, batch = 100): Promise<number> {
    let announced = 0;
    for (;;) {
      const rows = await repos(this.store).transaction(async (t) => {
        const started = await t.promotions.markStartedAnnounced(nowMs, batch);
        await t.events.append(
          started.map((row) => promotionCreated(promotionFacts(row))),
          nowMs,
        );
        return started.length;
      });
      announced += rows;
      if (rows < batch) return announced;
    }
  }

  /**
   * The running promotions of the programs the publisher's sites are approved in (one row per
   * site, or only `siteId`'s), each with its tracked link; an exclusive one only on its site.
   */
  async forPublisher(
    publisherId: string,
    siteId: string | undefined,
    baseUrl: string,
    nowMs: number,
  ): Promise<PublisherPromotionView[]> {
    const r = repos(this.store);
    if (siteId !== undefined) {
      const own = await r.publishers.sitesOf(publisherId);
      if (!own.some((site) => site.id === siteId))
        throw new PromotionError(
          'not_your_site',
          `siteId: "${siteId}" is not one of your sites; use the id of one of yours`,
        );
    }
    // A terminated publisher promotes nothing (its clicks attribute nothing either).
    if ((await r.publishers.find(publisherId))?.status === 'terminated') return [];
    const rows = (await r.promotions.currentForPublisher(publisherId, nowMs)).filter(
      (row) => siteId === undefined || row.site_id === siteId,
    );
    const links = await this.links.buildMany(
      publisherId,
      rows.map((row) => ({
        programId: row.program_id,
        siteId: row.site_id,
        ...(row.url !== null ? { url: row.url } : {}),
      })),
      baseUrl,
    );
    const views: PublisherPromotionView[] = [];
    rows.forEach((row, index) => {
      const link = links[index]!;
      // A link the program no longer allows (its deeplink domains changed) is left out.
      if ('error' in link) return;
      views.push({
        id: row.id,
        programId: row.program_id,
        programName: this.programs.program(row.program_id)?.terms.file.name ?? row.program_id,
        siteId: row.site_id,
        title: { nl: row.title_nl, en: row.title_en },
        description: descriptionOf(row),
        kind: row.kind as PromotionKind,
        code: row.code,
        exclusive: row.exclusive_site_id !== null,
        startsAt: new Date(row.starts_at).toISOString(),
        endsAt: new Date(row.ends_at).toISOString(),
        trackingLink: link.url,
      });
    });
    return views;
  }

  /** The advertiser's program, from the link cache that holds its owner (no query). */
  #ownedProgram(advertiserId: string, programId: string): CachedProgram {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new PromotionError('unknown_program', `no program "${programId}" among yours`);
    return program;
  }

  /** The promotion, when it is one of `programId` (whose ownership the caller checked). */
  async #ownedPromotion(r: Repos, programId: string, id: string): Promise<StoredPromotion> {
    const found = await r.promotions.find(id);
    if (found === undefined || found.program_id !== programId)
      throw new PromotionError('unknown_promotion', `no promotion "${id}" in program ${programId}`);
    return found;
  }

  /** The stored columns of a valid promotion, or the refusal naming every field to fix. */
  async #checked(
    r: Repos,
    program: CachedProgram,
    exceptId: string | null,
    input: PromotionInput,
  ): Promise<
    Omit<StoredPromotion, 'id' | 'program_id' | 'created_at' | 'updated_at' | 'announced_at'>
  > {
    const problems: string[] = [];
    const startsAt = parseIsoInstant(input.startsAt);
    const endsAt = parseIsoInstant(input.endsAt);
    if (startsAt === undefined) problems.push('startsAt: expected an ISO 8601 instant');
    if (endsAt === undefined) problems.push('endsAt: expected an ISO 8601 instant');
    if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt)
      problems.push('endsAt: must be after startsAt');
    const url = input.url?.trim() || null;
    if (url !== null && allowedDeeplink(program.terms.file.tracking.deeplinking, url) === undefined)
      problems.push(
        program.terms.file.tracking.deeplinking.allowed
          ? `url: must be an http(s) address on ${program.terms.file.tracking.deeplinking.domains.join(', ')}`
          : 'url: this program allows no deep links; leave it empty for its landing page',
      );
    const code = input.code?.trim() || null;
    const exclusiveSiteId = input.exclusiveSiteId?.trim() || null;
    if (exclusiveSiteId !== null) {
      const membership = await r.memberships.find(program.id, exclusiveSiteId);
      if (membership?.status !== 'approved')
        problems.push(
          `exclusiveSiteId: "${exclusiveSiteId}" is not a site approved in this program`,
        );
    }
    if (problems.length > 0) {
      // Each problem as an issue too, so a form names the field by its own label.
      const issues = problems.map((problem) => {
        const at = problem.indexOf(': ');
        return { path: problem.slice(0, at), message: problem.slice(at + 2) };
      });
      throw new PromotionError('invalid_promotion', problems.join('; '), issues, {
        fields: issues.map((issue) => issue.path).join(', '),
      });
    }
    const codeKey = code === null ? null : normalizeCode(code);
    if (
      codeKey !== null &&
      (await r.promotions.codeTaken(program.id, codeKey, exclusiveSiteId !== null, exceptId))
    )
      throw new PromotionError(
        'voucher_code_taken',
        `code: ${code} is already exclusive to a site in this program, or shared while you make it exclusive; choose another code`,
        [{ path: 'code', message: 'already taken in this program; choose another code' }],
        { code: code! },
      );
    return {
      title_nl: input.title.nl.trim(),
      title_en: input.title.en.trim(),
      description_nl: input.description?.nl?.trim() || null,
      description_en: input.description?.en?.trim() || null,
      url,
      kind: input.kind,
      code,
      code_key: codeKey,
      exclusive_site_id: exclusiveSiteId,
      starts_at: startsAt!,
      ends_at: endsAt!,
    };
  }
}

/**
 * A code is published with its promotion (promotion.created tells every publisher in the
 * program): once shared, it cannot become exclusive to one site, and an exclusive one cannot
 * move to another site, or that site would take the orders other publishers earned with the
 * code (voucher-code attribution). A new exclusive code needs a new promotion with a new code.
 * Exclusive to shared is allowed: the code then credits no site by itself any more.
 */
function refuseRetargetedCode(
  current: StoredPromotion,
  next: { code_key: string | null; exclusive_site_id: string | null },
): void {
  if (current.code_key === null || current.code_key !== next.code_key) return;
  if (next.exclusive_site_id === null || next.exclusive_site_id === current.exclusive_site_id)
    return;
  throw new PromotionError(
    'promotion_code_published',
    current.exclusive_site_id === null
      ? `exclusiveSiteId: the code ${current.code} was published to every publisher in the program; it cannot become exclusive to one site. Create a new promotion with a new code for that site`
      : `exclusiveSiteId: the code ${current.code} was published to its site; it cannot move to another site. Create a new promotion with a new code for that site`,
    [],
    { code: current.code! },
  );
}

/**
 * A published code its promotion gave up (deleted, or its code changed) keeps its audience as
 * an edit does (refuseRetargetedCode): a new exclusive use of it is refused unless it is for
 * the very site it was exclusive to; offering it to every publisher stays allowed.
 */
async function refuseRetiredCode(
  r: Repos,
  programId: string,
  next: { code: string | null; code_key: string | null; exclusive_site_id: string | null },
): Promise<void> {
  if (next.code_key === null || next.exclusive_site_id === null) return;
  const retired = await r.promotions.retiredElsewhere(
    programId,
    next.code_key,
    next.exclusive_site_id,
  );
  if (retired === undefined) return;
  const audience =
    retired.exclusive_site_id === null
      ? 'to every publisher in the program'
      : 'exclusive to another site';
  throw new PromotionError(
    'promotion_code_published',
    `code: ${next.code} was published ${audience} by a promotion you deleted or changed; it cannot become exclusive to this site. Choose a new code for this site, or offer ${next.code} to every publisher (no exclusiveSiteId)`,
    [],
    { code: next.code! },
  );
}

function promotionView(row: StoredPromotion, nowMs: number): PromotionView {
  const period = { startsAtMs: Number(row.starts_at), endsAtMs: Number(row.ends_at) };
  return {
    id: row.id,
    programId: row.program_id,
    title: { nl: row.title_nl, en: row.title_en },
    description: descriptionOf(row),
    url: row.url,
    kind: row.kind as PromotionKind,
    code: row.code,
    exclusiveSiteId: row.exclusive_site_id,
    startsAt: new Date(period.startsAtMs).toISOString(),
    endsAt: new Date(period.endsAtMs).toISOString(),
    state: isCurrent(period, nowMs) ? 'running' : nowMs < period.startsAtMs ? 'scheduled' : 'ended',
  };
}

function promotionFacts(row: StoredPromotion): PromotionFacts {
  return {
    id: row.id,
    programId: row.program_id,
    title: { nl: row.title_nl, en: row.title_en },
    description: descriptionOf(row),
    url: row.url,
    kind: row.kind,
    code: row.code,
    exclusiveSiteId: row.exclusive_site_id,
    startsAtMs: Number(row.starts_at),
    endsAtMs: Number(row.ends_at),
  };
}

function descriptionOf(row: StoredPromotion): Localized | null {
  return row.description_nl === null && row.description_en === null
    ? null
    : {
        nl: row.description_nl ?? row.description_en ?? '',
        en: row.description_en ?? row.description_nl ?? '',
      };
}

function inputOf(row: StoredPromotion): PromotionInput {
  return {
    title: { nl: row.title_nl, en: row.title_en },
    description: { nl: row.description_nl ?? '', en: row.description_en ?? '' },
    url: row.url,
    startsAt: new Date(Number(row.starts_at)).toISOString(),
    endsAt: new Date(Number(row.ends_at)).toISOString(),
    kind: row.kind as PromotionKind,
    code: row.code,
    exclusiveSiteId: row.exclusive_site_id,
  };
}

/** The fields a PATCH names (an absent field keeps its value; null clears it). */
function definedOf(change: PromotionChange): Partial<PromotionInput> {
  return Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  ) as Partial<PromotionInput>;
}
