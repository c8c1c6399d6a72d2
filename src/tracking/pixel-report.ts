import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { formatMinorUnits, mulDivRoundHalfUp, parseDecimal } from '../domain/money/decimal.js';
import { DomainError } from '../domain/errors.js';
import type { ReportedPrice } from '../domain/orders/checksum-binding.js';
import {
  readBasket,
  readReportInfo,
  type ReportedLine,
  type TradedoublerQuery,
} from './tradedoubler-query.js';

/** A pixel report that cannot become an order: what is missing or malformed, said plainly. */
export class PixelReportError extends DomainError {}

/** What the reader had to forgive, kept with the order (orders.report_details.flags). */
export type PixelFlag = 'conflicting_parameters' | 'amount_rounded';

/** A pixel report read into an order document plus what it said beyond the order. */
export interface PixelReport {
  programId: string;
  /** The order document (DESIGN.md "The order document"), status pending (AE-Q1). */
  document: Record<string, unknown>;
  tduid: string | undefined;
  /**
   * The number and value the checksum covers, exactly as sent, and the value in minor units
   * (undefined when absent or not an amount).
   */
  checksum: {
    sent: string | undefined;
    number: string;
    value: string;
    valueMinor: number | undefined;
    /**
     * What the affnet full checksum (`v05`) signs: every field that prices the report, one
     * `name=value` per line as the reader decoded them (fullChecksumText); undefined when a
     * value holds a line feed (the text would be ambiguous, so no v05 checksum can match).
     */
    fullText: string | undefined;
  };
  /**
   * The lines' prices when they came from reportInfo or basket rather than from orderValue:
   * what a valid checksum must cover too (NET-R1, linesAddUpToCheckedValue).
   */
  reportedPrices: ReportedPrice[] | undefined;
  lead: boolean;
  iframe: boolean;
  details: {
    form: TradedoublerQuery['form'];
    event: string | null;
    extId: string | null;
    extType: string | null;
    convtagtid: string | null;
    flags: PixelFlag[];
    conflicting: string[];
  };
}

/** An email address as the network keeps it: sha256 of the trimmed lower-case address. */
function hashedExtId(extId: string): string {
  return /@/.test(extId)
    ? createHash('sha256').update(extId.trim().toLowerCase()).digest('hex')
    : extId;
}

/**
 * A decimal amount in the currency's minor unit: more decimals than the currency has (a PHP
 * float such as `33.333`) are rounded half up to the cent and reported as rounded; anything
 * that is not a plain non-negative decimal is refused.
 */
export function normaliseAmount(
  text: string,
  digits: number,
  what: string,
): { amount: string; minor: number; rounded: boolean } {
  const value = parseDecimal(text.trim());
  if (value === undefined)
    throw new PixelReportError(
      'invalid_parameter',
      `${what}: expected an amount such as 12.50, got "${text}"`,
    );
  const rounded = value.scale > digits;
  const minor = rounded
    ? mulDivRoundHalfUp(value.coefficient, 1, 10 ** (value.scale - digits))
    : value.coefficient * 10 ** (digits - value.scale);
  return { amount: formatMinorUnits(minor, digits), minor, rounded };
}

function lineOrigin(sellerCountry: string | undefined, store: string | undefined) {
  return {
    ...(sellerCountry !== undefined ? { sellerCountry } : {}),
    ...(store !== undefined ? { store } : {}),
  };
}

/** A quantity: a whole number, also written as an integral decimal (`2.0`, as SDKs send doubles). */
export function integralQuantity(text: string | undefined, what: string): number {
  if (text === undefined) return 1;
  const match = /^\s*(\d{1,7})(?:\.0*)?\s*$/.exec(text);
  if (match === null)
    throw new PixelReportError(
      'invalid_parameter',
      `${what}: expected a whole number of items, got "${text}"`,
    );
  return Number(match[1]);
}

