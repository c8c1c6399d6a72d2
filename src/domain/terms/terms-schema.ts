import { z } from 'zod';
import {
  DETECTORS,
  DEFAULT_CONVERSION_VELOCITY,
  DEFAULT_HOLD_DETECTORS,
} from '../compliance/detect-traffic.js';
import { parseDecimal } from '../money/decimal.js';
import { isKnownCurrency } from '../money/currencies.js';
import { isCountryCode } from '../countries.js';
import { CALENDAR_TIME_ZONES, isCalendarRegion } from '../calendar/calendar-regions.js';
import { dayNumberOfIsoDate, parseIsoInstant } from '../dates.js';
import { NETWORK_REASON_RULES, REASON_CODES } from '../engine/reasons.js';

/** The reasons a program maps to its own rules (the network's have network rules). */
const PROGRAM_REASON_CODES = REASON_CODES.filter(
  (code) => !Object.hasOwn(NETWORK_REASON_RULES, code),
) as Exclude<(typeof REASON_CODES)[number], keyof typeof NETWORK_REASON_RULES>[];

/**
 * The schema of a program's terms file (`programs/<id>.yaml`). Everything the engine prices
 * with and the program page shows is data here, so a program manager changes a rate, a bonus
 * country or a policy without touching code. `compileTerms` turns a parsed file into the
 * lookup structures the engine uses.
 */

/** Decimal written as a string ("0.07") or a YAML number (0.07): kept exact either way. */
function decimal(check: (text: string) => boolean, expected: string) {
  return z
    .union([z.string(), z.number()], { error: `expected ${expected}` })
    .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
    .refine((text) => parseDecimal(text) !== undefined && check(text), {
      error: (issue) => `expected ${expected}, got "${String(issue.input)}"`,
    });
}

const isPositiveOrZero = () => true;
const isFraction = (text: string) => {
  const value = parseDecimal(text);
  return value !== undefined && value.coefficient <= 10 ** value.scale;
};

export const rateSchema = decimal(isFraction, 'a decimal between 0 and 1');
export const amountSchema = decimal(isPositiveOrZero, 'a non-negative decimal amount');

/** A rule id: the program's prefix, a dash, a section letter and a number (`AE-C1`, `WS-T2`). */
export const RULE_ID = /^[A-Z][A-Z0-9]{1,5}-[A-Z]{1,2}\d{1,3}[a-z]?$/;
const ruleId = z.string().regex(RULE_ID, {
  error: 'expected a rule id: the program prefix, "-", a letter and a number, such as "AE-C1"',
});

const currencyCode = z
  .string()
  .refine(isKnownCurrency, { error: 'expected an ISO 4217 currency code such as "USD"' });

/** A country code (ISO 3166-1 alpha-2) or a reference to a named group: `group:<name>`. */
const countryOrGroup = z
  .string()
  .refine((code) => code.startsWith('group:') || isCountryCode(code), {
    error: 'expected an ISO 3166-1 alpha-2 country code such as "NL", or "group:<name>"',
  });

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, {
  error: 'expected a lower-case identifier (letters, digits, "-" and "_")',
});

const effectiveFrom = z
  .string()
  .refine((text) => dayNumberOfIsoDate(text) !== undefined || parseIsoInstant(text) !== undefined, {
    error: 'expected a date (2026-01-01) or an instant with offset (2026-01-01T00:00:00Z)',
  });

const localized = z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict();
const localizedList = z
  .object({ nl: z.array(z.string().min(1)), en: z.array(z.string().min(1)) })
  .strict();

/** Deeplinks (AE-T4): allowed only to hosts on the allow-list (and their subdomains). */
const deeplinking = z
  .object({
    allowed: z.boolean(),
    domains: z.array(
      z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
        error: 'expected a lower-case host name such as "shop.example.nl"',
      }),
    ),
    rule: ruleId.optional(),
  })
  .strict()
  .refine((value) => !value.allowed || value.domains.length > 0, {
    error: 'deeplinks allowed: list the domains they may go to',
    path: ['domains'],
  });

