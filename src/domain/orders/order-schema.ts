import { z } from 'zod';
import { isKnownCurrency } from '../money/currencies.js';
import { isCountryCode } from '../countries.js';
import { parseIsoInstant } from '../dates.js';

/**
 * The order document (DESIGN.md): what advertisers report and what `affnet quote` reads.
 * Amounts are decimal strings; unknown keys are refused so a misspelt `discount` can never be
 * silently ignored.
 */
export const ORDER_STATUSES = ['pending', 'completed', 'cancelled', 'refunded'] as const;
/** A store (a shop within the advertiser's site) as the program's terms name it. */
export const STORE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

const amount = z
  .string({ error: 'expected a decimal string such as "12.50"' })
  .regex(/^\d{1,13}(\.\d{1,8})?$/, {
    error: 'expected a non-negative decimal string such as "12.50"',
  });

const status = z.enum(ORDER_STATUSES, {
  error: `expected one of ${ORDER_STATUSES.join(', ')}`,
});

const country = z
  .string({ error: 'expected a country code such as "NL"' })
  .refine(isCountryCode, { error: 'expected an ISO 3166-1 alpha-2 country code such as "NL"' });

const itemSchema = z
  .object({
    sku: z
      .string({ error: "expected the item's SKU as a string" })
      .min(1, { error: 'must not be empty' }),
    name: z.string().optional(),
    category: z
      .string({ error: 'expected the item\'s category as a string such as "consumer-electronics"' })
      .min(1, { error: 'must not be empty' }),
    unitPrice: amount,
    quantity: z
      .int({ error: 'expected a whole number of items' })
      .min(1, { error: 'expected at least 1' })
      .max(1_000_000, { error: 'expected at most 1000000' }),
    discount: amount.optional(),
    serviceFee: amount.optional(),
    /** Where the seller is based; needed only by programs that pay for some sellers (AE-C4). */
    sellerCountry: country.optional(),
    /** The store within the advertiser's site, as its terms name stores (AE-C1, AE-C4). */
    store: z
      .string({ error: 'expected the store as a lower-case name such as "marketplace"' })
      .regex(STORE_PATTERN, {
        error: 'expected a lower-case store name (letters, digits, "-", "_") such as "marketplace"',
      })
      .optional(),
    virtual: z.boolean({ error: 'expected true or false' }).optional(),
    inStock: z.boolean({ error: 'expected true or false' }).optional(),
    status: status.optional(),
  })
  .strict();

export const orderDocumentSchema = z
  .object({
    orderNumber: z
      .string({ error: "expected the advertiser's order number as a string" })
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'expected at most 200 characters' }),
    placedAt: z
      .string({ error: 'expected an ISO 8601 instant such as "2026-10-05T14:03:00Z"' })
      .refine((text) => parseIsoInstant(text) !== undefined, {
        error: 'expected an ISO 8601 instant with offset such as "2026-10-05T14:03:00Z"',
      }),
    currency: z
      .string({ error: 'expected an ISO 4217 currency code such as "USD"' })
      .refine(isKnownCurrency, { error: 'expected an ISO 4217 currency code such as "USD"' }),
    status,
    clickId: z.string().min(1).optional(),
    /** The conversion event (Tradedoubler's `event` id): a sale or a lead the terms declare. */
    event: z.string().min(1).max(64).optional(),
    fraud: z.boolean({ error: 'expected true or false' }).optional(),
    buyer: z
      .object({
        country: country.optional(),
        newBuyer: z.boolean({ error: 'expected true or false' }).optional(),
      })
      .strict()
      .optional(),
    vouchers: z.array(z.string({ error: 'expected a voucher code as a string' })).optional(),
    items: z
      .array(itemSchema, { error: 'expected a list of items' })
      .min(1, { error: 'expected at least one item' })
      .max(10_000, { error: 'expected at most 10000 items' }),
  })
  .strict();

export type OrderDocument = z.infer<typeof orderDocumentSchema>;
