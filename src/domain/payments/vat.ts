/**
 * The VAT on a self-billing statement (DESIGN.md "Self-billing statements"). The publisher
 * supplies a service to the network, and the network writes the invoice for it:
 *
 * - a business (VAT number on file) established in the network's own country charges that
 *   country's standard rate on top of the commission (`domestic`);
 * - a business established elsewhere does not: the place of supply is the network's country
 *   and the network accounts for the VAT itself (`reverse_charge`; Article 196 of Directive
 *   2006/112/EC within the EU, the country's own reverse-charge rule outside it);
 * - a private person (no VAT number) charges none (`not_a_business`).
 *
 * Rates are data, each with the day it took effect, so a statement is taxed at the rate of its
 * date of supply (the last day of its month). Pure: no clock, no storage.
 */
export type VatTreatment = 'domestic' | 'reverse_charge' | 'not_a_business';

export const VAT_TREATMENTS: readonly VatTreatment[] = [
  'domestic',
  'reverse_charge',
  'not_a_business',
];

/** Standard VAT rates in percent, by country, each from the first day it applied. */
export const STANDARD_VAT_RATES: Readonly<
  Record<string, readonly { from: string; percent: string }[]>
> = {
  NL: [
    { from: '2001-01-01', percent: '19' },
    { from: '2012-10-01', percent: '21' },
  ],
  BE: [{ from: '1996-01-01', percent: '21' }],
  DE: [
    { from: '2007-01-01', percent: '19' },
    { from: '2020-07-01', percent: '16' },
    { from: '2021-01-01', percent: '19' },
  ],
};

/** The standard rate of `country` on `isoDate` (YYYY-MM-DD), or undefined when we hold none. */
export function standardVatRate(country: string, isoDate: string): string | undefined {
  let rate: string | undefined;
  for (const entry of STANDARD_VAT_RATES[country] ?? [])
    if (entry.from <= isoDate) rate = entry.percent;
  return rate;
}

const EU_MEMBER_STATES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export function isEuMemberState(country: string): boolean {
  return EU_MEMBER_STATES.has(country);
}

export class VatError extends Error {
  override name = 'VatError';
}

export interface VatDecision {
  treatment: VatTreatment;
  /** The rate charged in percent (`"21"`), null when no VAT is charged. */
  ratePercent: string | null;
}

/**
 * How the statement of a publisher is taxed. Throws a VatError when the publisher is a
 * domestic business and we hold no rate for the network's country on that day: charging 0 %
 * would silently underpay the publisher.
 */
export function decideVat(input: {
  networkCountry: string;
  publisherCountry: string;
  publisherVatNumber: string | null;
  supplyDate: string;
}): VatDecision {
  if (input.publisherVatNumber === null || input.publisherVatNumber.trim() === '')
    return { treatment: 'not_a_business', ratePercent: null };
  if (input.publisherCountry !== input.networkCountry)
    return { treatment: 'reverse_charge', ratePercent: null };
  const ratePercent = standardVatRate(input.networkCountry, input.supplyDate);
  if (ratePercent === undefined)
    throw new VatError(
      `no standard VAT rate for ${input.networkCountry} on ${input.supplyDate}: add it to STANDARD_VAT_RATES before making statements for businesses in ${input.networkCountry}`,
    );
  return { treatment: 'domestic', ratePercent };
}

/**
 * The VAT on `netMinor` at `ratePercent` (up to two decimals), rounded half away from zero to
 * the cent, so a credit (negative net) mirrors a charge exactly. Exact: BigInt arithmetic.
 */
export function vatOn(netMinor: number, ratePercent: string | null): number {
  if (!Number.isSafeInteger(netMinor)) throw new RangeError('net: expected whole minor units');
  if (ratePercent === null) return 0;
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(ratePercent);
  if (match === null) throw new RangeError(`VAT rate: expected a percentage, got "${ratePercent}"`);
  const hundredthsOfPercent = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  const scaled = BigInt(Math.abs(netMinor)) * hundredthsOfPercent; // net × rate × 10 000
  const rounded = (scaled + 5_000n) / 10_000n;
  return Number(netMinor < 0 ? -rounded : rounded);
}

/** What the statement says about its VAT, in English and Dutch (the invoice's mentions). */
export function vatMention(treatment: VatTreatment, publisherCountry: string): string {
  switch (treatment) {
    case 'domestic':
      return 'VAT charged by the publisher at the standard rate / Btw berekend tegen het algemene tarief';
    case 'reverse_charge':
      return isEuMemberState(publisherCountry)
        ? 'VAT reverse-charged: the recipient accounts for the VAT (Article 196, Directive 2006/112/EC) / Btw verlegd'
        : 'VAT reverse-charged: the recipient accounts for the VAT / Btw verlegd';
    case 'not_a_business':
      return 'No VAT: the publisher is not a VAT-registered business / Geen btw: de publisher is geen btw-ondernemer';
  }
}

/** One language's half of a bilingual mention ("English / Dutch"), for a page in that language. */
export function mentionIn(mention: string, locale: 'nl' | 'en'): string {
  const split = mention.lastIndexOf(' / ');
  if (split < 0) return mention;
  return locale === 'en' ? mention.slice(0, split) : mention.slice(split + 3);
}

/** The mention every self-billing invoice carries (Article 226(10a), Directive 2006/112/EC). */
export const SELF_BILLING_MENTION = 'Self-billing / Factuur uitgereikt door afnemer';
