import { allowedDeeplink, type DeeplinkRule } from '../programs/deeplinks.js';
import { isKnownCurrency, minorUnitDigits } from '../money/currencies.js';
import { parseDecimal, toMinorUnits } from '../money/decimal.js';

/**
 * A product of a program's feed (issue 29), in the Google Merchant Center product data format:
 * the required attributes `id`, `title`, `description`, `link`, `image_link`, `price`,
 * `availability`, and the optional ones affnet keeps. Pure: a row of text in, a product or the
 * reason it is refused out.
 */
export interface FeedProduct {
  productId: string;
  title: string;
  description: string;
  link: string;
  imageLink: string;
  priceMinor: number;
  currency: string;
  salePriceMinor: number | null;
  availability: Availability;
  brand: string | null;
  gtin: string | null;
  mpn: string | null;
  googleProductCategory: string | null;
  productType: string | null;
}

export const AVAILABILITIES = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** The attributes a feed row must have. */
export const REQUIRED_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'price',
  'availability',
] as const;

const LIMITS: Readonly<Record<string, number>> = {
  id: 50,
  title: 150,
  description: 5000,
  link: 2000,
  image_link: 2000,
  brand: 70,
  gtin: 50,
  mpn: 70,
  google_product_category: 750,
  product_type: 750,
};

/**
 * Why a feed row is refused: a stable code with the values its words need (the portal says it
 * in the reader's language from them) and the English reason the API has always given.
 */
export type RowRefusalCode =
  | 'required'
  | 'too_long'
  | 'bad_price'
  | 'bad_sale_price'
  | 'bad_availability'
  | 'bad_image_link'
  | 'link_off_domains'
  | 'no_deeplinks'
  | 'record_too_long'
  | 'item_malformed'
  | 'listed_twice';

export interface RowRefusal {
  code: RowRefusalCode;
  values: Record<string, string | number>;
  reason: string;
}

const refusal = (
  code: RowRefusalCode,
  reason: string,
  values: Record<string, string | number> = {},
): RowRefusal => ({ code, values, reason });

/** A Merchant Center price: "12.99 EUR" (a decimal with a point and the ISO 4217 code). */
export function parsePrice(text: string): { minor: number; currency: string } | undefined {
  const match = /^(\d{1,12}(?:\.\d{1,4})?)\s+([A-Z]{3})$/.exec(text.trim());
  if (match === null || !isKnownCurrency(match[2]!)) return undefined;
  const value = parseDecimal(match[1]!);
  const minor = value === undefined ? undefined : toMinorUnits(value, minorUnitDigits(match[2]!));
  return minor === undefined ? undefined : { minor, currency: match[2]! };
}

/** Availability as Merchant Center spells it (also with spaces: "in stock"). */
function availabilityOf(text: string): Availability | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (AVAILABILITIES as readonly string[]).includes(key) ? (key as Availability) : undefined;
}

/**
 * A row's product, or why it is refused: a required attribute missing, a value too long, a
 * price that is not "12.99 EUR", a link or image that is not http(s), or a link outside the
 * program's deeplink domains (a tracked link to it could not be followed).
 */
export function productOf(
  row: Readonly<Record<string, string | undefined>>,
  deeplinks: DeeplinkRule,
): FeedProduct | RowRefusal {
  const value = (name: string) => (row[name] ?? '').trim();
  for (const name of REQUIRED_ATTRIBUTES)
    if (value(name) === '')
      return refusal('required', `${name}: required, missing or empty`, { attribute: name });
  for (const [name, max] of Object.entries(LIMITS))
    if (value(name).length > max)
      return refusal('too_long', `${name}: at most ${max} characters`, { attribute: name, max });
  const price = parsePrice(value('price'));
  if (price === undefined)
    return refusal(
      'bad_price',
      `price: expected an amount and currency such as "12.99 EUR", got "${value('price')}"`,
      { value: value('price') },
    );
  let salePriceMinor: number | null = null;
  if (value('sale_price') !== '') {
    const sale = parsePrice(value('sale_price'));
    if (sale === undefined || sale.currency !== price.currency)
      return refusal(
        'bad_sale_price',
        `sale_price: expected an amount in ${price.currency} such as "9.99 ${price.currency}"`,
        { currency: price.currency },
      );
    salePriceMinor = sale.minor;
  }
  const availability = availabilityOf(value('availability'));
  if (availability === undefined)
    return refusal(
      'bad_availability',
      `availability: expected one of ${AVAILABILITIES.join(', ')}`,
      { allowed: AVAILABILITIES.join(', ') },
    );
  if (!/^https?:\/\//i.test(value('image_link')) || !isUrl(value('image_link')))
    return refusal('bad_image_link', 'image_link: expected an http(s) URL');
  const link = value('link');
  if (allowedDeeplink(deeplinks, link) === undefined)
    return deeplinks.allowed
      ? refusal(
          'link_off_domains',
          `link: must be an http(s) address on ${deeplinks.domains.join(', ')} (the program's deeplink domains)`,
          { domains: deeplinks.domains.join(', ') },
        )
      : refusal(
          'no_deeplinks',
          'link: this program allows no deep links, so no product page can be linked',
        );
  const optional = (name: string) => value(name) || null;
  return {
    productId: value('id'),
    title: value('title'),
    description: value('description'),
    link,
    imageLink: value('image_link'),
    priceMinor: price.minor,
    currency: price.currency,
    salePriceMinor,
    availability,
    brand: optional('brand'),
    gtin: optional('gtin'),
    mpn: optional('mpn'),
    googleProductCategory: optional('google_product_category'),
    productType: optional('product_type'),
  };
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}
