import { formatStatementNumber } from '../domain/payments/statement-number.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database, StatementsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { makeOnce } from '../storage/unique-violation.js';
import { settleStatement } from '../domain/payments/settle-statement.js';
import { DomainError } from '../domain/errors.js';
import { parsePeriodOrThrow } from './invoice-service.js';
import { decideVat, standardVatRate, vatOn, VatError } from '../domain/payments/vat.js';
import type { InvoicingDetails } from '../domain/payments/invoicing-details.js';
import { networkDetails, publisherDetails } from './invoicing-details-service.js';
import { repos } from '../storage/repositories/repos.js';

export type Statement = Selectable<StatementsTable>;

export class StatementError extends DomainError {}

/** One line of a statement: a payable commission with what explains it, or a deduction. */
export interface StatementLine {
  section: 'commission' | 'deduction' | 'adjustment';
  id: string;
  /** The order a commission line is for: what the portal links to. */
  orderId: string | null;
  orderNumber: string | null;
  placedAt: number | null;
  programId: string | null;
  siteId: string | null;
  kind: string;
  rule: string | null;
  reason: string | null;
  /** Positive for commission, negative for a deduction. */
  amountMinor: number;
}

export interface StatementRun {
  created: Statement[];
  /** Publishers that already had this period's statement. */
  existing: number;
  /** Publishers whose latest statement is newer than this period. */
  skippedNewer: number;
}

/**
 * Monthly publisher statements in EUR: payable (approved, on a paid advertiser invoice, not
 * withheld), pending (not yet validated or not yet invoiced-and-paid), withheld (AE-E1 c) and
 * deducted (AE-E1 d) amounts, settled against the publisher's minimum payout with carry-over.
 * Each payable commission and deduction is tied to exactly one statement.
 */
export class StatementService {
  constructor(private readonly store: Store) {}

