import { formatStatementNumber } from '../domain/payments/statement-number.js';
import type { Store } from '../storage/database.js';
import type { StatementDocument } from '../documents/statement-documents.js';
import type { StoredStatement } from '../storage/repositories/statements-repository.js';
import { newId } from '../storage/ids.js';
import { makeOnce } from '../storage/unique-violation.js';
import { settleStatement } from '../domain/payments/settle-statement.js';
import { DomainError } from '../domain/errors.js';
import { parsePeriodOrThrow } from './invoice-service.js';
import { decideVat, standardVatRate, vatOn, VatError } from '../domain/payments/vat.js';
import type { InvoicingDetails } from '../domain/payments/invoicing-details.js';
import { networkDetails, publisherDetails } from './invoicing-details-service.js';
import { statementIssued } from '../domain/events/events.js';
import { repos, type Repos } from '../storage/repositories/repos.js';

export type Statement = StoredStatement;

export class StatementError extends DomainError {}

/** A statement as routes, pages and documents read it (amounts in EUR minor units). */
export interface StatementView {
  id: string;
  /** The self-billing invoice number (null: made before numbering). */
  number: string | null;
  publisherId: string;
  period: string;
  currency: string;
  payableMinor: number;
  pendingMinor: number;
  withheldMinor: number;
  deductedMinor: number;
  carriedInMinor: number;
  vatTreatment: string | null;
  vatRate: string | null;
  vatMinor: number;
  /** The invoicing details of both parties as issued (JSON), null before self-billing. */
  parties: string | null;
  balanceMinor: number;
  payoutMinor: number;
  carriedOverMinor: number;
  minimumPayoutMinor: number | null;
  status: string;
  createdAt: number;
  paidAt: number | null;
}

