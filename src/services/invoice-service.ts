import { recordAudit } from './audit-log.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database, InvoicesTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { makeOnce } from '../storage/unique-violation.js';
import { parsePeriod, type Period } from '../domain/payments/periods.js';
import {
  creditParts,
  invoiceAmounts,
  type RatedAmount,
  networkFeeMinor,
  type InvoiceSplit,
} from '../domain/payments/network-fee.js';
import { DomainError } from '../domain/errors.js';
import type { StoredTerms } from '../programs/stored-terms.js';

export type Invoice = Selectable<InvoicesTable>;

/** An invoice with its credited part: the credit lines' commission and their fee (≤ 0). */
export type InvoiceView = Invoice & { credited_minor: number; credited_fee_minor: number };

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
  ) {}

  /** Issues the period's invoice of every program that has something to bill; idempotent. */
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
    const programs = await this.store.db
      .selectFrom('programs')
      .select(['id', 'advertiser_id', 'currency', 'network_fee_rate'])
      .orderBy('id')
      .execute();
    const created: Invoice[] = [];
    const existing: Invoice[] = [];
    for (const program of programs) {
      // A parallel run (another admin, process or click) may make this invoice first.
      const made = (db: Kysely<Database>) =>
        db
          .selectFrom('invoices')
          .selectAll()
          .where('program_id', '=', program.id)
          .where('period', '=', period.text)
          .executeTakeFirst();
      const invoice = await makeOnce(
        () =>
          this.store.db.transaction().execute(async (trx) => {
            const found = await made(trx);
            if (found !== undefined) return { invoice: found, isNew: false };
            // What each commission should have been billed by the period's end: its amount while
            // approved or paid, with the adjustments booked after it was paid (a refund after the
            // payout); nothing otherwise. The invoice bills the difference to what was billed.
            const adjusted = trx
              .selectFrom('adjustments')
              .select(['commission_id', (eb) => eb.fn.sum<number>('amount_minor').as('sum_minor')])
              .where('program_id', '=', program.id)
              .where('created_at', '<', period.endMs)
              .groupBy('commission_id')
              .as('adjusted');
            const due = sql<number>`commissions.amount_minor + coalesce(adjusted.sum_minor, 0)`;
            const rows = await trx
              .selectFrom('commissions')
              .leftJoin(adjusted, 'adjusted.commission_id', 'commissions.id')
              .select([
                'commissions.id',
                'commissions.status',
                'commissions.amount_minor',
                'commissions.billed_minor',
                'adjusted.sum_minor as adjusted_minor',
              ])
              .where('commissions.program_id', '=', program.id)
              .where((eb) =>
                eb.or([
                  eb.and([
                    eb('commissions.status', '=', 'approved'),
                    eb('commissions.approved_at', '<', period.endMs),
                    eb('commissions.billed_minor', '<>', due),
                  ]),
                  // A paid commission changes only by its adjustments.
                  eb.and([
                    eb('commissions.status', '=', 'paid'),
                    eb('adjusted.commission_id', 'is not', null),
                    eb('commissions.billed_minor', '<>', due),
                  ]),
                  eb.and([
                    eb('commissions.status', 'in', ['pending', 'held', 'declined']),
                    eb('commissions.billed_minor', '<>', 0),
                  ]),
                ]),
              )
              .orderBy('commissions.id')
              .execute();
            if (rows.length === 0) {
              // A parallel run that billed these commissions has committed meanwhile.
              const madeMeanwhile = await made(trx);
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
            const history = await this.#billingHistory(
              trx,
              billing.filter((row) => row.amountMinor < 0).map((row) => row.id),
            );
            const { commissionMinor, feeMinor } = invoiceAmounts(
              billing.map((row) => ({
                amountMinor: row.amountMinor,
                creditParts: creditParts(history.get(row.id) ?? [], row.amountMinor, feeRate),
              })),
              feeRate,
            );
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
            };
            await trx.insertInto('invoices').values(invoice).execute();
            const lines = billing.map((row) => ({
              invoice_id: invoice.id,
              commission_id: row.id,
              amount_minor: row.amountMinor,
            }));
            for (let i = 0; i < lines.length; i += 500) {
              await trx
                .insertInto('invoice_lines')
                .values(lines.slice(i, i + 500))
                .execute();
            }
            // Billed in full or credited to nothing (most rows, in bulk), or adjusted (one by one).
            for (const billed of ['whole', 'none'] as const) {
              const ids = billing.filter((row) => row.billed === billed).map((row) => row.id);
              for (let i = 0; i < ids.length; i += 500)
                await trx
                  .updateTable('commissions')
                  .set((eb) => ({
                    billed_minor: billed === 'whole' ? eb.ref('amount_minor') : eb.lit(0),
                    invoice_id: invoice.id,
                  }))
                  .where('id', 'in', ids.slice(i, i + 500))
                  .execute();
            }
            for (const row of billing.filter((row) => row.billed === 'adjusted'))
              await trx
                .updateTable('commissions')
                .set({ billed_minor: row.shouldMinor, invoice_id: invoice.id })
                .where('id', '=', row.id)
                .execute();
            await recordAudit(
              trx,
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
                  },
                },
              },
              nowMs,
            );
            return { invoice, isNew: true };
          }),
        async () => {
          const found = await made(this.store.db);
          return found === undefined ? undefined : { invoice: found, isNew: false };
        },
      );
      if (invoice === undefined) continue;
      (invoice.isNew ? created : existing).push(invoice.invoice);
    }
    return { created, existing };
  }

  /** The invoice lines of each commission so far, in the order invoiced, each at its invoice's rate. */
  async #billingHistory(
    trx: Kysely<Database>,
    commissionIds: readonly string[],
  ): Promise<Map<string, RatedAmount[]>> {
    const history = new Map<string, RatedAmount[]>();
    for (let i = 0; i < commissionIds.length; i += 500) {
      const rows = await trx
        .selectFrom('invoice_lines')
        .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
        .select(['invoice_lines.commission_id', 'invoice_lines.amount_minor', 'invoices.fee_rate'])
        .where('invoice_lines.commission_id', 'in', commissionIds.slice(i, i + 500))
        .orderBy('invoices.issued_at')
        .orderBy('invoices.id')
        .execute();
      for (const row of rows) {
        const lines = history.get(row.commission_id) ?? [];
        lines.push({ amountMinor: Number(row.amount_minor), rate: row.fee_rate });
        history.set(row.commission_id, lines);
      }
    }
    return history;
  }

  /** Records the advertiser's payment; the commissions on it become payable. Idempotent. */
  async markPaid(
    invoiceId: string,
    nowMs: number,
    actor = 'system',
  ): Promise<{ invoice: Invoice; changed: boolean }> {
    return this.store.db.transaction().execute(async (trx) => {
      const invoice = await trx
        .selectFrom('invoices')
        .selectAll()
        .where('id', '=', invoiceId)
        .executeTakeFirst();
      if (invoice === undefined)
        throw new InvoiceError('unknown_invoice', `no invoice "${invoiceId}"`);
      if (invoice.status === 'paid') return { invoice, changed: false };
      await trx
        .updateTable('invoices')
        .set({ status: 'paid', paid_at: nowMs })
        .where('id', '=', invoiceId)
        .where('status', '=', 'issued')
        .execute();
      await recordAudit(
        trx,
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
    let query = this.store.db.selectFrom('invoices').selectAll();
    if (filter.advertiserId !== undefined)
      query = query.where('advertiser_id', '=', filter.advertiserId);
    if (filter.programId !== undefined) query = query.where('program_id', '=', filter.programId);
    return this.#withCredits(await query.orderBy('period', 'desc').orderBy('program_id').execute());
  }

  async #withCredits(invoices: Invoice[]): Promise<InvoiceView[]> {
    const credited = new Map<string, number>();
    for (let i = 0; i < invoices.length; i += 500) {
      const rows = await this.store.db
        .selectFrom('invoice_lines')
        .select(['invoice_id', (eb) => eb.fn.sum<number>('amount_minor').as('sum_minor')])
        .where(
          'invoice_id',
          'in',
          invoices.slice(i, i + 500).map((invoice) => invoice.id),
        )
        .where('amount_minor', '<', 0)
        .groupBy('invoice_id')
        .execute();
      for (const row of rows) credited.set(row.invoice_id, Number(row.sum_minor));
    }
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
        credited_minor: creditedMinor,
        credited_fee_minor: invoice.fee_minor - billedFeeMinor,
      };
    });
  }

  /**
   * The commissions an invoice bills, with their orders: what an advertiser checks it against. A
   * credit line (negative) carries why: the decline reason, or the report that changed the
   * commission after its payout.
   */
  async lines(invoiceId: string) {
    const rows = await this.store.db
      .selectFrom('invoice_lines')
      .innerJoin('commissions', 'commissions.id', 'invoice_lines.commission_id')
      .leftJoin('orders', 'orders.id', 'commissions.order_id')
      .select((eb) => [
        'commissions.id as commission_id',
        'orders.order_number',
        'orders.placed_at',
        'commissions.publisher_id',
        'commissions.kind',
        'commissions.rule',
        'commissions.reason as commission_reason',
        'invoice_lines.amount_minor',
        eb
          .selectFrom('adjustments')
          .select('adjustments.reason')
          .whereRef('adjustments.commission_id', '=', 'commissions.id')
          .orderBy('adjustments.created_at', 'desc')
          .orderBy('adjustments.id', 'desc')
          .limit(1)
          .as('adjustment_reason'),
      ])
      .where('invoice_lines.invoice_id', '=', invoiceId)
      .orderBy('commissions.id')
      .execute();
    return rows.map(({ commission_reason, adjustment_reason, ...line }) => ({
      ...line,
      reason: line.amount_minor < 0 ? (adjustment_reason ?? commission_reason) : null,
    }));
  }

  /** An invoice in its billed and credited parts, each with its fee (they add up to it). */
  async summary(invoice: Invoice): Promise<InvoiceSplit> {
    const view = (await this.#withCredits([invoice]))[0]!;
    return {
      billedMinor: view.commission_minor - view.credited_minor,
      billedFeeMinor: view.fee_minor - view.credited_fee_minor,
      creditedMinor: view.credited_minor,
      creditedFeeMinor: view.credited_fee_minor,
    };
  }
}
