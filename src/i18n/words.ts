import type { CommissionStatus } from '../domain/ledger/plan-commission-change.js';
import type { QuoteStatus } from '../domain/engine/quote.js';
import type { OrderStatus } from '../domain/orders/order-schema.js';
import type { ProgramReviewStatus } from '../domain/programs/review.js';
import type { PROMOTION_METHODS } from '../services/accounts-service.js';
import { translate, type Locale, type MessageKey } from './catalogue.js';

/**
 * The words for codes stored in the database or named in a terms file (statuses, promotion
 * methods): each code maps to its catalogue key, so a key that is not in the catalogue does not
 * compile, and neither does a status of the domain's unions (or a promotion method a publisher
 * picks from) without words. A code no one has worded yet (a method a terms file invents) is
 * shown as the code in words.
 */
const STATUS_WORDS = {
  pending: 'status.pending',
  approved: 'status.approved',
  declined: 'status.declined',
  held: 'status.held',
  paid: 'status.paid',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
  refunded: 'status.refunded',
  qualified: 'status.qualified',
  provisional: 'status.provisional',
  disqualified: 'status.disqualified',
  issued: 'status.issued',
  payable: 'status.payable',
  carried_over: 'status.carried_over',
  settled: 'status.settled',
  withheld: 'status.withheld',
  created: 'status.created',
  exported: 'status.exported',
  active: 'status.active',
  lifted: 'status.lifted',
  reversed: 'status.reversed',
  ended: 'status.ended',
  open: 'status.open',
  confirmed: 'status.confirmed',
  dismissed: 'status.dismissed',
  submitted: 'status.submitted',
  rejected: 'status.rejected',
  upheld: 'status.upheld',
  revoked: 'status.revoked',
  terminated: 'status.terminated',
  restricted: 'status.restricted',
  suspended: 'status.suspended',
  outbox: 'status.outbox',
  queued: 'status.queued',
  sent: 'status.sent',
  failed: 'status.failed',
  refused: 'status.refused',
  in_review: 'status.in_review',
} as const satisfies Record<
  CommissionStatus | OrderStatus | QuoteStatus | ProgramReviewStatus,
  MessageKey
> &
  Record<string, MessageKey>;

const METHOD_WORDS = {
  content_sites: 'method.content_sites',
  cashback_loyalty: 'method.cashback_loyalty',
  voucher_codes: 'method.voucher_codes',
  price_comparison: 'method.price_comparison',
  email_marketing: 'method.email_marketing',
  social_media: 'method.social_media',
  keyword_marketing: 'method.keyword_marketing',
  brand_bidding: 'method.brand_bidding',
  search_engine_advertising: 'method.search_engine_advertising',
  google_shopping: 'method.google_shopping',
  pop_ups: 'method.pop_ups',
  cookie_stuffing: 'method.cookie_stuffing',
  incentivised_traffic: 'method.incentivised_traffic',
} as const satisfies Record<(typeof PROMOTION_METHODS)[number], MessageKey> &
  Record<string, MessageKey>;

function words(map: Readonly<Record<string, MessageKey>>, code: string, locale: Locale): string {
  return Object.hasOwn(map, code) ? translate(locale, map[code]!) : code.replace(/_/g, ' ');
}

/** A stored status (`approved`, `carried_over`) in the reader's language. */
export function statusWords(status: string, locale: Locale): string {
  return words(STATUS_WORDS, status, locale);
}

/** A promotion method (`voucher_codes`, or one a terms file names) in the reader's language. */
export function methodWords(method: string, locale: Locale): string {
  return words(METHOD_WORDS, method, locale);
}