/** What a program's terms say a pixel line is when the tag does not (`pixelLineDefaults`). */
export interface PixelLineDefaults {
  readonly sellerCountry?: string | undefined;
  readonly store?: string | undefined;
}

/**
 * The order a pixel reports, from the reader's values. `programCurrency` prices a lead (it has
 * no currency of its own); `defaults` fill the seller country and store a tag leaves out.
 * Throws PixelReportError naming what to fix.
 */
export function readPixelReport(
  query: TradedoublerQuery,
  programCurrency: string,
  defaults: PixelLineDefaults = {},
): PixelReport {
  const value = (name: string) => query.values.get(name);
  const programId = value('organization');
  if (programId === undefined)
    throw new PixelReportError(
      'invalid_parameter',
      'organization: the program id is required (organization=… or o(…))',
    );
  const orderNumber = value('ordernumber');
  const leadNumber = value('leadnumber');
  const number = orderNumber ?? leadNumber;
  if (number === undefined)
    throw new PixelReportError(
      'invalid_parameter',
      'orderNumber (a sale) or leadNumber (a lead) is required',
    );
  const lead = orderNumber === undefined;
  const currency = (value('currency') ?? (lead ? programCurrency : '')).toUpperCase();
  if (currency === '')
    throw new PixelReportError(
      'invalid_parameter',
      'currency: the ISO 4217 code of the sale, e.g. EUR',
    );
  let digits: number;
  try {
    digits = minorUnitDigits(currency);
  } catch {
    throw new PixelReportError(
      'invalid_parameter',
      `currency: "${currency}" is not an ISO 4217 code`,
    );
  }
  const flags = new Set<PixelFlag>();
  if (query.conflicts.length > 0) flags.add('conflicting_parameters');
  const amount = (text: string, what: string) => {
    const normalised = normaliseAmount(text, digits, what);
    if (normalised.rounded) flags.add('amount_rounded');
    return normalised.amount;
  };
  const minorOf = (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    try {
      return normaliseAmount(text, digits, 'orderValue').minor;
    } catch {
      return undefined;
    }
  };

  const basket = value('basket');
  const reportInfo = value('reportinfo');
  const reported: ReportedLine[] =
    basket !== undefined
      ? readBasket(basket)
      : reportInfo !== undefined
        ? readReportInfo(reportInfo)
        : [];
  const orderValue = value('ordervalue');
  const items =
    reported.length > 0
      ? reported.map((line, index) => ({
          sku: line.sku,
          ...(line.name !== undefined ? { name: line.name } : {}),
          unitPrice: amount(line.price, `product ${index + 1} price`),
          quantity: integralQuantity(line.quantity, `product ${index + 1} quantity`),
          category: line.category ?? line.group ?? 'uncategorised',
          ...lineOrigin(line.sellerCountry ?? defaults.sellerCountry, line.store ?? defaults.store),
        }))
      : [
          {
            sku: lead ? 'lead' : 'order',
            unitPrice: lead
              ? amount(orderValue ?? '0', 'orderValue')
              : amount(orderValue ?? '', 'orderValue'),
            quantity: 1,
            category: lead ? 'lead' : 'uncategorised',
            ...lineOrigin(defaults.sellerCountry, defaults.store),
          },
        ];
  const voucher = value('voucher');
  const extId = value('extid');
  return {
    programId,
    document: {
      orderNumber: number,
      currency,
      status: 'pending',
      ...(voucher
        ? {
            vouchers: voucher
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean),
          }
        : {}),
      items,
    },
    tduid: value('tduid'),
    checksum: {
      sent: value('checksum'),
      number,
      value: orderValue ?? '',
      valueMinor: minorOf(orderValue),
      fullText: fullChecksumText([
        [lead ? 'leadNumber' : 'orderNumber', number],
        ['orderValue', orderValue],
        ['currency', value('currency')],
        ['event', value('event')],
        ['voucher', voucher],
        ['reportInfo', reportInfo],
        ['basket', basket],
      ]),
    },
    reportedPrices:
      reported.length > 0
        ? items.map((item) => ({
            unitPriceMinor: minorOf(item.unitPrice)!,
            quantity: item.quantity,
          }))
        : undefined,
    lead,
    iframe: value('type')?.toLowerCase() === 'iframe',
    details: {
      form: query.form,
      event: value('event') ?? null,
      extId: extId === undefined ? null : hashedExtId(extId),
      extType: value('exttype') ?? null,
      convtagtid: value('convtagtid') ?? null,
      flags: [...flags],
      conflicting: [...query.conflicts],
    },
  };
}

