import type { Store } from '../storage/database.js';
import { ProgramsRepository } from '../storage/repositories/programs-repository.js';
import type { LinkCache } from '../tracking/link-cache.js';
import type { BrandMatch } from '../domain/compliance/screen-brands.js';
import {
  planReview,
  reviewStatusOf,
  screenProgramNames,
  type ProgramReviewStatus,
  type ReviewDecisionInput,
} from '../domain/programs/review.js';
import { DomainError } from '../domain/errors.js';
import {
  programNamesOf,
  type ProgramNames,
  type ProgramScreening,
} from './program-terms-service.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import { composeEmail, localeOf } from '../i18n/email.js';
import type { Mailer } from './mailer.js';

/** A program as its advertiser sees the network's review of it. */
export interface ProgramReviewState {
  programId: string;
  slug: string;
  name: string;
  review: ProgramReviewStatus;
  /** Why it was refused; null otherwise. */
  reason: string | null;
  reviewedAt: string | null;
}

/** A program as the reviewing admin sees it: with its advertiser and every brand hit. */
export interface ProgramReviewView extends ProgramReviewState {
  advertiserId: string;
  /** The advertiser's account name. */
  advertiser: string;
  /** The advertiser its terms name (what the directory shows). */
  advertiserInTerms: string;
  landingUrl: string;
  reviewedBy: string | null;
  createdAt: string;
  /** Its names screened against other advertisers' brands (AE-P5's screening). */
  brandMatches: BrandMatch[];
  /** Whether the decision changed anything (an identical decision is not recorded again). */
  changed?: boolean;
}

type ReviewRow = Awaited<ReturnType<ProgramsRepository['reviews']>>[number];

/**
 * The network admin's review of programs (docs/compliance.md, "Program review"): the queue of
 * programs in review with their brand hits, and the decision, audited with before and after.
 */
export class ProgramReviewService implements ProgramScreening {
  constructor(
    private readonly store: Store,
    private readonly cache: LinkCache,
    /** The network's mailer (made after this service: asked for when a decision is mailed). */
    private readonly mailer: () => Mailer,
  ) {}

  /** Brands of the approved programs of every advertiser but this one. */
  brandsOfOthers(advertiserId: string): string[] {
    return this.cache
      .programs()
      .filter((program) => program.advertiserId !== advertiserId && program.review === 'approved')
      .flatMap((program) => program.terms.file.brands);
  }

  /** A program's names in its current terms (as the link cache holds them). */
  namesOf(programId: string): ProgramNames | undefined {
    const file = this.cache.program(programId)?.terms.file;
    return file && programNamesOf(file);
  }

  /** Programs in review (the admin's queue), oldest first; `all`: every program. */
  async queue(which: 'in_review' | 'all' = 'in_review'): Promise<ProgramReviewView[]> {
    const rows = await repos(this.store).programs.reviews(
      which === 'all' ? {} : { review: 'in_review' },
    );
    return rows.map((row) => this.#view(row));
  }

  async viewOrThrow(programId: string): Promise<ProgramReviewView> {
    const [row] = await repos(this.store).programs.reviews({ programId });
    if (row === undefined) throw unknownProgram(programId);
    return this.#view(row);
  }

  /** An advertiser's programs with the network's review of each. */
  async ofAdvertiser(advertiserId: string): Promise<ProgramReviewState[]> {
    const rows = await repos(this.store).programs.reviews({ advertiserId });
    return rows.map((row) => stateOf(row));
  }

  /**
   * The admin's decision: approved (listed and tracked from the next cache reload) or refused
   * with a reason the advertiser reads. Audited with before and after and the brand hits.
   */
  async decide(
    programId: string,
    input: ReviewDecisionInput,
    actor: string,
    nowMs: number,
  ): Promise<ProgramReviewView> {
    const changed = await repos(this.store).transaction(async (t) => {
      const programs = t.programs;
      const [row] = await programs.reviews({ programId });
      if (row === undefined) throw unknownProgram(programId);
      const before = reviewStatusOf(row.review_status);
      const plan = planReview({ status: before, reason: row.review_reason }, input);
      if (!plan.changed) return false;
      await programs.setReview(
        programId,
        { status: plan.status, reason: plan.reason, actor },
        nowMs,
      );
      await t.audit.record(
        {
          actor,
          action: `program.review_${plan.status}`,
          subjectType: 'program',
          subjectId: programId,
          details: {
            before,
            after: plan.status,
            reason: plan.reason,
            brandMatches: this.#view(row).brandMatches,
          },
        },
        nowMs,
      );
      await this.#queueDecisionMail(t, row, plan, nowMs);
      return true;
    });
    return { ...(await this.viewOrThrow(programId)), changed };
  }

  /**
   * Tells the advertiser's users the decision, each in their language: approved, or refused
   * with the reason. Written in the decision's transaction (the outbox): the mail commits with
   * the decision, or not at all.
   */
  async #queueDecisionMail(
    t: Repos,
    row: ReviewRow,
    plan: { status: 'approved' | 'refused'; reason: string | null },
    nowMs: number,
  ): Promise<void> {
    for (const user of await t.users.recipientsOfAdvertiser(row.advertiser_id))
      await this.mailer().queue(
        t,
        {
          to: user.email,
          kind: 'program_review',
          ...composeEmail(
            localeOf(user.locale),
            plan.status === 'approved' ? 'programApproved' : 'programRefused',
            { program: row.name, reason: plan.reason ?? '' },
          ),
        },
        nowMs,
      );
  }

  #view(row: ReviewRow): ProgramReviewView {
    const cached = this.cache.program(row.id);
    const advertiserInTerms = cached?.terms.file.advertiser ?? row.advertiser_name;
    return {
      ...stateOf(row),
      advertiserId: row.advertiser_id,
      advertiser: row.advertiser_name,
      advertiserInTerms,
      landingUrl: row.landing_url,
      reviewedBy: row.reviewed_by,
      createdAt: new Date(row.created_at).toISOString(),
      brandMatches: screenProgramNames(
        {
          name: row.name,
          advertiser: advertiserInTerms,
          accountName: row.advertiser_name,
          landingUrl: row.landing_url,
          ...(cached === undefined ? {} : programNamesOf(cached.terms.file)),
        },
        this.brandsOfOthers(row.advertiser_id),
      ),
    };
  }
}

function stateOf(row: ReviewRow): ProgramReviewState {
  return {
    programId: row.id,
    slug: row.slug,
    name: row.name,
    review: reviewStatusOf(row.review_status),
    reason: row.review_reason,
    reviewedAt: row.reviewed_at === null ? null : new Date(row.reviewed_at).toISOString(),
  };
}

function unknownProgram(programId: string): DomainError {
  return new DomainError('unknown_program', `no program "${programId}"`);
}
