import type { Store } from '../storage/database.js';
import type { StoredInvoice } from '../storage/repositories/invoices-repository.js';
import { newId } from '../storage/ids.js';
import { makeOnce } from '../storage/unique-violation.js';
import { parsePeriod, type Period } from '../domain/payments/periods.js';
import {
  creditParts,
  invoiceAmounts,
  networkFeeMinor,
  type InvoiceSplit,
} from '../domain/payments/network-fee.js';
import { DomainError } from '../domain/errors.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import { invoiceIssued } from '../domain/events/events.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import { DEFAULT_PAYMENT_DAYS } from '../domain/payments/invoice-vat.js';
import { invoiceParticulars, type InvoiceParties, type Payee } from './invoice-particulars.js';
import type { InvoiceDocument } from '../documents/invoice-documents.js';

export type Invoice = StoredInvoice;

/** An invoice as routes and pages read it, with its credited part: the credit lines' commission and their fee (≤ 0). */
export interface InvoiceView {
  id: string;
  advertiserId: string;
  programId: string;
  /** YYYY-MM */
  period: string;
  commissionMinor: number;
  feeMinor: number;
  totalMinor: number;
  currency: string;
  /** The network fee as a share of the commission, e.g. "0.30". */
  feeRate: string;
  /** How many commissions it bills. */
  commissions: number;
  /** issued, paid */
  status: string;
  issuedAt: number | null;
  paidAt: number | null;
  createdAt: number;
  creditedMinor: number;
  creditedFeeMinor: number;
  /** `INV-2026-000042`; null on invoices issued before numbering. */
  number: string | null;
  /** domestic, reverse_charge, outside_eu; null when not decided (details missing). */
  vatTreatment: string | null;
  vatRate: string | null;
  vatMinor: number;
  /** What the advertiser pays: the total plus its VAT. */
  dueMinor: number;
  dueAt: number | null;
}

/** How invoices are issued: the account to pay into, the days to pay, whom to tell. */
export interface InvoiceOptions {
  /** The network's account (PAYOUT_DEBTOR_*), printed with the payment instructions. */
  payee?: () => Payee | undefined;
  /** Days from issue to the due date (default 30). */
  paymentDays?: number | undefined;
  /** Writes the mail of an invoice issued, in the invoice's own transaction (the outbox). */
  queueMail?: (t: Repos, invoice: Invoice, nowMs: number) => Promise<void>;
}

export class InvoiceError extends DomainError {}

export function parsePeriodOrThrow(text: string): Period {
  const period = parsePeriod(text);
  if (period === undefined)
    throw new InvoiceError(
      'invalid_period',
      `period must be a month written YYYY-MM, got "${text}"`,
    );
  return period;
}

/**
 * Advertiser invoices, one per program and month: the approved publisher commission plus the
 * network fee (the network's rate for the program when the invoice is issued; a credit takes the
 * fee back at the rate it was billed at). An invoice bills the difference
 * between what each commission should be billed (its amount while approved) and what was
 * billed before, so a commission declined after it was invoiced is credited on the next one.
 * AE-T5 (no prepayment): publisher money becomes payable only once its invoice is paid.
 */
