import { isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import type { Store } from '../storage/database.js';
import { payoutPaid } from '../domain/events/events.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { StoredPayout, StoredPayoutRun } from '../storage/repositories/payouts-repository.js';
import { newId } from '../storage/ids.js';
import { isUniqueViolation } from '../storage/unique-violation.js';
import { checkIban } from '../domain/payments/iban.js';
import {
  buildPain001,
  toSepaText,
  SepaError,
  type SepaPayment,
} from '../domain/payments/sepa-credit-transfer.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { DomainError } from '../domain/errors.js';
import { toCsv } from '../documents/csv.js';
import { changeCommission } from './commission-ledger.js';

export class PayoutError extends DomainError {}

export interface SkippedStatement {
  statementId: string;
  publisherId: string;
  reason: string;
}

/** A payout run as routes, pages and the CLI read it. */
export interface PayoutRun {
  id: string;
  /** created, exported (its SEPA file made) or paid. */
  status: string;
  createdBy: string;
  createdAt: number;
  paidAt: number | null;
  executionDate: string;
  payments: number;
  totalMinor: number;
  /** The statements the run left waiting, and why. */
  skipped: SkippedStatement[];
}

/** One payment of a run. */
export interface Payout {
  id: string;
  runId: string;
  publisherId: string;
  statementId: string;
  period: string;
  amountMinor: number;
  currency: string;
  iban: string;
  name: string;
  status: string;
  paidAt: number | null;
}

function runView(run: StoredPayoutRun): PayoutRun {
  return {
    id: run.id,
    status: run.status,
    createdBy: run.created_by,
    createdAt: run.created_at,
    paidAt: run.paid_at,
    executionDate: run.execution_date,
    payments: run.payments,
    totalMinor: run.total_minor,
    skipped: JSON.parse(run.skipped) as SkippedStatement[],
  };
}

function payoutView(payout: StoredPayout): Payout {
  return {
    id: payout.id,
    runId: payout.run_id,
    publisherId: payout.publisher_id,
    statementId: payout.statement_id,
    period: payout.period,
    amountMinor: payout.amount_minor,
    currency: payout.currency,
    iban: payout.iban,
    name: payout.name,
    status: payout.status,
    paidAt: payout.paid_at,
  };
}

/** Who pays: the network's own account, the debtor of the SEPA file. */
export interface Debtor {
  name: string;
  iban: string;
  bic?: string | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Payout runs: every payable statement not yet in a run, whose publisher has a valid IBAN and
 * a name SEPA can carry, becomes one payment. The run exports a pain.001.001.03 file and a CSV;
 * marking it paid moves the commissions to paid in the ledger. A statement is in at most one
 * run (a unique key), and marking a run paid twice changes nothing: nobody is paid twice.
 */
interface RunInput {
  actor: string;
  nowMs: number;
  executionDate: string;
}
type RunResult = { run: PayoutRun; payouts: Payout[]; skipped: SkippedStatement[] };

export class PayoutService {
  private readonly repos: Repos;

  constructor(store: Store) {
    this.repos = repos(store);
  }

  async createRun(input: RunInput): Promise<RunResult> {
    if (!DATE.test(input.executionDate) || Number.isNaN(Date.parse(input.executionDate)))
      throw new PayoutError(
        'invalid_execution_date',
        `execution date must be YYYY-MM-DD, got "${input.executionDate}"`,
      );
    // A bank refuses a credit transfer requested for a day gone by (pain.001's
    // ReqdExctnDt): today at the earliest, in UTC, by the network's clock.
    const today = isoDateOfDayNumber(utcDayNumber(input.nowMs));
    if (input.executionDate < today)
      throw new PayoutError(
        'invalid_execution_date',
        `execution date ${input.executionDate} is in the past: give today (${today}) or a later day`,
      );
    try {
      return await this.#createRun(input);
    } catch (error) {
      // Two runs started at once took the same statements: the one that lost changed nothing.
      if (!isUniqueViolation(error)) throw error;
      throw new PayoutError(
        'payout_run_in_progress',
        'another payout run took the same statements at the same moment; this one changed nothing: list the runs (affnet payouts list) and export that one',
      );
    }
  }

  async #createRun(input: RunInput): Promise<RunResult> {
    return this.repos.transaction(async (t) => {
      const candidates = await t.payouts.payableStatements();
      if (candidates.length === 0) throw await nothingToPay(t);
      // A program's withholding is already kept out of the statement; only the network's own
      // (no program) stops the whole payout.
      const withheld = await t.enforcementActions.networkWithheldPublishers();
      // Carried-over statements that added VAT (few: balances below a minimum), read once for
      // every candidate below rather than once each.
      const carriedVatStatements = await t.statements.carriedOverWithVat();
      const runId = newId('payoutRun', input.nowMs);
      const payouts: StoredPayout[] = [];
      const skipped: SkippedStatement[] = [];
      for (const statement of candidates) {
        const skip = (reason: string) =>
          skipped.push({ statementId: statement.id, publisherId: statement.publisher_id, reason });
        if (withheld.has(statement.publisher_id)) {
          skip('payments withheld by an enforcement action');
          continue;
        }
        if (statement.iban === null || statement.iban.trim() === '') {
          skip('no payout IBAN on file');
          continue;
        }
        // VAT added on top is paid only with a VAT number the network verified: a made-up
        // number would otherwise draw the VAT too. The balance also pays the VAT of earlier
        // carried-over statements: same rule.
        const carriedVat = carriedVatStatements.filter(
          (earlier) =>
            earlier.publisher_id === statement.publisher_id && earlier.period < statement.period,
        );
        const unverified = [statement, ...carriedVat]
          .map((issued) =>
            unverifiedVatNumber({ ...issued, vat_number_verified: statement.vat_number_verified }),
          )
          .find((number) => number !== null);
        if (unverified !== undefined && unverified !== null) {
          skip(
            `VAT number ${unverified} not verified by the network: verify it (admin Month end page, POST /api/v1/admin/vat-numbers/${statement.publisher_id}/verify) and run payouts again`,
          );
          continue;
        }
        const iban = checkIban(statement.iban);
        if (!iban.valid) {
          skip(`IBAN ${statement.iban}: ${iban.reason}`);
          continue;
        }
        const name = statement.payout_name ?? statement.name;
        try {
          toSepaText(name, 'account holder name', 70);
        } catch (error) {
          if (!(error instanceof SepaError)) throw error;
          skip(error.message);
          continue;
        }
        payouts.push({
          id: newId('payout', input.nowMs),
          run_id: runId,
          publisher_id: statement.publisher_id,
          statement_id: statement.id,
          period: statement.period,
          amount_minor: statement.payout_minor,
          currency: statement.currency,
          iban: iban.iban,
          name,
          status: 'pending',
          paid_at: null,
        });
      }
      if (payouts.length === 0)
        throw new PayoutError(
          'nothing_to_pay',
          `no payable statement can be paid: ${skipped.map((item) => `${item.statementId} (${item.publisherId}): ${item.reason}`).join('; ')}`,
        );
      const run: StoredPayoutRun = {
        id: runId,
        // Exported once its SEPA file has been made, paid once the bank has paid it.
        status: 'created',
        created_by: input.actor,
        created_at: input.nowMs,
        paid_at: null,
        execution_date: input.executionDate,
        payments: payouts.length,
        total_minor: payouts.reduce((total, payout) => total + payout.amount_minor, 0),
        skipped: JSON.stringify(skipped),
      };
      await t.payouts.insertRun(run);
      await t.audit.record(
        {
          actor: input.actor,
          action: 'payout_run.created',
          subjectType: 'payout_run',
          subjectId: run.id,
          details: {
            before: null,
            after: {
              status: run.status,
              payments: run.payments,
              totalMinor: run.total_minor,
              executionDate: run.execution_date,
            },
            skipped: skipped.length,
          },
        },
        input.nowMs,
      );
      await t.payouts.insertPayments(payouts);
      return { run: runView(run), payouts: payouts.map(payoutView), skipped };
    });
  }

  async findRun(runId: string): Promise<{ run: PayoutRun; payouts: Payout[] }> {
    const run = await this.repos.payouts.findRun(runId);
    if (run === undefined) throw new PayoutError('unknown_payout_run', `no payout run "${runId}"`);
    const payouts = await this.repos.payouts.paymentsOf(runId);
    return { run: runView(run), payouts: payouts.map(payoutView) };
  }

  async listRuns(): Promise<PayoutRun[]> {
    return (await this.repos.payouts.runs()).map(runView);
  }

  /**
   * The run as a SEPA credit transfer (pain.001.001.03) for the network's bank; `debtor` is the
   * account payouts are paid from (undefined: not configured, 409 debtor_not_configured).
   */
  async sepaFile(
    runId: string,
    debtor: Debtor | undefined,
    nowMs: number,
    actor = 'system',
  ): Promise<string> {
    if (debtor === undefined)
      throw new PayoutError(
        'debtor_not_configured',
        'set PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN to the account payouts are paid from',
      );
    const { run, payouts } = await this.findRun(runId);
    if (payouts.length === 0)
      throw new PayoutError('empty_payout_run', `payout run ${runId} has no payments`);
    // The remittance names the statement's number: self-billing, it is the invoice paid.
    const numbers = await this.repos.statements.numbersOf(
      payouts.map((payout) => payout.statementId),
    );
    const payments: SepaPayment[] = payouts.map((payout) => {
      const number = numbers.get(payout.statementId);
      return {
        endToEndId: payout.id,
        creditorName: payout.name,
        creditorIban: payout.iban,
        amountMinor: payout.amountMinor,
        remittance:
          number === null || number === undefined
            ? `affnet statement ${payout.period} ${payout.statementId}`
            : `affnet statement ${number} (${payout.period})`,
      };
    });
    let file: string;
    try {
      file = buildPain001({
        messageId: run.id,
        paymentInfoId: `${run.id}-1`,
        createdAt: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        executionDate: run.executionDate,
        debtorName: debtor.name,
        debtorIban: debtor.iban,
        ...(debtor.bic ? { debtorBic: debtor.bic } : {}),
        payments,
      });
    } catch (error) {
      if (error instanceof SepaError) throw new PayoutError('invalid_sepa_file', error.message);
      throw error;
    }
    // The file exists now: the run is exported (again, for a later download, changes nothing).
    await this.repos.transaction(async (t) => {
      if (!(await t.payouts.markExported(runId))) return;
      await t.audit.record(
        {
          actor,
          action: 'payout_run.exported',
          subjectType: 'payout_run',
          subjectId: runId,
          details: {
            before: { status: 'created' },
            after: { status: 'exported' },
            debtorIban: debtor.iban,
            payments: payouts.length,
            totalMinor: run.totalMinor,
          },
        },
        nowMs,
      );
    });
    return file;
  }

  /** The run as CSV: one row per payment, for the bookkeeper. */
  async csvFile(runId: string): Promise<string> {
    const { payouts } = await this.findRun(runId);
    return toCsv(
      [
        'payout_id',
        'statement_id',
        'period',
        'publisher_id',
        'name',
        'iban',
        'amount',
        'currency',
        'status',
      ],
      payouts.map((payout) => [
        payout.id,
        payout.statementId,
        payout.period,
        payout.publisherId,
        payout.name,
        payout.iban,
        formatMinorUnits(payout.amountMinor, 2),
        payout.currency,
        payout.status,
      ]),
    );
  }

  /**
   * Records that the bank paid the run: payouts and statements become paid, and every
   * commission the statements settle (including ones carried over from earlier statements)
   * moves to paid in the ledger. A second call changes nothing.
   */
  async markPaid(
    runId: string,
    actor: string,
    nowMs: number,
  ): Promise<{ run: PayoutRun; changed: boolean; commissions: number }> {
    return this.repos.transaction(async (t) => {
      const run = await t.payouts.findRun(runId);
      if (run === undefined)
        throw new PayoutError('unknown_payout_run', `no payout run "${runId}"`);
      if (run.status === 'paid') return { run: runView(run), changed: false, commissions: 0 };
      if (run.status === 'created')
        throw new PayoutError(
          'payout_run_not_exported',
          `payout run ${runId} has not been exported: make its SEPA file (affnet payouts export ${runId} --sepa FILE, or the admin's Money page) and have the bank execute it before marking it paid`,
        );
      if (run.status !== 'exported')
        throw new PayoutError(
          'payout_run_empty',
          `payout run ${runId} has no payments to mark paid`,
        );
      if (!(await t.payouts.claimPaid(runId, nowMs)))
        return { run: runView(run), changed: false, commissions: 0 };
      const payouts = await t.payouts.paymentsOf(runId, false);
      let commissions = 0;
      for (const payout of payouts) {
        // The statement paid and the carried-over ones before it whose money it includes.
        const statementIds = await t.statements.settledBy(
          payout.publisher_id,
          payout.statement_id,
          payout.period,
        );
        await t.statements.markPaid(statementIds, nowMs);
        await t.enforcementActions.settleOfStatements(statementIds, nowMs);
        const settled = await t.commissions.approvedOnStatements(statementIds);
        for (const commission of settled) {
          await changeCommission(
            t,
            commission,
            {
              kind: commission.kind as 'product' | 'bonus',
              amountMinor: commission.amount_minor,
              status: 'paid',
              reason: commission.reason,
              rule: commission.rule,
            },
            { actor, nowMs, event: `payout ${payout.id}`, decidedBy: commission.decided_by },
          );
          commissions += 1;
        }
        await t.payouts.markPaymentPaid(payout.id, nowMs);
        await t.events.append(
          [
            payoutPaid({
              id: payout.id,
              runId,
              publisherId: payout.publisher_id,
              statementIds,
              amountMinor: payout.amount_minor,
              currency: payout.currency,
            }),
          ],
          nowMs,
        );
      }
      await t.audit.record(
        {
          actor,
          action: 'payout_run.paid',
          subjectType: 'payout_run',
          subjectId: runId,
          details: {
            before: { status: run.status },
            after: { status: 'paid', paidAt: new Date(nowMs).toISOString() },
            payments: payouts.length,
            totalMinor: run.total_minor,
            commissionsPaid: commissions,
          },
        },
        nowMs,
      );
      return {
        run: runView({ ...run, status: 'paid', paid_at: nowMs }),
        changed: true,
        commissions,
      };
    });
  }
}

/**
 * Why a payout run has nothing to pay, in the words of what the statements say: none made yet,
 * every balance below its minimum payout (carried over), or everything paid or in a run already.
 */
async function nothingToPay(r: Repos): Promise<PayoutError> {
  const latest = await r.statements.latestPeriod();
  if (latest === undefined)
    return new PayoutError(
      'nothing_to_pay',
      'no statement has been made yet: make the month’s statements first (affnet statements create --period YYYY-MM)',
    );
  const rows = await r.statements.outcomesOf(latest);
  const carried = rows.filter((row) => row.status === 'carried_over');
  const parts: string[] = [];
  if (carried.length > 0) {
    const examples = carried
      .slice(0, 3)
      .map(
        (row) =>
          `EUR ${formatMinorUnits(row.balance_minor, 2)} below EUR ${formatMinorUnits(row.minimum_payout_minor, 2)}`,
      )
      .join(', ');
    parts.push(
      `${carried.length} statement(s) of ${latest} are below their publisher's minimum payout and carried over to next month (${examples})`,
    );
  }
  const settled = rows.length - carried.length;
  if (settled > 0)
    parts.push(`${settled} statement(s) of ${latest} are paid or in a payout run already`);
  return new PayoutError(
    'nothing_to_pay',
    `no statement is waiting for a payout: ${parts.join('; ')}`,
    [],
    { period: latest },
  );
}

/**
 * The VAT number a statement added VAT under, when the network has not verified it (null: no
 * VAT added, or the number is verified).
 */
function unverifiedVatNumber(statement: {
  vat_treatment: string | null;
  vat_minor: number;
  parties: string | null;
  vat_number_verified: string | null;
}): string | null {
  if (statement.vat_treatment !== 'domestic' || statement.vat_minor <= 0) return null;
  const issuedWith =
    statement.parties === null
      ? null
      : ((JSON.parse(statement.parties) as { publisher?: { vatNumber?: string | null } }).publisher
          ?.vatNumber ?? null);
  if (issuedWith !== null && issuedWith === statement.vat_number_verified) return null;
  return issuedWith ?? '(none on the statement)';
}