  async createStatements(
    periodText: string,
    nowMs: number,
    onProgress?: (publishers: number) => void,
    actor = 'system',
  ): Promise<StatementRun> {
    const period = parsePeriodOrThrow(periodText);
    if (nowMs < period.endMs)
      throw new StatementError(
        'period_not_ended',
        `period ${period.text} has not ended yet; statements are made for months that are over`,
        [],
        { period: period.text },
      );
    const network = await networkDetails(this.store.db);
    if (network === undefined)
      throw new StatementError(
        'network_invoicing_details_missing',
        "statements are self-billing invoices and name the network: set the network's legal name, address and VAT number first (affnet statements invoicing, PUT /api/v1/admin/settings/invoicing, or the admin's Month end page)",
      );
    const supplyDate = new Date(period.endMs - 1).toISOString().slice(0, 10);
    if (standardVatRate(network.country, supplyDate) === undefined) {
      const domestic = await this.store.db
        .selectFrom('publishers')
        .select('id')
        .where('country', '=', network.country)
        .where('vat_number', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (domestic !== undefined)
        throw new StatementError(
          'no_vat_rate',
          `publishers in ${network.country} are billed with ${network.country} VAT, and affnet holds no standard rate for ${network.country} on ${supplyDate}: add it to STANDARD_VAT_RATES (src/domain/payments/vat.ts)`,
        );
    }
    const run: StatementRun = { created: [], existing: 0, skippedNewer: 0 };
    let after = '';
    let done = 0;
    for (;;) {
      const publishers = await this.store.db
        .selectFrom('publishers')
        .select(['id', 'minimum_payout_minor'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      for (const publisher of publishers) {
        // A parallel run (another admin, process or click) may make this statement first.
        const outcome = await makeOnce(
          () =>
            this.store.db.transaction().execute(async (trx) => {
              const outcome = await this.#statementOf(
                trx,
                publisher.id,
                publisher.minimum_payout_minor,
                period,
                nowMs,
                { network, supplyDate },
              );
              if (typeof outcome !== 'string')
                await repos(trx).audit.record(
                  {
                    actor,
                    action: 'statement.issued',
                    subjectType: 'statement',
                    subjectId: outcome.id,
                    details: {
                      period: outcome.period,
                      publisherId: outcome.publisher_id,
                      before: null,
                      after: {
                        status: outcome.status,
                        payableMinor: outcome.payable_minor,
                        carriedInMinor: outcome.carried_in_minor,
                        carriedOverMinor: outcome.carried_over_minor,
                        payoutMinor: outcome.payout_minor,
                        minimumPayoutMinor: publisher.minimum_payout_minor,
                        vatTreatment: outcome.vat_treatment,
                        vatRate: outcome.vat_rate,
                        vatMinor: outcome.vat_minor,
                        currency: outcome.currency,
                      },
                    },
                  },
                  nowMs,
                );
              return outcome;
            }),
          async () => {
            const made = await repos(this.store).statements.isMade(publisher.id, period.text);
            return made ? ('existing' as const) : undefined;
          },
        );
        if (outcome === 'existing') run.existing += 1;
        else if (outcome === 'newer') run.skippedNewer += 1;
        else if (outcome !== 'empty') run.created.push(outcome);
      }
      done += publishers.length;
      onProgress?.(done);
      if (publishers.length < 500) break;
      after = publishers[publishers.length - 1]!.id;
    }
    return run;
  }

  async #statementOf(
    trx: Kysely<Database>,
    publisherId: string,
    minimumPayoutMinor: number,
    period: { text: string; endMs: number },
    nowMs: number,
    invoicing: { network: InvoicingDetails; supplyDate: string },
  ): Promise<Statement | 'existing' | 'newer' | 'empty'> {
    const latest = await trx
      .selectFrom('statements')
      .selectAll()
      .where('publisher_id', '=', publisherId)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.period === period.text) return 'existing';
    if (latest !== undefined && latest.period > period.text) return 'newer';
    // Payable: approved, billed in full on an invoice the advertiser has paid (AE-T5).
    const payableAll = await trx
      .selectFrom('commissions')
      .innerJoin('invoices', 'invoices.id', 'commissions.invoice_id')
      .select(['commissions.id', 'commissions.amount_minor', 'commissions.program_id'])
      .where('commissions.publisher_id', '=', publisherId)
      .where('commissions.status', '=', 'approved')
      .where('commissions.statement_id', 'is', null)
      .where('commissions.approved_at', '<', period.endMs)
      .where('commissions.billed_minor', '=', sql<number>`commissions.amount_minor`)
      .where('invoices.status', '=', 'paid')
      .execute();
    // A withholding (AE-E1 c) holds back the money of the program it was recorded in (one by
    // the network, without a program, holds back everything); the rest is paid as usual.
    const withholdings = await trx
      .selectFrom('enforcement_actions')
      .select('program_id')
      .where('publisher_id', '=', publisherId)
      .where('kind', '=', 'withhold')
      .where('status', '=', 'active')
      .execute();
    const withholdsAll = withholdings.some((row) => row.program_id === null);
    const withheldPrograms = new Set(withholdings.map((row) => row.program_id));
    const isWithheld = (row: { program_id: string }) =>
      withholdsAll || withheldPrograms.has(row.program_id);
    const payable = payableAll.filter((row) => !isWithheld(row));
    const payableMinor = sum(payableAll);
    const open = await trx
      .selectFrom('commissions')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('publisher_id', '=', publisherId)
      .where('status', 'in', ['pending', 'held', 'approved'])
      .where('statement_id', 'is', null)
      .where('created_at', '<', period.endMs)
      .executeTakeFirst();
    const withheldMinor = payableMinor - sum(payable);
    const pendingMinor = Math.max(0, Number(open?.sum ?? 0) - payableMinor);
    const deductions = await trx
      .selectFrom('enforcement_actions')
      .select(['id', 'kind', 'amount_minor'])
      .where('publisher_id', '=', publisherId)
      .where('kind', 'in', ['deduction', 'credit'])
      .where('status', '=', 'active')
      .where('statement_id', 'is', null)
      .where('created_at', '<', period.endMs)
      .execute();
    const deductedMinor = deductions
      .filter((row) => row.kind === 'deduction')
      .reduce((total, row) => total + (row.amount_minor ?? 0), 0);
    // A deduction reversed after a statement settled it comes back as a credit (upheld claim).
    const creditedMinor = deductions
      .filter((row) => row.kind === 'credit')
      .reduce((total, row) => total + (row.amount_minor ?? 0), 0);
    // Changes to commissions already paid out (refunds after the payout are clawed back).
    const adjustments = await trx
      .selectFrom('adjustments')
      .innerJoin('commissions', 'commissions.id', 'adjustments.commission_id')
      .leftJoin('invoices', 'invoices.id', 'commissions.invoice_id')
      .select((eb) => [
        'adjustments.id',
        'adjustments.amount_minor',
        'adjustments.program_id',
        // Billed in full (the commission's adjustments too) on an invoice the advertiser paid.
        eb
          .and([
            eb('invoices.status', '=', 'paid'),
            eb(
              'commissions.billed_minor',
              '=',
              sql<number>`commissions.amount_minor + (select sum(a.amount_minor) from adjustments a where a.commission_id = commissions.id)`,
            ),
          ])
          .as('billed_and_paid'),
      ])
      .where('adjustments.publisher_id', '=', publisherId)
      .where('adjustments.statement_id', 'is', null)
      .where('adjustments.created_at', '<', period.endMs)
      .execute();
    const clawedBackMinor = -adjustments
      .filter((row) => row.amount_minor < 0)
      .reduce((total, row) => total + row.amount_minor, 0);
    // Claw-backs always settle. A raised adjustment is publisher money like any other: payable
    // once the advertiser paid the invoice that billed it (AE-T5), and while its program's
    // payments are withheld it waits with the rest of its money.
    const settledAdjustments = adjustments.filter(
      (row) => row.amount_minor < 0 || (!isWithheld(row) && Boolean(row.billed_and_paid)),
    );
    const raisedWaitingMinor = adjustments
      .filter((row) => row.amount_minor > 0 && !row.billed_and_paid)
      .reduce((total, row) => total + row.amount_minor, 0);
    const statementPendingMinor = pendingMinor + raisedWaitingMinor;
    const raisedMinor = settledAdjustments
      .filter((row) => row.amount_minor > 0)
      .reduce((total, row) => total + row.amount_minor, 0);
    const carriedInMinor = latest?.status === 'carried_over' ? latest.carried_over_minor : 0;
    // Self-billing: this month's supplies (payable − deducted) are invoiced with their VAT.
    const publisher = await publisherDetails(trx, publisherId);
    const vat = vatDecisionOrRefuse({
      networkCountry: invoicing.network.country,
      publisherCountry: publisher.country ?? '',
      publisherVatNumber: publisher.vatNumber,
      supplyDate: invoicing.supplyDate,
    });
    const statementPayableMinor = payableMinor - withheldMinor + creditedMinor + raisedMinor;
    const statementDeductedMinor = deductedMinor + clawedBackMinor;
    const vatMinor = vatOn(statementPayableMinor - statementDeductedMinor, vat.ratePercent);
    const settlement = settleStatement({
      carriedInMinor,
      payableMinor: statementPayableMinor,
      pendingMinor: statementPendingMinor,
      withheldMinor,
      deductedMinor: statementDeductedMinor,
      minimumPayoutMinor,
      vatMinor,
    });
    if (
      payableMinor === 0 &&
      statementPendingMinor === 0 &&
      deductedMinor === 0 &&
      creditedMinor === 0 &&
      adjustments.length === 0 &&
      carriedInMinor === 0
    ) {
      // A parallel run that settled this month has committed meanwhile.
      return (await repos(this.store, trx).statements.isMade(publisherId, period.text))
        ? 'existing'
        : 'empty';
    }
    const statement: Statement = {
      id: newId('statement', nowMs),
      number: await nextStatementNumber(trx, period.text.slice(0, 4)),
      publisher_id: publisherId,
      period: period.text,
      currency: 'EUR',
      payable_minor: statementPayableMinor,
      pending_minor: statementPendingMinor,
      withheld_minor: withheldMinor,
      deducted_minor: statementDeductedMinor,
      carried_in_minor: carriedInMinor,
      vat_treatment: vat.treatment,
      vat_rate: vat.ratePercent,
      vat_minor: vatMinor,
      parties: JSON.stringify({ network: invoicing.network, publisher }),
      balance_minor: settlement.balanceMinor,
      payout_minor: settlement.payoutMinor,
      carried_over_minor: settlement.carriedOverMinor,
      minimum_payout_minor: minimumPayoutMinor,
      status: settlement.status,
      created_at: nowMs,
      paid_at: null,
    };
    await trx.insertInto('statements').values(statement).execute();
    {
      const ids = payable.map((row) => row.id);
      for (let i = 0; i < ids.length; i += 500) {
        await trx
          .updateTable('commissions')
          .set({ statement_id: statement.id })
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      }
    }
    if (settledAdjustments.length > 0) {
      await trx
        .updateTable('adjustments')
        .set({ statement_id: statement.id })
        .where(
          'id',
          'in',
          settledAdjustments.map((row) => row.id),
        )
        .execute();
    }
    if (deductions.length > 0) {
      await trx
        .updateTable('enforcement_actions')
        .set({ statement_id: statement.id })
        .where(
          'id',
          'in',
          deductions.map((row) => row.id),
        )
        .execute();
    }
    return statement;
  }

