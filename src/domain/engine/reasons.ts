/**
 * Every reason the engine can give for a line or an order earning less than its full rate.
 * The terms file maps each code to the program's rule id (`reasonRules`); the order of this
 * list is the order reasons are reported in.
 */
export const REASON_CODES = [
  'currency_not_usd',
  'currency_not_accepted',
  'order_cancelled',
  'order_refunded',
  'fraud',
  'multiple_vouchers',
  'missing_fx_rate',
  'virtual_product',
  'seller_not_prc',
  'excluded_store',
  'not_in_stock',
  'line_cancelled',
  'line_refunded',
  // The network's, not the program's: a pixel report refused as a whole (docs/tracking.md).
  'checksum_mismatch',
  'lines_value_mismatch',
  'unknown_event',
  'lead_unverified',
] as const;

/**
 * The reason of an order paid in a currency the terms do not accept: `currency_not_usd` is
 * AliExpress's (AE-C5: USD only), kept for terms that map it and accept US dollars only; every
 * other program refuses with the generic `currency_not_accepted`.
 */
export const CURRENCY_REASONS = ['currency_not_usd', 'currency_not_accepted'] as const;

/** Reasons the network decides for every program; terms files need not map them to a rule. */
export const NETWORK_REASON_RULES = {
  checksum_mismatch: 'NET-R1',
  lines_value_mismatch: 'NET-R1',
  unknown_event: 'NET-R2',
  lead_unverified: 'NET-R3',
} as const;
export type NetworkReasonCode = keyof typeof NETWORK_REASON_RULES;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Flags ask a person to look; unlike reasons they do not change what a line earns. */
export const FLAG_CODES = ['service_fee_above_limit'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/** What each reason means, for people: the portal and CLI word reasons with these. */
export const REASON_TEXT: Record<ReasonCode, { en: string; nl: string }> = {
  currency_not_usd: {
    en: 'The order was not paid in {currencies}.',
    nl: 'De bestelling is niet in {currencies} betaald.',
  },
  currency_not_accepted: {
    en: 'The order was paid in a currency the program does not accept: it accepts {currencies} only.',
    nl: 'De bestelling is betaald in een valuta die het programma niet accepteert: het accepteert alleen {currencies}.',
  },
  order_cancelled: { en: 'The order was cancelled.', nl: 'De bestelling is geannuleerd.' },
  order_refunded: { en: 'The order was refunded.', nl: 'De bestelling is terugbetaald.' },
  checksum_mismatch: {
    en: 'The pixel report did not carry the checksum the program requires (NET-R1): it is stored and earns nothing.',
    nl: 'De pixelmelding had niet de controlesom die het programma vereist (NET-R1): ze is bewaard en levert niets op.',
  },
  lines_value_mismatch: {
    en: 'The pixel report’s product lines do not add up to the order value its checksum covers (NET-R1): it is stored and earns nothing.',
    nl: 'De productregels van de pixelmelding tellen niet op tot de orderwaarde die de controlesom dekt (NET-R1): ze is bewaard en levert niets op.',
  },
  unknown_event: {
    en: 'The report names an event the program does not pay for (NET-R2): it is stored and earns nothing.',
    nl: 'De melding noemt een gebeurtenis waarvoor het programma niet betaalt (NET-R2): ze is bewaard en levert niets op.',
  },
  lead_unverified: {
    en: 'A lead reported by pixel earns its fee only with the checksum the advertiser’s server computes, and this program has no checksum secret (NET-R3): it is stored and earns nothing.',
    nl: 'Een lead die via de pixel is gemeld, levert alleen iets op met de controlesom die de server van de adverteerder berekent, en dit programma heeft geen controlesomgeheim (NET-R3): ze is bewaard en levert niets op.',
  },
  fraud: {
    en: 'The advertiser reported the order as fraudulent.',
    nl: 'De adverteerder heeft de bestelling als frauduleus gemeld.',
  },
  multiple_vouchers: {
    en: 'More than one discount or voucher was used on the order.',
    nl: 'Er is meer dan één korting of kortingsbon op de bestelling gebruikt.',
  },
  missing_fx_rate: {
    en: 'No ECB exchange rate for the order date (or the {days} days before): held until one is loaded.',
    nl: 'Geen ECB-wisselkoers voor de besteldatum (of de {days} dagen ervoor): aangehouden tot die er is.',
  },
  virtual_product: {
    en: 'Virtual products and these categories earn no commission: {categories}.',
    nl: 'Virtuele producten en deze categorieën leveren geen commissie op: {categories}.',
  },
  seller_not_prc: {
    en: 'Only products of sellers from {sellerCountries} earn commission.',
    nl: 'Alleen producten van verkopers uit {sellerCountries} leveren commissie op.',
  },
  excluded_store: {
    en: 'Products from these stores earn no commission: {stores}.',
    nl: 'Producten uit deze winkels leveren geen commissie op: {stores}.',
  },
  not_in_stock: {
    en: 'Only items in stock earn commission.',
    nl: 'Alleen artikelen op voorraad leveren commissie op.',
  },
  line_cancelled: {
    en: 'This item was cancelled.',
    nl: 'Dit artikel is geannuleerd.',
  },
  line_refunded: { en: 'This item was refunded.', nl: 'Dit artikel is terugbetaald.' },
};

/** What fills a reason's words: the program's terms in force (its newest version). */
export interface ReasonFacts {
  readonly currencies: readonly string[];
  readonly sellerCountries: readonly string[];
  readonly stores: readonly string[];
  readonly categories: readonly string[];
  readonly fxDays: number;
}

/**
 * A reason in words for a publisher, with the program's own currencies, countries, stores and
 * categories (so a Dutch webshop's publisher does not read AliExpress's rules).
 */
export function explainReason(
  code: string,
  locale: 'en' | 'nl',
  facts: ReasonFacts | undefined,
): string {
  const text = REASON_TEXT[code as ReasonCode]?.[locale];
  if (text === undefined) return code;
  const values: Record<string, string> = {
    currencies: facts?.currencies.join(', ') ?? '…',
    sellerCountries: facts?.sellerCountries.join(', ') ?? '…',
    stores: facts?.stores.join(', ') ?? '…',
    categories: facts?.categories.join(', ') ?? '…',
    days: String(facts?.fxDays ?? 7),
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
