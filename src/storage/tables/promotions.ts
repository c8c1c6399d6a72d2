/* Promotions and voucher codes of programs (issue 29). */

export interface PromotionsTable {
  id: string;
  program_id: string;
  title_nl: string;
  title_en: string;
  description_nl: string | null;
  description_en: string | null;
  /** A deep link within the program's deeplink domains; null: the program's landing page. */
  url: string | null;
  /** percentage, amount, free_shipping, gift, other */
  kind: string;
  /** As the advertiser wrote it; compared upper case (`code_key`). */
  code: string | null;
  /** The code upper case, for lookups and the one-exclusive-code-per-program rule. */
  code_key: string | null;
  /** The one site that may use and see the code; null: every approved publisher. */
  exclusive_site_id: string | null;
  starts_at: number;
  ends_at: number;
  created_at: number;
  updated_at: number;
  /**
   * When `promotion.created` was written: once the promotion is current (at its creation, an
   * edit or the announcement job); null while it is scheduled (publishers hear nothing yet).
   */
  announced_at: number | null;
}

/**
 * A voucher code a published promotion gave up (deleted, or its code changed): a new promotion
 * may not make it exclusive to a site other than this one (null: it was published to all).
 */
export interface PromotionCodeHistoryTable {
  program_id: string;
  code_key: string;
  code: string;
  exclusive_site_id: string | null;
  promotion_id: string;
  retired_at: number;
}
