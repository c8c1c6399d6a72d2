import type { ReasonCode } from '../engine/reasons.js';

/**
 * Why a transaction is declined: the fixed taxonomy advertisers choose from when they validate,
 * and the words a publisher reads. Engine reasons (AE-Q2, Q3, C2, …) map onto it, so a
 * statement or a CSV groups declines the same way however they were decided.
 */
export const DECLINE_REASONS = [
  'cancelled',
  'returned',
  'fraud',
  'policy_breach',
  'duplicate',
  'out_of_stock',
  'other',
] as const;

export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DECLINE_REASON_TEXT: Readonly<Record<DeclineReason, { en: string; nl: string }>> = {
  cancelled: { en: 'Order cancelled', nl: 'Bestelling geannuleerd' },
  returned: { en: 'Returned or refunded', nl: 'Geretourneerd of terugbetaald' },
  fraud: { en: 'Fraud', nl: 'Fraude' },
  policy_breach: { en: 'Breach of the program rules', nl: 'Overtreding van de programmaregels' },
  duplicate: { en: 'Duplicate transaction', nl: 'Dubbele transactie' },
  out_of_stock: { en: 'Out of stock', nl: 'Niet op voorraad' },
  other: { en: 'Other', nl: 'Anders' },
};

const OF_ENGINE_REASON: Readonly<Record<ReasonCode, DeclineReason>> = {
  order_cancelled: 'cancelled',
  line_cancelled: 'cancelled',
  order_refunded: 'returned',
  line_refunded: 'returned',
  fraud: 'fraud',
  multiple_vouchers: 'policy_breach',
  not_in_stock: 'out_of_stock',
  currency_not_usd: 'other',
  currency_not_accepted: 'other',
  virtual_product: 'other',
  seller_not_prc: 'other',
  excluded_store: 'other',
  missing_fx_rate: 'other',
  checksum_mismatch: 'fraud',
  lines_value_mismatch: 'fraud',
  unknown_event: 'other',
  lead_unverified: 'policy_breach',
};

export function isDeclineReason(text: string): text is DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(text);
}

/** The taxonomy entry of a stored reason: a taxonomy code as is, an engine code mapped. */
export function declineReasonOf(reason: string | null): DeclineReason {
  if (reason === null) return 'other';
  if (isDeclineReason(reason)) return reason;
  return OF_ENGINE_REASON[reason as ReasonCode] ?? 'other';
}
