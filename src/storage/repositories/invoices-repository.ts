import type { Scope } from './scope.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, InvoicesTable } from '../schema.js';
import type { RatedAmount } from '../../domain/payments/network-fee.js';

/** What an invoice bills of one commission: how its billed amount is brought to what is due. */
export interface BillingLine {
  id: string;
  /** whole: its amount; none: nothing (not earning); adjusted: `shouldMinor`. */
  billed: 'whole' | 'none' | 'adjusted';
  shouldMinor: number;
  /** The line's amount: the difference to what was billed before (negative: a credit). */
  amountMinor: number;
}

/** Advertisers' invoices, their lines, and the commissions' billed amounts. */
export class InvoicesRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * The program's commissions whose billed amount differs from what each should have been billed
   * by the period's end: its amount while approved or paid, with the adjustments booked after it
   * was paid (a refund after the payout); nothing otherwise.
   */
  async toBill(programId: string, periodEndMs: number) {
    const adjusted = this.db
      .selectFrom('adjustments')
      .select(['commission_id', (eb) => eb.fn.sum<number>('amount_minor').as('sum_minor')])
      .where('program_id', '=', programId)
      .where('created_at', '<', periodEndMs)
      .groupBy('commission_id')
      .as('adjusted');
    const due = sql<number>`commissions.amount_minor + coalesce(adjusted.sum_minor, 0)`;
    return this.db
      .selectFrom('commissions')
      .leftJoin(adjusted, 'adjusted.commission_id', 'commissions.id')
      .select([
        'commissions.id',
        'commissions.status',
        'commissions.amount_minor',
        'commissions.billed_minor',
        'adjusted.sum_minor as adjusted_minor',
      ])
      .where('commissions.program_id', '=', programId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('commissions.status', '=', 'approved'),
            eb('commissions.approved_at', '<', periodEndMs),
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
  }

  /** Stores an issued invoice with its lines, and marks each commission billed by it. */
  async insertIssued(
    invoice: Selectable<InvoicesTable>,
    billing: readonly BillingLine[],
  ): Promise<void> {
    await this.db.insertInto('invoices').values(invoice).execute();
    const lines = billing.map((row) => ({
      invoice_id: invoice.id,
      commission_id: row.id,
      amount_minor: row.amountMinor,
    }));
    for (let i = 0; i < lines.length; i += 500) {
      await this.db
        .insertInto('invoice_lines')
        .values(lines.slice(i, i + 500))
        .execute();
    }
    // Billed in full or credited to nothing (most rows, in bulk), or adjusted (one by one).
    for (const billed of ['whole', 'none'] as const) {
      const ids = billing.filter((row) => row.billed === billed).map((row) => row.id);
      for (let i = 0; i < ids.length; i += 500)
        await this.db
          .updateTable('commissions')
          .set((eb) => ({
            billed_minor: billed === 'whole' ? eb.ref('amount_minor') : eb.lit(0),
            invoice_id: invoice.id,
          }))
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
    }
    for (const row of billing.filter((row) => row.billed === 'adjusted'))
      await this.db
        .updateTable('commissions')
        .set({ billed_minor: row.shouldMinor, invoice_id: invoice.id })
        .where('id', '=', row.id)
        .execute();
  }

  /** The invoice lines of each commission so far, in the order invoiced, each at its invoice's rate. */
  async billingHistory(commissionIds: readonly string[]): Promise<Map<string, RatedAmount[]>> {
    const history = new Map<string, RatedAmount[]>();
    for (let i = 0; i < commissionIds.length; i += 500) {
      const rows = await this.db
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

  /** The credited (negative) part of each invoice: the sum of its negative lines. */
  async creditedMinor(invoiceIds: readonly string[]): Promise<Map<string, number>> {
    const credited = new Map<string, number>();
    for (let i = 0; i < invoiceIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('invoice_lines')
        .select(['invoice_id', (eb) => eb.fn.sum<number>('amount_minor').as('sum_minor')])
        .where('invoice_id', 'in', invoiceIds.slice(i, i + 500))
        .where('amount_minor', '<', 0)
        .groupBy('invoice_id')
        .execute();
      for (const row of rows) credited.set(row.invoice_id, Number(row.sum_minor));
    }
    return credited;
  }

  /**
   * An invoice's lines with their commissions and orders; a commission's latest adjustment
   * reason with it (why a credit line credits).
   */
  async linesOf(invoiceId: string) {
    return this.db
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
  }

  /** The program's invoice of the period, when made. */
  async ofProgramPeriod(programId: string, period: string): Promise<StoredInvoice | undefined> {
    return this.db
      .selectFrom('invoices')
      .selectAll()
      .where('program_id', '=', programId)
      .where('period', '=', period)
      .executeTakeFirst();
  }

  async find(invoiceId: string): Promise<StoredInvoice | undefined> {
    return this.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', invoiceId)
      .executeTakeFirst();
  }

  /** Issued → paid (a paid invoice stays as it is). */
  async markPaid(invoiceId: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('invoices')
      .set({ status: 'paid', paid_at: nowMs })
      .where('id', '=', invoiceId)
      .where('status', '=', 'issued')
      .execute();
  }

  /** Invoices, newest period first, by program. */
  async list(filter: { advertiserId?: string; programId?: string } = {}): Promise<StoredInvoice[]> {
    let query = this.db.selectFrom('invoices').selectAll();
    if (filter.advertiserId !== undefined)
      query = query.where('advertiser_id', '=', filter.advertiserId);
    if (filter.programId !== undefined) query = query.where('program_id', '=', filter.programId);
    return query.orderBy('period', 'desc').orderBy('program_id').execute();
  }
}

export type StoredInvoice = Selectable<InvoicesTable>;
