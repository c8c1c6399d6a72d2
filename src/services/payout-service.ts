import { repos } from '../storage/repositories/repos.js';
import type { Kysely, Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database, PayoutRunsTable, PayoutsTable } from '../storage/schema.js';
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

export type PayoutRun = Selectable<PayoutRunsTable>;
export type Payout = Selectable<PayoutsTable>;

export class PayoutError extends DomainError {}

export interface SkippedStatement {
  statementId: string;
  publisherId: string;
  reason: string;
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
  constructor(private readonly store: Store) {}

  async createRun(input: RunInput): Promise<RunResult> {
    if (!DATE.test(input.executionDate) || Number.isNaN(Date.parse(input.executionDate)))
      throw new PayoutError(
        'invalid_execution_date',
        `execution date must be YYYY-MM-DD, got "${input.executionDate}"`,
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
    return this.store.db.transaction().execute(async (trx) => {
      const candidates = await trx
        .selectFrom('statements')
        .innerJoin('publishers', 'publishers.id', 'statements.publisher_id')
        .leftJoin('payouts', 'payouts.statement_id', 'statements.id')
        .select([
          'statements.id',
          'statements.publisher_id',
          'statements.period',
          'statements.payout_minor',
          'statements.currency',
          'statements.vat_treatment',
          'statements.vat_minor',
          'statements.parties',
          'publishers.vat_number_verified',
          'publishers.name',
          'publishers.payout_name',
          'publishers.iban',
        ])
        .where('statements.status', '=', 'payable')
        .where('payouts.id', 'is', null)
        .orderBy('statements.period')
        .orderBy('statements.publisher_id')
        .execute();
      if (candidates.length === 0) throw await nothingToPay(trx);
      const withheld = new Set(
        (
          await trx
            .selectFrom('enforcement_actions')
            .select('publisher_id')
            .where('kind', '=', 'withhold')
            .where('status', '=', 'active')
            // A program's withholding is already kept out of the statement; only the
            // network's own (no program) stops the whole payout.
            .where('program_id', 'is', null)
            .execute()
        ).map((row) => row.publisher_id),
      );
      // Carried-over statements that added VAT (few: balances below a minimum), read once for
      // every candidate below rather than once each.
      const carriedVatStatements = await trx
        .selectFrom('statements')
        .select(['publisher_id', 'period', 'vat_treatment', 'vat_minor', 'parties'])
        .where('status', '=', 'carried_over')
        .where('vat_treatment', '=', 'domestic')
        .where('vat_minor', '>', 0)
        .execute();
      const runId = newId('payoutRun', input.nowMs);
      const payouts: Payout[] = [];
      const skipped: SkippedStatement[] = [];
      for (const statement of candidates) {
        const skip = (reason: string) =>
          skipped.push({ statementId: statement.id, publisherId: statement.publisher_id, reason });
        if (withheld.has(statement.publisher_id)) {
          skip('payments withheld by an enforcement action (AE-E1 c)');
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
      const run: PayoutRun = {
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
      await trx.insertInto('payout_runs').values(run).execute();
      await repos(trx).audit.record(
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
      for (let i = 0; i < payouts.length; i += 500)
        await trx
          .insertInto('payouts')
          .values(payouts.slice(i, i + 500))
          .execute();
      return { run, payouts, skipped };
    });
  }

  async findRun(runId: string): Promise<{ run: PayoutRun; payouts: Payout[] }> {
    const run = await this.store.db
      .selectFrom('payout_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    if (run === undefined) throw new PayoutError('unknown_payout_run', `no payout run "${runId}"`);
    const payouts = await this.store.db
      .selectFrom('payouts')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id')
      .execute();
    return { run, payouts };
  }

  async listRuns(): Promise<PayoutRun[]> {
    return this.store.db.selectFrom('payout_runs').selectAll().orderBy('id', 'desc').execute();
  }

  /** The run as a SEPA credit transfer (pain.001.001.03) for the network's bank. */
  async sepaFile(runId: string, debtor: Debtor, nowMs: number, actor = 'system'): Promise<string> {
    const { run, payouts } = await this.findRun(runId);
    if (payouts.length === 0)
      throw new PayoutError('empty_payout_run', `payout run ${runId} has no payments`);
    // The remittance names the statement's number: self-billing, it is the invoice paid.
    const numbers = new Map(
      (
        await this.store.db
          .selectFrom('statements')
          .select(['id', 'number'])
          .where(
            'id',
            'in',
            payouts.map((payout) => payout.statement_id),
          )
          .execute()
      ).map((row) => [row.id, row.number]),
    );
    const payments: SepaPayment[] = payouts.map((payout) => {
      const number = numbers.get(payout.statement_id);
      return {
        endToEndId: payout.id,
        creditorName: payout.name,
        creditorIban: payout.iban,
        amountMinor: payout.amount_minor,
        remittance:
          number === null || number === undefined
            ? `affnet statement ${payout.period} ${payout.statement_id}`
            : `affnet statement ${number} (${payout.period})`,
      };
    });
    let file: string;
    try {
      file = buildPain001({
        messageId: run.id,
        paymentInfoId: `${run.id}-1`,
        createdAt: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        executionDate: run.execution_date,
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
    await this.store.db.transaction().execute(async (trx) => {
      const exported = await trx
        .updateTable('payout_runs')
        .set({ status: 'exported' })
        .where('id', '=', runId)
        .where('status', '=', 'created')
        .executeTakeFirst();
      if (Number(exported.numUpdatedRows) === 0) return;
      await repos(trx).audit.record(
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
            totalMinor: run.total_minor,
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
        payout.statement_id,
        payout.period,
        payout.publisher_id,
        payout.name,
        payout.iban,
        formatMinorUnits(payout.amount_minor, 2),
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
    return this.store.db.transaction().execute(async (trx) => {
      const run = await trx
        .selectFrom('payout_runs')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirst();
      if (run === undefined)
        throw new PayoutError('unknown_payout_run', `no payout run "${runId}"`);
      if (run.status === 'paid') return { run, changed: false, commissions: 0 };
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
      const claimed = await trx
        .updateTable('payout_runs')
        .set({ status: 'paid', paid_at: nowMs })
        .where('id', '=', runId)
        .where('status', '=', 'exported')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return { run, changed: false, commissions: 0 };
      const payouts = await trx
        .selectFrom('payouts')
        .selectAll()
        .where('run_id', '=', runId)
        .execute();
      let commissions = 0;
      for (const payout of payouts) {
        // The statement paid and the carried-over ones before it whose money it includes.
        const statements = await trx
          .selectFrom('statements')
          .select('id')
          .where('publisher_id', '=', payout.publisher_id)
          .where((eb) =>
            eb.or([
              eb('id', '=', payout.statement_id),
              eb.and([eb('status', '=', 'carried_over'), eb('period', '<', payout.period)]),
            ]),
          )
          .execute();
        const statementIds = statements.map((row) => row.id);
        await trx
          .updateTable('statements')
          .set({ status: 'paid', paid_at: nowMs })
          .where('id', 'in', statementIds)
          .execute();
        await trx
          .updateTable('enforcement_actions')
          .set({ status: 'settled', ended_at: nowMs })
          .where('statement_id', 'in', statementIds)
          .where('status', '=', 'active')
          .execute();
        const settled = await trx
          .selectFrom('commissions')
          .selectAll()
          .where('statement_id', 'in', statementIds)
          .where('status', '=', 'approved')
          .execute();
        for (const commission of settled) {
          await changeCommission(
            trx,
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
        await trx
          .updateTable('payouts')
          .set({ status: 'paid', paid_at: nowMs })
          .where('id', '=', payout.id)
          .execute();
      }
      await repos(trx).audit.record(
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
      return { run: { ...run, status: 'paid', paid_at: nowMs }, changed: true, commissions };
    });
  }
}

/**
 * Why a payout run has nothing to pay, in the words of what the statements say: none made yet,
 * every balance below its minimum payout (carried over), or everything paid or in a run already.
 */
async function nothingToPay(trx: Kysely<Database>): Promise<PayoutError> {
  const latest = await trx
    .selectFrom('statements')
    .select('period')
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest === undefined)
    return new PayoutError(
      'nothing_to_pay',
      'no statement has been made yet: make the month’s statements first (affnet statements create --period YYYY-MM)',
    );
  const rows = await trx
    .selectFrom('statements')
    .innerJoin('publishers', 'publishers.id', 'statements.publisher_id')
    .select(['statements.status', 'statements.balance_minor', 'publishers.minimum_payout_minor'])
    .where('statements.period', '=', latest.period)
    .execute();
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
      `${carried.length} statement(s) of ${latest.period} are below their publisher's minimum payout and carried over to next month (${examples})`,
    );
  }
  const settled = rows.length - carried.length;
  if (settled > 0)
    parts.push(`${settled} statement(s) of ${latest.period} are paid or in a payout run already`);
  return new PayoutError(
    'nothing_to_pay',
    `no statement is waiting for a payout: ${parts.join('; ')}`,
    [],
    { period: latest.period },
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