/**
 * Tradedoubler's checksum `v04` + md5(secret + order or lead number + order value, as sent);
 * true when it matches (case-insensitive hex).
 */
export function checksumMatches(secret: string, checksum: PixelReport['checksum']): boolean {
  if (checksum.sent === undefined) return false;
  return checksum.sent.trim().toLowerCase() === tradedoublerChecksum(secret, checksum);
}

/** The `v04` checksum of an order or lead number and order value, as the pixel sends them. */
export function tradedoublerChecksum(
  secret: string,
  report: { number: string; value: string },
): string {
  return `v04${createHash('md5')
    .update(secret + report.number + report.value)
    .digest('hex')}`;
}

/**
 * A worked example for the integrator: an order number, its value, its v04 checksum, and its
 * v05 full checksum with the currency and event it signs too (no voucher, no lines), and the
 * text that v05 signs. `fields` names the program's currency and sale event (EUR and 1 unless).
 */
export function checksumExample(
  secret: string,
  fields: { currency?: string; event?: string } = {},
): {
  orderNumber: string;
  orderValue: string;
  checksum: string;
  currency: string;
  event: string;
  fullChecksum: string;
  signedText: string;
} {
  const example = { number: 'ORDER-1001', value: '249.95' };
  const { currency = 'EUR', event = '1' } = fields;
  const signedText = fullChecksumText([
    ['orderNumber', example.number],
    ['orderValue', example.value],
    ['currency', currency],
    ['event', event],
    ['voucher', undefined],
    ['reportInfo', undefined],
    ['basket', undefined],
  ])!;
  return {
    orderNumber: example.number,
    orderValue: example.value,
    checksum: tradedoublerChecksum(secret, example),
    currency,
    event,
    fullChecksum: fullChecksum(secret, signedText),
    signedText,
  };
}

/**
 * The text the affnet full checksum signs (docs/tracking.md, "Full checksum"): the fields that
 * price a report in this order, `orderNumber` (or `leadNumber`), `orderValue`, `currency`,
 * `event`, `voucher`, `reportInfo`, `basket`, each as `name=value` with the value as sent (once
 * URL-decoded; empty when absent), joined by line feeds. Undefined when a value holds a line
 * feed.
 */
export function fullChecksumText(
  fields: readonly (readonly [string, string | undefined])[],
): string | undefined {
  if (fields.some(([, value]) => value?.includes('\n'))) return undefined;
  return fields.map(([name, value]) => `${name}=${value ?? ''}`).join('\n');
}

/** The `v05` checksum of a fullChecksumText. */
function fullChecksum(secret: string, text: string): string {
  return `v05${createHmac('sha256', secret).update(text).digest('hex')}`;
}

/**
 * The affnet full checksum: `v05` + hex HMAC-SHA256 keyed with the program's checksum secret
 * over fullChecksumText; true when it matches (case-insensitive hex, compared in constant time).
 */
export function fullChecksumMatches(secret: string, checksum: PixelReport['checksum']): boolean {
  if (checksum.sent === undefined || checksum.fullText === undefined) return false;
  const expected = Buffer.from(fullChecksum(secret, checksum.fullText));
  const sent = Buffer.from(checksum.sent.trim().toLowerCase());
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
