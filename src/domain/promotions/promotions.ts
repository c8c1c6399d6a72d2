/**
 * Promotions and voucher codes (issue 29): an advertiser publishes a promotion per program for
 * a period, optionally with a code, optionally exclusive to one publisher's site. Publishers
 * see the current ones of programs they are approved in; an exclusive code only its site's
 * publisher. Pure: the service passes stored promotions and the clock.
 */

export const PROMOTION_KINDS = ['percentage', 'amount', 'free_shipping', 'gift', 'other'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/** What voucher-code attribution a program's terms declare (`attribution.voucherCodes`). */
export type VoucherAttribution = 'none' | 'fallback' | 'wins';

/** A code as compared: trimmed, upper case (customers type codes in any case). */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A code a publisher may be given: letters, digits, `-` and `_`, 3 to 40 long. */
export const VOUCHER_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/;

export interface PromotionPeriod {
  startsAtMs: number;
  endsAtMs: number;
}

/** Current: started and not yet ended (an ended promotion is gone from publishers' lists). */
export function isCurrent(period: PromotionPeriod, nowMs: number): boolean {
  return period.startsAtMs <= nowMs && nowMs < period.endsAtMs;
}

/** A promotion's code as a publisher sees it: an exclusive one only for its own site. */
export function visibleTo(
  promotion: { exclusiveSiteId: string | null },
  publisherSiteIds: ReadonlySet<string>,
): boolean {
  return promotion.exclusiveSiteId === null || publisherSiteIds.has(promotion.exclusiveSiteId);
}

/** A site approved in a program, with its publisher. */
export interface ApprovedSite {
  siteId: string;
  publisherId: string;
}

/**
 * The publishers who hear of a new promotion (`promotion.created`): those with a site approved
 * in its program; an exclusive one only its site's publisher, and none when that site is no
 * longer approved (another publisher never learns an exclusive code).
 */
export function promotionAudience(
  promotion: { exclusiveSiteId: string | null },
  approved: readonly ApprovedSite[],
): Set<string> {
  const audience = new Set<string>();
  for (const site of approved)
    if (visibleTo(promotion, new Set([site.siteId]))) audience.add(site.publisherId);
  return audience;
}

/** An exclusive code as the tracking path knows it. */
export interface ExclusiveCode extends PromotionPeriod {
  siteId: string;
}

/**
 * The site an order is credited to by a voucher code it reports, or undefined: only under
 * terms that say so (`fallback` when no click attributes it, `wins` always), only a code
 * exclusive to one site, and only while its promotion runs at the order's placement time.
 * The first reported code that qualifies decides.
 */
export function creditByVoucher(
  mode: VoucherAttribution,
  clickAttributed: boolean,
  codes: readonly string[],
  placedAtMs: number,
  exclusive: (code: string) => ExclusiveCode | undefined,
): { siteId: string; code: string } | undefined {
  if (mode === 'none' || (mode === 'fallback' && clickAttributed)) return undefined;
  for (const reported of codes) {
    const code = normalizeCode(reported);
    const found = exclusive(code);
    if (found !== undefined && found.startsAtMs <= placedAtMs && placedAtMs < found.endsAtMs)
      return { siteId: found.siteId, code };
  }
  return undefined;
}