  async find(statementId: string): Promise<Statement | undefined> {
    return this.store.db
      .selectFrom('statements')
      .selectAll()
      .where('id', '=', statementId)
      .executeTakeFirst();
  }

  /**
   * A statement with its publisher's name and every line: what its CSV, PDF and portal page
   * show. Undefined when there is no such statement, or it is not `ofPublisher`'s.
   */
  async document(
    statementId: string,
    ofPublisher?: string,
  ): Promise<{ statement: Statement; publisherName: string; lines: StatementLine[] } | undefined> {
    const statement = await this.find(statementId);
    if (statement === undefined) return undefined;
    if (ofPublisher !== undefined && statement.publisher_id !== ofPublisher) return undefined;
    const publisher = await this.store.db
      .selectFrom('publishers')
      .select('name')
      .where('id', '=', statement.publisher_id)
      .executeTakeFirst();
    return {
      statement,
      publisherName: publisher?.name ?? statement.publisher_id,
      lines: await this.lines(statement.id),
    };
  }

  /** Statements, newest period first, each with its publisher's name. */
  async list(
    filter: { publisherId?: string; period?: string } = {},
  ): Promise<(Statement & { publisher_name: string | null })[]> {
    let query = this.store.db
      .selectFrom('statements')
      .leftJoin('publishers', 'publishers.id', 'statements.publisher_id')
      .selectAll('statements')
      .select('publishers.name as publisher_name');
    if (filter.publisherId !== undefined)
      query = query.where('statements.publisher_id', '=', filter.publisherId);
    if (filter.period !== undefined) query = query.where('statements.period', '=', filter.period);
    return query.orderBy('statements.period', 'desc').orderBy('statements.publisher_id').execute();
  }