export class InvoiceService {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
    private readonly options: InvoiceOptions = {},
  ) {}

  /**
   * Issues the period's invoice of every program that has something to bill; idempotent. Each
   * new invoice is mailed to its advertiser's users (with it, in its transaction).
   */
  async createInvoices(
    periodText: string,
    nowMs: number,
    actor = 'system',
  ): Promise<{ created: Invoice[]; existing: Invoice[] }> {
    const period = parsePeriodOrThrow(periodText);
    if (nowMs < period.endMs)
      throw new InvoiceError(
        'period_not_ended',
        `period ${period.text} has not ended yet; invoice a month once it is over`,
        [],
        { period: period.text },
      );
    const programs = await repos(this.store).programs.forInvoicing();
    const created: Invoice[] = [];
    const existing: Invoice[] = [];
    for (const program of programs) {
      // A parallel run (another admin, process or click) may make this invoice first.
      const made = (r: Repos) => r.invoices.ofProgramPeriod(program.id, period.text);
      const invoice = await makeOnce(
        () =>
          repos(this.store).transaction(async (t) => {
            const found = await made(t);
            if (found !== undefined) return { invoice: found, isNew: false };
            // What each commission should have been billed by the period's end: its amount while
            // approved or paid, with the adjustments booked after it was paid (a refund after the
            // payout); nothing otherwise. The invoice bills the difference to what was billed.
            const rows = await t.invoices.toBill(program.id, period.endMs);
            if (rows.length === 0) {
              // A parallel run that billed these commissions has committed meanwhile.
              const madeMeanwhile = await made(t);
              return madeMeanwhile === undefined
                ? undefined
                : { invoice: madeMeanwhile, isNew: false };
            }
            const billing = rows.map((row) => {
              const earns = row.status === 'approved' || row.status === 'paid';
              const adjustedMinor = earns ? Number(row.adjusted_minor ?? 0) : 0;
              const shouldMinor = earns ? row.amount_minor + adjustedMinor : 0;
              const billed: 'whole' | 'none' | 'adjusted' = !earns
                ? 'none'
                : adjustedMinor === 0
                  ? 'whole'
                  : 'adjusted';
              return {
                id: row.id,
                billed,
                shouldMinor,
                amountMinor: shouldMinor - row.billed_minor,
              };
            });
            // The network's rate for the program when the invoice is issued (never the terms');
            // a credit takes back the fee at the rate of the invoices that billed it.
            const feeRate = program.network_fee_rate;
            const history = await t.invoices.billingHistory(
              billing.filter((row) => row.amountMinor < 0).map((row) => row.id),
            );
            const { commissionMinor, feeMinor } = invoiceAmounts(
              billing.map((row) => ({
                amountMinor: row.amountMinor,
                creditParts: creditParts(history.get(row.id) ?? [], row.amountMinor, feeRate),
              })),
              feeRate,
            );
            const particulars = await invoiceParticulars(t, {
              advertiserId: program.advertiser_id,
              period,
              netMinor: commissionMinor + feeMinor,
              nowMs,
              paymentDays: this.options.paymentDays ?? DEFAULT_PAYMENT_DAYS,
              payee: this.options.payee?.(),
            });
            const invoice: Invoice = {
              id: newId('invoice', nowMs),
              advertiser_id: program.advertiser_id,
              program_id: program.id,
              period: period.text,
              commission_minor: commissionMinor,
              fee_minor: feeMinor,
              total_minor: commissionMinor + feeMinor,
              currency: program.currency,
              fee_rate: feeRate,
              commissions: rows.length,
              status: 'issued',
              issued_at: nowMs,
              paid_at: null,
              created_at: nowMs,
              number: particulars.number,
              parties: particulars.parties === null ? null : JSON.stringify(particulars.parties),
              vat_treatment: particulars.vatTreatment,
              vat_rate: particulars.vatRate,
              vat_minor: particulars.vatMinor,
              due_at: particulars.dueAt,
            };
            await t.invoices.insertIssued(invoice, billing);
            await this.options.queueMail?.(t, invoice, nowMs);
            await t.events.append(
              [
                invoiceIssued({
                  id: invoice.id,
                  advertiserId: invoice.advertiser_id,
                  programId: invoice.program_id,
                  period: invoice.period,
                  commissionMinor: invoice.commission_minor,
                  feeMinor: invoice.fee_minor,
                  totalMinor: invoice.total_minor,
                  currency: invoice.currency,
                }),
              ],
              nowMs,
            );
            await t.audit.record(
              {
                actor,
                action: 'invoice.issued',
                subjectType: 'invoice',
                subjectId: invoice.id,
                details: {
                  period: invoice.period,
                  programId: invoice.program_id,
                  advertiserId: invoice.advertiser_id,
                  before: null,
                  after: {
                    status: invoice.status,
                    commissionMinor: invoice.commission_minor,
                    feeMinor: invoice.fee_minor,
                    totalMinor: invoice.total_minor,
                    currency: invoice.currency,
                    commissions: invoice.commissions,
                    number: invoice.number,
                    vatTreatment: invoice.vat_treatment,
                    vatMinor: invoice.vat_minor,
                  },
                },
              },
              nowMs,
            );
            return { invoice, isNew: true };
          }),
        async () => {
          const found = await made(repos(this.store));
          return found === undefined ? undefined : { invoice: found, isNew: false };
        },
      );
      if (invoice === undefined) continue;
      (invoice.isNew ? created : existing).push(invoice.invoice);
    }
    return { created, existing };
  }

  /** Records the advertiser's payment; the commissions on it become payable. Idempotent. */
  async markPaid(
    invoiceId: string,
    nowMs: number,
    actor = 'system',
  ): Promise<{ invoice: Invoice; changed: boolean }> {
    return repos(this.store).transaction(async (t) => {
      const invoice = await t.invoices.find(invoiceId);
      if (invoice === undefined)
        throw new InvoiceError('unknown_invoice', `no invoice "${invoiceId}"`);
      if (invoice.status === 'paid') return { invoice, changed: false };
      await t.invoices.markPaid(invoiceId, nowMs);
      await t.audit.record(
        {
          actor,
          action: 'invoice.paid',
          subjectType: 'invoice',
          subjectId: invoice.id,
          details: {
            period: invoice.period,
            programId: invoice.program_id,
            before: { status: invoice.status },
            after: { status: 'paid', paidAt: new Date(nowMs).toISOString() },
            totalMinor: invoice.total_minor,
            currency: invoice.currency,
          },
        },
        nowMs,
      );
      return { invoice: { ...invoice, status: 'paid', paid_at: nowMs }, changed: true };
    });
  }

  /**
   * Invoices, newest first, each with its credited part (the credit lines and their fee: a
   * decline, cancellation or refund after the commission was invoiced, also after its payout).
   */
  async list(filter: { advertiserId?: string; programId?: string } = {}): Promise<InvoiceView[]> {
    const invoices = await this.#withCredits(await repos(this.store).invoices.list(filter));
    return invoices.map(invoiceView);
  }

  /**
   * An invoice of the advertiser's as its documents print it: as issued (parties, VAT, due
   * date), with its billed and credited parts and every line; undefined when not its own.
   */
  async document(invoiceId: string, advertiserId: string): Promise<InvoiceDocument | undefined> {
    const r = repos(this.store);
    const invoice = await r.invoices.find(invoiceId);
    if (invoice === undefined || invoice.advertiser_id !== advertiserId) return undefined;
    const program = await r.programs.nameOf(invoice.program_id);
    return {
      invoice: invoiceView((await this.#withCredits([invoice]))[0]!),
      parties: invoice.parties === null ? null : (JSON.parse(invoice.parties) as InvoiceParties),
      programName: program.name,
      split: await this.summary(invoice),
      lines: (await this.lines(invoiceId)).map((line) => ({
        commissionId: line.commission_id,
        orderNumber: line.order_number,
        placedAt: line.placed_at,
        publisherId: line.publisher_id,
        kind: line.kind,
        amountMinor: line.amount_minor,
        reason: line.reason,
      })),
    };
  }

  async #withCredits(
    invoices: Invoice[],
  ): Promise<(Invoice & { credited: number; creditedFee: number })[]> {
    const credited = await repos(this.store).invoices.creditedMinor(
      invoices.map((invoice) => invoice.id),
    );
    return invoices.map((invoice) => {
      const creditedMinor = credited.get(invoice.id) ?? 0;
      // The billed part's fee is rounded on its own; the credit carries the rest of the fee
      // (exactly its own rounded fee on invoices issued since credits are split out).
      const billedFeeMinor = networkFeeMinor(
        invoice.commission_minor - creditedMinor,
        invoice.fee_rate,
      );
      return {
        ...invoice,
        credited: creditedMinor,
        creditedFee: invoice.fee_minor - billedFeeMinor,
      };
    });
  }

  /**
   * The commissions an invoice bills, with their orders: what an advertiser checks it against. A
   * credit line (negative) carries why: the decline reason, or the report that changed the
   * commission after its payout.
   */
  async lines(invoiceId: string) {
    const rows = await repos(this.store).invoices.linesOf(invoiceId);
    return rows.map(({ commission_reason, adjustment_reason, ...line }) => ({
      ...line,
      reason: line.amount_minor < 0 ? (adjustment_reason ?? commission_reason) : null,
    }));
  }

  /** An invoice in its billed and credited parts, each with its fee (they add up to it). */
  async summary(invoice: Invoice): Promise<InvoiceSplit> {
    const view = (await this.#withCredits([invoice]))[0]!;
    return {
      billedMinor: view.commission_minor - view.credited,
      billedFeeMinor: view.fee_minor - view.creditedFee,
      creditedMinor: view.credited,
      creditedFeeMinor: view.creditedFee,
    };
  }
}

function invoiceView(invoice: Invoice & { credited: number; creditedFee: number }): InvoiceView {
  return {
    id: invoice.id,
    advertiserId: invoice.advertiser_id,
    programId: invoice.program_id,
    period: invoice.period,
    commissionMinor: invoice.commission_minor,
    feeMinor: invoice.fee_minor,
    totalMinor: invoice.total_minor,
    currency: invoice.currency,
    feeRate: invoice.fee_rate,
    commissions: invoice.commissions,
    status: invoice.status,
    issuedAt: invoice.issued_at,
    paidAt: invoice.paid_at,
    createdAt: invoice.created_at,
    creditedMinor: invoice.credited,
    creditedFeeMinor: invoice.creditedFee,
    number: invoice.number,
    vatTreatment: invoice.vat_treatment,
    vatRate: invoice.vat_rate,
    vatMinor: invoice.vat_minor,
    dueMinor: invoice.total_minor + invoice.vat_minor,
    dueAt: invoice.due_at,
  };
}
