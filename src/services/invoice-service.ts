import { recordAudit } from './audit-log.js';
import type { Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { InvoicesTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { parsePeriod, type Period } from '../domain/payments/periods.js';
import { networkFeeMinor } from '../domain/payments/network-fee.js';
import { DomainError } from '../domain/errors.js';
import type { StoredTerms } from '../programs/stored-terms.js';

export type Invoice = Selectable<InvoicesTable>;

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
 * network fee (the program's `invoicing.networkFeeRate`). An invoice bills the difference
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
      .select(['id', 'advertiser_id', 'currency'])
      .orderBy('id')
      .execute();
    const created: Invoice[] = [];
    const existing: Invoice[] = [];
    for (const program of programs) {
      const terms = await this.terms.ofProgramOrThrow(program.id);
      const invoice = await this.store.db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('invoices')
          .selectAll()
          .where('program_id', '=', program.id)
          .where('period', '=', period.text)
          .executeTakeFirst();
        if (found !== undefined) return { invoice: found, isNew: false };
        const rows = await trx
          .selectFrom('commissions')
          .select(['id', 'status', 'amount_minor', 'billed_minor'])
          .where('program_id', '=', program.id)
          .where((eb) =>
            eb.or([
              eb.and([
                eb('status', '=', 'approved'),
                eb('approved_at', '<', period.endMs),
                eb('billed_minor', '<>', eb.ref('amount_minor')),
              ]),
              eb.and([
                eb('status', 'in', ['pending', 'held', 'declined']),
                eb('billed_minor', '<>', 0),
              ]),
            ]),
          )
          .execute();
        if (rows.length === 0) return undefined;
        const commissionMinor = rows.reduce(
          (sum, row) => sum + (row.status === 'approved' ? row.amount_minor : 0) - row.billed_minor,
          0,
        );
        const feeRate = terms.file.invoicing.networkFeeRate;
        const feeMinor = networkFeeMinor(commissionMinor, feeRate);
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
        const lines = rows.map((row) => ({
          invoice_id: invoice.id,
          commission_id: row.id,
          amount_minor: (row.status === 'approved' ? row.amount_minor : 0) - row.billed_minor,
        }));
        for (let i = 0; i < lines.length; i += 500) {
          await trx
            .insertInto('invoice_lines')
            .values(lines.slice(i, i + 500))
            .execute();
        }
        const approved = rows.filter((row) => row.status === 'approved').map((row) => row.id);
        const credited = rows.filter((row) => row.status !== 'approved').map((row) => row.id);
        for (let i = 0; i < approved.length; i += 500) {
          await trx
            .updateTable('commissions')
            .set((eb) => ({ billed_minor: eb.ref('amount_minor'), invoice_id: invoice.id }))
            .where('id', 'in', approved.slice(i, i + 500))
            .execute();
        }
        for (let i = 0; i < credited.length; i += 500) {
          await trx
            .updateTable('commissions')
            .set({ billed_minor: 0, invoice_id: invoice.id })
            .where('id', 'in', credited.slice(i, i + 500))
            .execute();
        }
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
      });
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

  async list(filter: { advertiserId?: string; programId?: string } = {}): Promise<Invoice[]> {
    let query = this.store.db.selectFrom('invoices').selectAll();
    if (filter.advertiserId !== undefined)
      query = query.where('advertiser_id', '=', filter.advertiserId);
    if (filter.programId !== undefined) query = query.where('program_id', '=', filter.programId);
    return query.orderBy('period', 'desc').orderBy('program_id').execute();
  }

  /** The commissions an invoice bills, with their orders: what an advertiser checks it against. */
  async lines(invoiceId: string) {
    return this.store.db
      .selectFrom('invoice_lines')
      .innerJoin('commissions', 'commissions.id', 'invoice_lines.commission_id')
      .leftJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'commissions.id as commission_id',
        'orders.order_number',
        'orders.placed_at',
        'commissions.publisher_id',
        'commissions.kind',
        'commissions.rule',
        'invoice_lines.amount_minor',
      ])
      .where('invoice_lines.invoice_id', '=', invoiceId)
      .orderBy('commissions.id')
      .execute();
  }
}
