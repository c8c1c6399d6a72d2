import { parseDecimal, powerOfTen, mulDivRoundHalfUp } from '../money/decimal.js';

/**
 * The network fee billed to an advertiser on `commissionMinor` of approved publisher
 * commission: commission × rate, rounded half up (away from zero for a credit) once on the
 * amount given, not per line, so the invoice is exact to the cent.
 */
export function networkFeeMinor(commissionMinor: number, rateText: string): number {
  const rate = parseDecimal(rateText);
  if (rate === undefined) throw new RangeError(`network fee rate "${rateText}" is not a decimal`);
  if (!Number.isSafeInteger(commissionMinor)) throw new RangeError('expected whole minor units');
  if (commissionMinor < 0)
    return -mulDivRoundHalfUp(-commissionMinor, rate.coefficient, powerOfTen(rate.scale));
  return mulDivRoundHalfUp(commissionMinor, rate.coefficient, powerOfTen(rate.scale));
}

/** An invoice in its two parts: what it bills (commission and fee) and what it credits. */
export interface InvoiceSplit {
  billedMinor: number;
  billedFeeMinor: number;
  creditedMinor: number;
  creditedFeeMinor: number;
}

/** An amount of a commission at the fee rate of the invoice that billed (or credited) it. */
export interface RatedAmount {
  amountMinor: number;
  rate: string;
}

/** One invoice line: its amount and, for a credit line, its parts by the rate each was billed at. */
export interface InvoiceLineAmount {
  amountMinor: number;
  creditParts?: readonly RatedAmount[];
}

/**
 * A credit of `creditMinor` (< 0) on a commission in parts by the rate each was billed at:
 * `history` is the commission's earlier invoice lines in the order they were invoiced, each
 * at its invoice's rate; a credit takes back the latest billed amounts first (earlier credits
 * having taken back theirs). A credit beyond what was billed (none is) is at `fallbackRate`.
 */
export function creditParts(
  history: readonly RatedAmount[],
  creditMinor: number,
  fallbackRate: string,
): RatedAmount[] {
  const open: RatedAmount[] = [];
  const takeBack = (minor: number): RatedAmount[] => {
    const parts: RatedAmount[] = [];
    let left = minor;
    while (left > 0 && open.length > 0) {
      const top = open[open.length - 1]!;
      const taken = Math.min(left, top.amountMinor);
      parts.push({ amountMinor: -taken, rate: top.rate });
      left -= taken;
      if (taken === top.amountMinor) open.pop();
      else open[open.length - 1] = { amountMinor: top.amountMinor - taken, rate: top.rate };
    }
    if (left > 0) parts.push({ amountMinor: -left, rate: fallbackRate });
    return parts;
  };
  for (const line of history) {
    if (line.amountMinor > 0) open.push(line);
    else takeBack(-line.amountMinor);
  }
  return creditMinor < 0 ? takeBack(-creditMinor) : [];
}

/**
 * An invoice's lines (one per commission: what it should be billed less what was billed before)
 * in two parts: the lines it bills, whose fee is rounded once at the invoice's rate, and the
 * credit lines (a decline, cancellation or refund after the commission was invoiced, also after
 * its payout), whose fee is credited at the rate each part was billed at (the invoice's rate
 * for a line without its parts), rounded once (away from zero) per rate.
 */
export function splitInvoice(lines: readonly InvoiceLineAmount[], rateText: string): InvoiceSplit {
  let billedMinor = 0;
  let creditedMinor = 0;
  const creditedByRate = new Map<string, number>();
  for (const line of lines) {
    if (line.amountMinor > 0) {
      billedMinor += line.amountMinor;
      continue;
    }
    creditedMinor += line.amountMinor;
    for (const part of line.creditParts ?? [{ amountMinor: line.amountMinor, rate: rateText }])
      creditedByRate.set(part.rate, (creditedByRate.get(part.rate) ?? 0) + part.amountMinor);
  }
  let creditedFeeMinor = 0;
  for (const [rate, minor] of creditedByRate) creditedFeeMinor += networkFeeMinor(minor, rate);
  return {
    billedMinor,
    billedFeeMinor: networkFeeMinor(billedMinor, rateText),
    creditedMinor,
    creditedFeeMinor,
  };
}

/** An invoice's commission and fee: its billed and credited parts added up. */
export function invoiceAmounts(
  lines: readonly InvoiceLineAmount[],
  rateText: string,
): { commissionMinor: number; feeMinor: number } {
  const split = splitInvoice(lines, rateText);
  return {
    commissionMinor: split.billedMinor + split.creditedMinor,
    feeMinor: split.billedFeeMinor + split.creditedFeeMinor,
  };
}

/**
 * The network fee a program starts with unless the server's NETWORK_FEE_RATE says otherwise:
 * the network's, never the advertiser's (the rate AliExpress is billed).
 */
export const DEFAULT_NETWORK_FEE_RATE = '0.30';

/**
 * A network fee rate as the network admin writes it (`0.30` is 30 %): a decimal from 0 to 1
 * with at most 4 decimals, in its canonical text; undefined when it is not one.
 */
export function parseNetworkFeeRate(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,4})?$/.test(trimmed)) return undefined;
  const rate = parseDecimal(trimmed);
  if (rate === undefined || rate.coefficient > powerOfTen(rate.scale)) return undefined;
  return trimmed;
}

/**
 * What the admin typed in the portal's form, in either language's habit: a decimal comma
 * (`0,20`) or a percentage (`20 %`, `12,5%`) becomes the rate's decimal text (`0.20`, `0.125`);
 * anything else is passed on as typed, for parseNetworkFeeRate to refuse with its message.
 */
export function networkFeeRateFromForm(text: string): string {
  const typed = text.trim().replace(',', '.');
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%$/.exec(typed);
  if (percent === null) return typed;
  // Shift the decimal point two places left, in text: no floating point.
  const digits = `${percent[1]!}${(percent[2] ?? '').padEnd(2, '0')}`.padStart(5, '0');
  const whole = digits.slice(0, -4);
  const fraction = digits.slice(-4).replace(/0+$/, '');
  return `${whole.replace(/^0+(?=\d)/, '')}${fraction === '' ? '' : `.${fraction}`}`;
}
