import { z } from 'zod';
import { screenBrands, type BrandMatch } from '../compliance/screen-brands.js';
import { DomainError } from '../errors.js';

/**
 * The network's review of a program (docs/compliance.md, "Program review"): a program an
 * advertiser creates starts `in_review`; until the network admin approves it, it is not in the
 * directory, publishers cannot apply, its clicks do not attribute and its reports are refused.
 * Pure: the service passes the program and the other advertisers' brands.
 */
export const PROGRAM_REVIEW_STATUSES = ['approved', 'in_review', 'refused'] as const;
export type ProgramReviewStatus = (typeof PROGRAM_REVIEW_STATUSES)[number];

export const REVIEW_DECISIONS = ['approved', 'refused'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The review state as stored (programs.review_status); anything unknown counts as in review. */
export function reviewStatusOf(stored: string): ProgramReviewStatus {
  return (PROGRAM_REVIEW_STATUSES as readonly string[]).includes(stored)
    ? (stored as ProgramReviewStatus)
    : 'in_review';
}

/**
 * Whether a program is open to publishers and its traffic: active (not paused or closed) and
 * approved by the network. The directory, applications, clicks and reports all ask this.
 */
export function programIsLive(program: { status: string; review: ProgramReviewStatus }): boolean {
  return program.status === 'active' && program.review === 'approved';
}

/** The admin's decision as the API and the portal form send it. */
export const reviewDecisionSchema = z
  .object({
    decision: z
      .enum(REVIEW_DECISIONS, { error: 'decision: expected approved or refused' })
      .meta({ description: 'approved: listed and tracked; refused: hidden, with the reason' }),
    reason: z
      .string({ error: 'reason: expected text' })
      .trim()
      .max(1000, { error: 'reason: at most 1000 characters' })
      .optional()
      .transform((value) => (value === '' ? undefined : value))
      .meta({ description: 'required when refused: the advertiser reads it' }),
  })
  .strict();
export type ReviewDecisionInput = z.output<typeof reviewDecisionSchema>;

/**
 * Checks a decision: a refusal needs a reason (the advertiser reads it). A program may be
 * reviewed again at any time (an approved one refused when an impersonation comes to light, a
 * refused one approved once fixed); the same decision with the same reason changes nothing.
 */
export function planReview(
  current: { status: ProgramReviewStatus; reason: string | null },
  input: ReviewDecisionInput,
): { status: ReviewDecision; reason: string | null; changed: boolean } {
  if (input.decision === 'refused' && input.reason === undefined)
    throw new DomainError(
      'review_reason_required',
      'reason: say why the program is refused; the advertiser reads it',
    );
  const reason = input.decision === 'refused' ? input.reason! : null;
  return {
    status: input.decision,
    reason,
    changed: current.status !== input.decision || current.reason !== reason,
  };
}

/**
 * A program's names screened for the brands of other advertisers' programs (AE-P5's screening,
 * as for publisher sign-ups): its name, the advertiser its terms name, the advertiser's account
 * name, its landing URL, its public texts (description, benefits, accepted methods, document
 * titles; both languages) and the brands it claims as its own.
 * The reviewing admin sees every hit.
 */
export function screenProgramNames(
  program: {
    name: string;
    advertiser: string;
    accountName: string;
    landingUrl: string;
    /**
     * The public texts beside the names (description, benefits, accepted methods, document
     * titles), every language; absent where the terms are not at hand.
     */
    description?: readonly string[];
    /** The brands the program's terms claim (what publishers' sign-ups are screened for). */
    brands?: readonly string[];
  },
  otherBrands: readonly string[],
): BrandMatch[] {
  return screenBrands(
    [
      { field: 'program name', text: program.name },
      { field: 'advertiser', text: program.advertiser },
      { field: 'advertiser account', text: program.accountName },
      { field: 'landing URL', text: program.landingUrl },
      ...(program.description ?? []).map((text) => ({ field: 'public text', text })),
      ...(program.brands ?? []).map((text) => ({ field: 'claimed brand', text })),
    ],
    [...new Set(otherBrands)],
  );
}

/**
 * What an advertiser's terms change does to the review: a refused program goes back into review
 * (the advertiser answered the refusal); an approved one goes back when its new names hit a
 * brand they did not hit before (a rename into an impersonation). Otherwise nothing changes.
 */
export function reviewAfterTermsChange(
  current: ProgramReviewStatus,
  before: readonly BrandMatch[],
  after: readonly BrandMatch[],
): 'in_review' | undefined {
  if (current === 'refused') return 'in_review';
  const known = new Set(before.map((match) => `${match.field} ${match.brand}`));
  if (current === 'approved' && after.some((match) => !known.has(`${match.field} ${match.brand}`)))
    return 'in_review';
  return undefined;
}
