import type { Decimal } from '../money/decimal.js';
import type { ReasonCode } from '../engine/reasons.js';
import type { TermsFile } from './terms-schema.js';

/*
 * Compiled terms, as the engine prices with them (compile-terms.ts makes them from a terms
 * file). Kept apart from the schema so the engine and the simulation's worker load without it.
 */

/** A commission group ready for matching: AE-C1. */
export interface CommissionGroup {
  readonly id: string;
  /** Its name in English (or its one name). */
  readonly name: string;
  readonly rate: Decimal;
  readonly rateText: string;
  readonly rule: string;
  readonly stores: ReadonlySet<string> | undefined;
  readonly categories: ReadonlySet<string> | undefined;
}

/** One effective-dated version of the pricing rules, in lookup form. */
export interface TermsVersion {
  readonly id: string;
  readonly effectiveFromMs: number;
  readonly orderCurrencies: ReadonlySet<string>;
  /** The reason of an order in another currency (AE-C5's `currency_not_usd`, or the generic one). */
  readonly currencyReason: 'currency_not_usd' | 'currency_not_accepted';
  readonly groups: readonly CommissionGroup[];
  readonly excludeVirtual: boolean;
  readonly excludedCategories: ReadonlySet<string>;
  readonly excludedStores: ReadonlySet<string>;
  /** Undefined: sellers from anywhere earn (AE-C4 lists some). */
  readonly sellerCountries: ReadonlySet<string> | undefined;
  /** Undefined: service fees are never flagged. */
  readonly serviceFeeReviewShare: Decimal | undefined;
  /** Infinity when the terms set no limit. */
  readonly maxVouchersPerOrder: number;
  /** In minor units of the program currency; undefined when the program has no cap. */
  readonly capMinor: number | undefined;
  readonly fxMaxDaysBack: number;
  readonly fraudOutcome: 'disqualified' | 'held';
  readonly bonusRequiresCommissionableLine: boolean;
  readonly bonusRule: string;
  /** Buyer country → bonus in minor units of the program currency. */
  readonly bonusByCountry: ReadonlyMap<string, number>;
  /**
   * Voucher-code attribution of orders placed under this version (issue 29): the version's
   * `attribution`, else the file's, else `none`. Read at the order's placement time, as prices
   * are, so a later version never re-attributes an earlier order.
   */
  readonly voucherCodes: 'none' | 'fallback' | 'wins';
}

/** A program's validated terms: the file as written plus the compiled versions. */
export interface ProgramTerms {
  readonly id: string;
  readonly currency: string;
  readonly currencyDigits: number;
  readonly file: TermsFile;
  readonly reasonRules: Readonly<Record<ReasonCode, string>>;
  readonly countryGroups: ReadonlyMap<string, ReadonlySet<string>>;
  /** Oldest first. */
  readonly versions: readonly TermsVersion[];
  /** The events the program pays for by id; empty: every report is a sale. */
  readonly events: ReadonlyMap<string, ProgramEvent>;
}

/** A conversion event: a sale (priced by the groups) or a lead (a fixed amount each). */
export type ProgramEvent =
  | { readonly id: string; readonly name: string; readonly kind: 'sale'; readonly perClick: number }
  | {
      readonly id: string;
      readonly name: string;
      readonly kind: 'lead';
      /** Conversions one click may earn (NET-R4); Infinity: unlimited. */
      readonly perClick: number;
      /** Per lead, in minor units of the program currency. */
      readonly amountMinor: number;
      readonly rule: string;
    };

/** The version in force at `placedAtMs`, or undefined if the order predates every version. */
export function versionInForce(terms: ProgramTerms, placedAtMs: number): TermsVersion | undefined {
  const { versions } = terms;
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i]!;
    if (version.effectiveFromMs <= placedAtMs) return version;
  }
  return undefined;
}

/** A name a terms file gives once, or in Dutch and English, in the reader's language. */
export function nameIn(
  name: string | { readonly nl: string; readonly en: string },
  locale: 'nl' | 'en',
): string {
  return typeof name === 'string' ? name : name[locale];
}