export function statementView(statement: Statement): StatementView {
  return {
    id: statement.id,
    number: statement.number,
    publisherId: statement.publisher_id,
    period: statement.period,
    currency: statement.currency,
    payableMinor: statement.payable_minor,
    pendingMinor: statement.pending_minor,
    withheldMinor: statement.withheld_minor,
    deductedMinor: statement.deducted_minor,
    carriedInMinor: statement.carried_in_minor,
    vatTreatment: statement.vat_treatment,
    vatRate: statement.vat_rate,
    vatMinor: statement.vat_minor,
    parties: statement.parties,
    balanceMinor: statement.balance_minor,
    payoutMinor: statement.payout_minor,
    carriedOverMinor: statement.carried_over_minor,
    minimumPayoutMinor: statement.minimum_payout_minor,
    status: statement.status,
    createdAt: statement.created_at,
    paidAt: statement.paid_at,
  };
}

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
  private readonly repos: Repos;

  constructor(store: Store) {
    this.repos = repos(store);
  }

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
    const network = await networkDetails(this.repos);
    if (network === undefined)
      throw new StatementError(
        'network_invoicing_details_missing',
        "statements are self-billing invoices and name the network: set the network's legal name, address and VAT number first (affnet statements invoicing, PUT /api/v1/admin/settings/invoicing, or the admin's Month end page)",
      );
    const supplyDate = new Date(period.endMs - 1).toISOString().slice(0, 10);
    if (standardVatRate(network.country, supplyDate) === undefined) {
      if (await this.repos.publishers.anyWithVatNumberIn(network.country))
        throw new StatementError(
          'no_vat_rate',
          `publishers in ${network.country} are billed with ${network.country} VAT, and affnet holds no standard rate for ${network.country} on ${supplyDate}: add it to STANDARD_VAT_RATES (src/domain/payments/vat.ts)`,
        );
    }
    const run: StatementRun = { created: [], existing: 0, skippedNewer: 0 };
    let after = '';
    let done = 0;
    for (;;) {
      const publishers = await this.repos.publishers.pageOfMinimums(after, 500);
      for (const publisher of publishers) {
        // A parallel run (another admin, process or click) may make this statement first.
        const outcome = await makeOnce(
          () =>
            this.repos.transaction(async (t) => {
              const outcome = await this.#statementOf(
                t,
                publisher.id,
                publisher.minimum_payout_minor,
                period,
                nowMs,
                { network, supplyDate },
              );
              if (typeof outcome !== 'string')
                await t.events.append(
                  [
                    statementIssued({
                      id: outcome.id,
                      publisherId: outcome.publisher_id,
                      period: outcome.period,
                      payableMinor: outcome.payable_minor,
                      payoutMinor: outcome.payout_minor,
                      currency: outcome.currency,
                    }),
                  ],
                  nowMs,
                );
              if (typeof outcome !== 'string')
                await t.audit.record(
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
            const made = await this.repos.statements.isMade(publisher.id, period.text);
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
    t: Repos,
    publisherId: string,
    minimumPayoutMinor: number,
    period: { text: string; endMs: number },
    nowMs: number,
    invoicing: { network: InvoicingDetails; supplyDate: string },
  ): Promise<Statement | 'existing' | 'newer' | 'empty'> {
    const latest = await t.statements.latestOf(publisherId);
    if (latest?.period === period.text) return 'existing';
    if (latest !== undefined && latest.period > period.text) return 'newer';
    // Payable: approved, billed in full on an invoice the advertiser has paid (AE-T5).
    const payableAll = await t.commissions.payableForStatement(publisherId, period.endMs);
    // A withholding (AE-E1 c) holds back the money of the program it was recorded in (one by
    // the network, without a program, holds back everything); the rest is paid as usual.
    const withholdings = await t.enforcementActions.withholdingsOf(publisherId);
    const withholdsAll = withholdings.some((row) => row.program_id === null);
    const withheldPrograms = new Set(withholdings.map((row) => row.program_id));
    const isWithheld = (row: { program_id: string }) =>
      withholdsAll || withheldPrograms.has(row.program_id);
    const payable = payableAll.filter((row) => !isWithheld(row));
    const payableMinor = sum(payableAll);
    const openMinor = await t.commissions.openSumBefore(publisherId, period.endMs);
    const withheldMinor = payableMinor - sum(payable);
    const pendingMinor = Math.max(0, openMinor - payableMinor);
    const deductions = await t.enforcementActions.openDeductionsBefore(publisherId, period.endMs);
    const deductedMinor = deductions
      .filter((row) => row.kind === 'deduction')
      .reduce((total, row) => total + (row.amount_minor ?? 0), 0);
    // A deduction reversed after a statement settled it comes back as a credit (upheld claim).
    const creditedMinor = deductions
      .filter((row) => row.kind === 'credit')
      .reduce((total, row) => total + (row.amount_minor ?? 0), 0);
    // Changes to commissions already paid out (refunds after the payout are clawed back).
    // Each with whether it is billed in full (the commission's adjustments too) on an invoice
    // the advertiser paid.
    const adjustments = await t.adjustments.openBefore(publisherId, period.endMs);
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
    const publisher = await publisherDetails(t, publisherId);
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
      return (await t.statements.isMade(publisherId, period.text)) ? 'existing' : 'empty';
    }
    const statement: Statement = {
      id: newId('statement', nowMs),
      number: await nextStatementNumber(t, period.text.slice(0, 4)),
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
    await t.statements.insert(statement);
    await t.commissions.attachToStatement(
      payable.map((row) => row.id),
      statement.id,
    );
    if (settledAdjustments.length > 0)
      await t.adjustments.attachToStatement(
        settledAdjustments.map((row) => row.id),
        statement.id,
      );
    if (deductions.length > 0)
      await t.enforcementActions.attachToStatement(
        deductions.map((row) => row.id),
        statement.id,
      );
    return statement;
  }

  async find(statementId: string): Promise<Statement | undefined> {
    return this.repos.statements.find(statementId);
  }

  /**
   * A statement with its publisher's name and every line: what its CSV, PDF and portal page
   * show. Undefined when there is no such statement, or it is not `ofPublisher`'s.
   */
  async document(
    statementId: string,
    ofPublisher?: string,
  ): Promise<StatementDocument | undefined> {
    const statement = await this.find(statementId);
    if (statement === undefined) return undefined;
    if (ofPublisher !== undefined && statement.publisher_id !== ofPublisher) return undefined;
    const publisherName = await this.repos.publishers.nameOf(statement.publisher_id);
    return {
      statement: statementView(statement),
      publisherName: publisherName ?? statement.publisher_id,
      lines: await this.lines(statement.id),
    };
  }

  /** Statements, newest period first, each with its publisher's name. */
  async list(
    filter: { publisherId?: string; period?: string } = {},
  ): Promise<(StatementView & { publisherName: string | null })[]> {
    const rows = await this.repos.statements.list(filter);
    return rows.map(({ publisher_name, ...statement }) => ({
      ...statementView(statement),
      publisherName: publisher_name,
    }));
  }

  /** Every commission and deduction a statement settles, with the order and rule behind it. */
  async lines(statementId: string): Promise<StatementLine[]> {
    const commissions = await this.repos.commissions.ofStatement(statementId);
    const deductions = await this.repos.enforcementActions.ofStatement(statementId);
    const adjustments = await this.repos.adjustments.ofStatement(statementId);
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
async function nextStatementNumber(t: Repos, year: string): Promise<string> {
  return formatStatementNumber(year, await t.statements.nextNumber(`statement-${year}`));
}