const commissionGroupSchema = z
  .object({
    id: slug,
    /** One name, or a Dutch and an English one (what the program page shows per language). */
    name: z.union([z.string().min(1), localized], {
      error: 'expected a name, or a Dutch and an English one: { nl: …, en: … }',
    }),
    rate: rateSchema,
    rule: ruleId,
    /** Empty or absent: the group matches every item not matched by an earlier group. */
    match: z
      .object({
        stores: z.array(slug).min(1).optional(),
        categories: z.array(slug).min(1).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

const bonusRowSchema = z
  .object({
    countries: z.array(countryOrGroup).min(1),
    amount: amountSchema,
  })
  .strict();

/**
 * Who an order reporting a voucher code exclusive to one publisher's site is credited to
 * (issue 29): `none` (default) codes attribute nothing; `fallback`, the code's site when no
 * click attributes the order; `wins`, the code's site even over a click. Set for the whole
 * file, or per version (which then decides for orders placed while it is in force).
 */
const attribution = z
  .object({ voucherCodes: z.enum(['none', 'fallback', 'wins']).default('none') })
  .strict()
  .optional();

const termsVersionSchema = z
  .object({
    id: z.string().min(1),
    effectiveFrom,
    /** AE-C5: orders paid in any other currency are disqualified. */
    orderCurrencies: z.array(currencyCode).min(1),
    commission: z
      .object({
        /** First match wins, in file order. The last group should match everything. */
        groups: z.array(commissionGroupSchema).min(1),
      })
      .strict(),
    /** What earns nothing (AE-C2, AE-C4). Absent: nothing is excluded. */
    exclusions: z
      .object({
        virtualProducts: z.boolean().default(false),
        categories: z.array(slug).default([]),
        stores: z.array(slug).default([]),
      })
      .strict()
      .default({ virtualProducts: false, categories: [], stores: [] }),
    /** Only products of sellers from these countries earn (AE-C4). Absent: any seller. */
    sellerCountries: z.array(countryOrGroup).min(1).optional(),
    /** A line whose service fee is above this share of its price is flagged (AE-C3). */
    serviceFee: z.object({ reviewAboveShare: rateSchema }).strict().optional(),
    /** At most this many vouchers per order (AE-Q4). Absent: no limit. */
    vouchers: z
      .object({ maxPerOrder: z.int().min(0) })
      .strict()
      .optional(),
    /** Most one order earns, in the program currency (AE-C6). */
    cap: z
      .object({ amount: amountSchema, currency: currencyCode, rule: ruleId.optional() })
      .strict()
      .nullable()
      .default(null),
    /** How many days before the order date an exchange rate may be (AE-C6). */
    fx: z
      .object({ maxDaysBack: z.int().min(0).max(31) })
      .strict()
      .default({ maxDaysBack: 7 }),
    fraud: z
      .object({ outcome: z.enum(['disqualified', 'held']) })
      .strict()
      .default({ outcome: 'disqualified' }),
    /** Voucher-code attribution of orders placed under this version; absent: the file's. */
    attribution,
    /** Flat bonus per new buyer by country (AE-B1). Absent: no bonus. */
    newBuyerBonus: z
      .object({
        rule: ruleId,
        requiresCommissionableLine: z.boolean(),
        rows: z.array(bonusRowSchema),
      })
      .strict()
      .optional(),
  })
  .strict();

const conversionVelocity = z
  .object({
    perClick: z.int().min(1).default(DEFAULT_CONVERSION_VELOCITY.perClick),
    perIp: z.int().min(1).default(DEFAULT_CONVERSION_VELOCITY.perIp),
    perSite: z.int().min(1).default(DEFAULT_CONVERSION_VELOCITY.perSite),
  })
  .strict()
  .default({ ...DEFAULT_CONVERSION_VELOCITY });

const policyStatus = z.enum(['allowed', 'after_approval', 'closed', 'forbidden']);

/**
 * How many conversions of an event one click may earn (NET-R4): a whole number, or `unlimited`.
 * Absent: one lead per click, sales unlimited. Conversions beyond it are held for review.
 */
const PER_CLICK = 'expected a whole number of conversions per click (1 or more) or "unlimited"';
const perClick = z
  .union(
    [
      z.int({ error: PER_CLICK }).min(1, { error: PER_CLICK }).max(1_000_000, { error: PER_CLICK }),
      z.literal('unlimited', { error: PER_CLICK }),
    ],
    { error: PER_CLICK },
  )
  .optional();

export const termsSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    advertiser: z.string().min(1),
    /** Currency of the program's money: product commission, bonus, cap, statements. */
    currency: z.literal('EUR', {
      error: 'expected "EUR": exchange rates are ECB reference rates, quoted per 1 EUR',
    }),
    landingUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
    description: localized,
    benefits: localizedList,
    acceptedMethods: localized,
    /**
     * How a click is remembered (AE-T1): a session cookie bounded to `sessionWindowHours`, or a
     * cookie that lasts `cookieDays`; an order after the window is not attributed.
     */
    tracking: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('session'),
          sessionWindowHours: z
            .int()
            .min(1)
            .max(24 * 365),
          rule: ruleId.optional(),
          deeplinking,
        })
        .strict(),
      z
        .object({
          type: z.literal('cookie'),
          cookieDays: z.int().min(1).max(365),
          rule: ruleId.optional(),
          deeplinking,
        })
        .strict(),
    ]),
    facts: z
      .object({ prepayment: z.boolean(), productFeed: z.boolean(), rule: ruleId.optional() })
      .strict(),
    /** Voucher-code attribution for every version that sets none of its own (see above). */
    attribution,
    contacts: z
      .array(
        z
          .object({
            role: z.enum(['account_manager', 'publisher_manager', 'advertiser_contact']),
            name: z.string().min(1),
            email: z.email().optional(),
          })
          .strict(),
      )
      .min(1),
    /** Every rule id in the file starts with this prefix and a dash (`AE` → `AE-C1`). */
    rulePrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,5}$/, { error: 'expected capitals and digits such as "AE"' })
      .optional(),
    /** The directory's filters: what the program sells and where its buyers are. */
    categories: z.array(slug).default([]),
    markets: z.array(countryOrGroup).default([]),
    /** What a pixel line is when the tag does not say (seller country, store). */
    pixelLineDefaults: z
      .object({
        sellerCountry: z.string().refine(isCountryCode, { error: 'expected a country code' }),
        store: slug,
      })
      .partial()
      .strict()
      .optional(),
    countryGroups: z.record(slug, z.array(countryOrGroup).min(1)).default({}),
    policies: z
      .array(z.object({ method: slug, status: policyStatus, rule: ruleId }).strict())
      .default([]),
    /** Brands a publisher's name, domain and materials must not contain (AE-P5). */
    brands: z.array(z.string().min(2)).default([]),
    /** The rule that lists the prohibited content below (AE-P6). */
    prohibitedContentRule: ruleId.optional(),
    prohibitedContent: z
      .array(
        z
          .object({
            id: z.string().min(1),
            en: z.string().min(1),
            nl: z.string().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    enforcement: z
      .object({
        claimWindowWorkingDays: z.int().min(1),
        decisionWorkingDays: z.int().min(1),
        calendar: z.string().refine(isCalendarRegion, {
          error: `expected a working-day calendar: ${Object.keys(CALENDAR_TIME_ZONES).join(', ')}`,
        }),
      })
      .strict(),
    /** The program's own documents (rules, terms), word for word, in the language written. */
    documents: z
      .array(
        z
          .object({
            id: slug,
            lang: z.enum(['nl', 'en']),
            title: localized,
            text: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
    /**
     * Validation lifecycle: a commission is pending until validated. `approveOnCompletion`: the
     * advertiser's completion report approves it (AE-Q1). `deadlineDays` after the order's
     * placedAt the advertiser should have decided (shown per transaction); `atDeadline` says
     * what happens to one still pending then.
     */
    validation: z
      .object({
        approveOnCompletion: z.boolean(),
        deadlineDays: z.int().min(1).max(730).nullable(),
        atDeadline: z.enum(['none', 'approve', 'decline']),
        rule: ruleId.optional(),
      })
      .strict()
      .refine((v) => v.atDeadline === 'none' || v.deadlineDays !== null, {
        error: 'atDeadline "approve" or "decline" needs deadlineDays',
        path: ['deadlineDays'],
      })
      .default({ approveOnCompletion: false, deadlineDays: null, atDeadline: 'none' }),
    /** Traffic-policy detection thresholds (SPEC P, see src/domain/compliance). */
    compliance: z
      .object({
        maxClicksPerMinutePerIp: z.int().min(1).default(10),
        burstClicksPerHour: z.int().min(1).default(500),
        minSecondsToConversion: z.int().min(0).default(10),
        /**
         * Conversions per hour from one click, from clicks of one IP hash and from one site
         * beyond which each further one is flagged (NET-R5); absent: the network's defaults.
         */
        maxConversionsPerHour: conversionVelocity,
        /**
         * Detectors whose flag holds the orders it touches (`policy_review`) until the
         * advertiser reviews it; the others only flag.
         */
        hold: z.array(z.enum(DETECTORS)).default([...DEFAULT_HOLD_DETECTORS]),
        /**
         * The program's rule each detector's flags cite (`paid_search: AE-P2`); a detector not
         * named cites the network's rule on suspect traffic (NET-R7, docs/compliance.md).
         */
        rules: z.partialRecord(z.enum(DETECTORS), ruleId).default({}),
      })
      .strict()
      .default({
        maxClicksPerMinutePerIp: 10,
        burstClicksPerHour: 500,
        minSecondsToConversion: 10,
        maxConversionsPerHour: { ...DEFAULT_CONVERSION_VELOCITY },
        hold: [...DEFAULT_HOLD_DETECTORS],
        rules: {},
      }),
    /**
     * Retired: the network fee is the network's setting per program (docs/money.md). Read only so
     * terms stored before it moved still load; never billed, and a new document carrying it is
     * refused (refuseNetworkFeeInTerms).
     */
    invoicing: z.object({ networkFeeRate: rateSchema }).strict().optional(),
    /**
     * The conversions the program pays for, by the event id its tags send (Tradedoubler's
     * numeric `event`): sales priced by the commission groups, leads paying a fixed amount in
     * the program currency each. Empty: every report is a sale, whatever its event.
     */
    events: z
      .array(
        z.discriminatedUnion('kind', [
          z
            .object({
              id: z.string().min(1).max(64),
              name: z.string().min(1),
              kind: z.literal('sale'),
              perClick,
            })
            .strict(),
          z
            .object({
              id: z.string().min(1).max(64),
              name: z.string().min(1),
              kind: z.literal('lead'),
              amount: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, {
                error: 'expected a fixed amount per lead such as "2.50"',
              }),
              rule: ruleId,
              perClick,
            })
            .strict(),
        ]),
      )
      .default([])
      .refine((events) => new Set(events.map((event) => event.id)).size === events.length, {
        error: 'each event id once',
      }),
    /**
     * The program's rule id for every reason code its terms can give (`compileTerms` names any
     * missing one: a seller-country reason only when the terms list seller countries, …).
     */
    reasonRules: z.partialRecord(z.enum(PROGRAM_REASON_CODES), ruleId),
    versions: z.array(termsVersionSchema).min(1),
  })
  .strict();

export type TermsFile = z.infer<typeof termsSchema>;
export type TermsVersionFile = z.infer<typeof termsVersionSchema>;
export type PolicyStatus = z.infer<typeof policyStatus>;
