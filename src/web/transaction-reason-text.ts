import {
  explainReason,
  REASON_CODES,
  type ReasonCode,
  type ReasonFacts,
} from '../domain/engine/reasons.js';
import { POLICY_REVIEW } from '../domain/ledger/compliance-hold.js';
import { DECLINE_REASON_TEXT, isDeclineReason } from '../domain/validation/decline-reasons.js';
import { translate, type Locale } from './i18n.js';

/** The reason of a commission taken off its order for another click (the repository's REATTRIBUTED). */
const REATTRIBUTED = 'reattributed';

/** A commission of the advertiser's transactions list, as far as its reason's words need it. */
export interface ReasonOfRow {
  readonly status: string;
  readonly reason: string | null;
  readonly rule: string | null;
  /** Who decided it: a person or key (`user:…`, `key:…`), `validation_deadline`, or null. */
  readonly decidedBy: string | null;
}

/** Who stands behind a decision that is neither the engine's nor the deadline's: a person or a key. */
function decidedByAdvertiser(decidedBy: string | null): boolean {
  return decidedBy !== null && decidedBy !== 'validation_deadline';
}

/**
 * Why a transaction has its status, as a sentence in the reader's language: an engine reason
 * (AE-C5, KK-C4, NET-R1 …) in the program's own words, the advertiser's own decline, the
 * validation deadline's, a compliance hold (NET-R7/R8) or a re-attribution; a pending or approved
 * commission without a reason names the rule that priced it. The rule id is not in the sentence
 * (the caller shows it next to it, so the stable id stays visible); an unknown stored reason is
 * returned as it is.
 */
export function transactionReasonText(
  row: ReasonOfRow,
  locale: Locale,
  facts: ReasonFacts | undefined,
): string {
  const { reason } = row;
  if (reason === null)
    return row.rule === null ? '' : translate(locale, 'advertiserTransaction.reasonPricedBy');
  if (reason === POLICY_REVIEW)
    return translate(locale, 'advertiserTransaction.reasonPolicyReview');
  if (reason === REATTRIBUTED) return translate(locale, 'advertiserTransaction.reasonReattributed');
  if (isDeclineReason(reason) && decidedByAdvertiser(row.decidedBy))
    return translate(locale, 'advertiserTransaction.reasonDeclinedByYou', {
      reason: DECLINE_REASON_TEXT[reason][locale],
    });
  if (row.decidedBy === 'validation_deadline' && row.status === 'declined')
    return translate(locale, 'advertiserTransaction.reasonDeadlineDeclined');
  if ((REASON_CODES as readonly string[]).includes(reason))
    return explainReason(reason as ReasonCode, locale, facts);
  if (isDeclineReason(reason))
    return translate(locale, 'advertiserTransaction.reasonDeclined', {
      reason: DECLINE_REASON_TEXT[reason][locale],
    });
  return reason;
}