  /** Every commission and deduction a statement settles, with the order and rule behind it. */
  async lines(statementId: string): Promise<StatementLine[]> {
    const commissions = await this.store.db
      .selectFrom('commissions')
      .leftJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'commissions.id',
        'commissions.order_id',
        'orders.order_number',
        'orders.placed_at',
        'commissions.program_id',
        'commissions.site_id',
        'commissions.kind',
        'commissions.rule',
        'commissions.reason',
        'commissions.amount_minor',
      ])
      .where('commissions.statement_id', '=', statementId)
      .orderBy('orders.placed_at')
      .orderBy('orders.order_number')
      .orderBy('commissions.kind')
      .orderBy('commissions.id')
      .execute();
    const deductions = await this.store.db
      .selectFrom('enforcement_actions')
      .select(['id', 'kind', 'program_id', 'rule', 'evidence', 'amount_minor'])
      .where('statement_id', '=', statementId)
      .orderBy('id')
      .execute();
    const adjustments = await this.store.db
      .selectFrom('adjustments')
      .leftJoin('orders', 'orders.id', 'adjustments.order_id')
      .select([
        'adjustments.id',
        'adjustments.order_id',
        'orders.order_number',
        'orders.placed_at',
        'adjustments.program_id',
        'adjustments.rule',
        'adjustments.reason',
        'adjustments.amount_minor',
      ])
      .where('adjustments.statement_id', '=', statementId)
      .orderBy('orders.order_number')
      .orderBy('adjustments.amount_minor')
      .orderBy('adjustments.id')
      .execute();
    return [
      ...adjustments.map((row): StatementLine => ({
        section: 'adjustment',
        id: row.id,
        orderId: row.order_id,
        orderNumber: row.order_number,
        placedAt: row.placed_at,
        programId: row.program_id,
        siteId: null,
        kind: 'adjustment',
        rule: row.rule,
        reason: row.reason,
        amountMinor: row.amount_minor,
      })),
      ...commissions.map((row): StatementLine => ({
        section: 'commission',
        id: row.id,
        orderId: row.order_id,
        orderNumber: row.order_number,
        placedAt: row.placed_at,
        programId: row.program_id,
        siteId: row.site_id,
        kind: row.kind,
        rule: row.rule,
        reason: row.reason,
        amountMinor: row.amount_minor,
      })),
      ...deductions.map((row): StatementLine => ({
        section: 'deduction',
        id: row.id,
        orderId: null,
        orderNumber: null,
        placedAt: null,
        programId: row.program_id,
        siteId: null,
        kind: row.kind,
        rule: row.rule,
        reason: row.evidence,
        amountMinor: row.kind === 'credit' ? (row.amount_minor ?? 0) : -(row.amount_minor ?? 0),
      })),
    ];
  }
}

/** decideVat, its refusal (a domestic business without a rate) as the statements' own error. */
function vatDecisionOrRefuse(input: Parameters<typeof decideVat>[0]) {
  try {
    return decideVat(input);
  } catch (error) {
    if (error instanceof VatError) throw new StatementError('no_vat_rate', error.message);
    throw error;
  }
}

function sum(rows: readonly { amount_minor: number }[]): number {
  return rows.reduce((total, row) => total + row.amount_minor, 0);
}

/**
 * The next number of the year's statement series, in the statement's own transaction: a
 * statement that is not made (rolled back) takes no number, so the series has no gaps.
 */
async function nextStatementNumber(trx: Kysely<Database>, year: string): Promise<string> {
  const row = await trx
    .insertInto('document_numbers')
    .values({ series: `statement-${year}`, last: 1 })
    .onConflict((conflict) =>
      conflict.column('series').doUpdateSet({ last: sql<number>`document_numbers.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatStatementNumber(year, Number(row.last));
}
