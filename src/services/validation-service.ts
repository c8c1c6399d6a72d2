import type { CommissionStatus } from '../domain/ledger/plan-commission-change.js';
import type { Kysely } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { openFlagsOn } from '../storage/repositories/violations-rows.js';
import {
  isDeclineReason,
  DECLINE_REASONS,
  type DeclineReason,
} from '../domain/validation/decline-reasons.js';
import { decisionAtDeadline } from '../domain/validation/validation-deadline.js';
import { deadlineMayApprove } from '../domain/orders/report-proof.js';
import type { ReasonCode } from '../domain/engine/reasons.js';
import type { Quote } from '../domain/engine/quote.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { DomainError } from '../domain/errors.js';
import { parseCsv } from '../documents/csv.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import { changeCommission, CommissionChangeError } from './commission-ledger.js';
import { decisionWhileHeld, POLICY_REVIEW } from '../domain/ledger/compliance-hold.js';
import { moveReportShare } from './report-share.js';
import { repos } from '../storage/repositories/repos.js';
import type { ErrorCode } from '../domain/error-codes.js';

export class ValidationError extends DomainError {}

export type ValidationDecision = 'approve' | 'decline';

export interface ValidationRequest {
  orderNumber: string;
  decision: ValidationDecision;
  /** Required to decline: one of DECLINE_REASONS. */
  reason?: string | undefined;
}

export type ValidationOutcome =
  | {
      orderNumber: string;
      ok: true;
      /** false when the order already had this decision. */
      changed: boolean;
      commissions: { id: string; kind: string; status: string; amountMinor: number }[];
    }
  | { orderNumber: string; ok: false; code: ErrorCode; message: string };

/**
 * The rows of a validation CSV (`orderNumber,decision,reason`, columns in any order, reason
 * optional). Throws `invalid_csv` when the first line does not name the columns.
 */
export function parseValidationCsv(text: string): ValidationRequest[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((name) => name.trim());
  const at = (name: string) => columns.indexOf(name);
  if (at('orderNumber') < 0 || at('decision') < 0)
    throw new ValidationError(
      'invalid_csv',
      'the first line must name the columns: orderNumber,decision,reason',
    );
  return rows.map((cells) => ({
    orderNumber: (cells[at('orderNumber')] ?? '').trim(),
    decision: (cells[at('decision')] ?? '').trim() as ValidationDecision,
    reason: at('reason') < 0 ? undefined : (cells[at('reason')] ?? '').trim() || undefined,
  }));
}

/** Declines map to the engine reason whose rule the program cites (AE-Q2, Q3, C8). */
const ENGINE_REASON_OF_DECLINE: Partial<Record<DeclineReason, ReasonCode>> = {
  cancelled: 'order_cancelled',
  returned: 'order_refunded',
  fraud: 'fraud',
  out_of_stock: 'not_in_stock',
};

/** One commission of a program's transactions, as the advertiser's API reads it. */
export interface ProgramTransactionView {
  commissionId: string;
  orderNumber: string;
  placedAt: number;
  publisherId: string;
  siteId: string | null;
  kind: string;
  amountMinor: number;
  currency: string;
  status: string;
  reason: string | null;
  rule: string | null;
  validationDueAt: number | null;
  invoiceId: string | null;
  /** Who reported the order (its source). */
  source: string;
  reportDetails: string | null;
  /** Open compliance flags on the order or its click. */
  openFlags: number;
}

/** One commission of an advertiser's programs, as its console lists it. */
export interface AdvertiserTransactionView {
  orderNumber: string;
  placedAt: number;
  programId: string;
  programName: string;
  siteName: string | null;
  /** The site's address, when the commission is credited to a site. */
  siteUrl: string | null;
  kind: string;
  amountMinor: number;
  status: string;
  reason: string | null;
  rule: string | null;
  /** Who decided it (`user:…`, `validation_deadline`, …); null when nobody has. */
  decidedBy: string | null;
  validationDueAt: number | null;
  source: string;
  reportDetails: string | null;
  openFlags: number;
}

/**
 * Validation: the advertiser approves or declines transactions (one, many, or a CSV), and the
 * program's deadline rule decides what is still pending at its deadline. Every decision moves
 * the commissions' money in the ledger in the same transaction.
 */
export class ValidationService {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
  ) {}

  /** A program's transactions for its advertiser, optionally of one status. */
  async transactionsOfProgram(
    programId: string,
    status: string | undefined,
    limit: number,
  ): Promise<ProgramTransactionView[]> {
    const rows = await repos(this.store).commissions.ofProgram(
      programId,
      commissionStatusOrThrow(status),
      limit,
    );
    return rows.map((row) => ({
      commissionId: row.id,
      orderNumber: row.order_number,
      placedAt: row.placed_at,
      publisherId: row.publisher_id,
      siteId: row.site_id,
      kind: row.kind,
      amountMinor: row.amount_minor,
      currency: row.currency,
      status: row.status,
      reason: row.reason,
      rule: row.rule,
      validationDueAt: row.validation_due_at,
      invoiceId: row.invoice_id,
      source: row.source,
      reportDetails: row.report_details,
      openFlags: Number(row.open_flags),
    }));
  }

  /** The transactions of every program of an advertiser (the console's list). */
  async transactionsOfAdvertiser(
    advertiserId: string,
    status: string | undefined,
    limit = 500,
    orderNumber?: string,
  ): Promise<AdvertiserTransactionView[]> {
    const rows = await repos(this.store).commissions.ofAdvertiser(
      advertiserId,
      commissionStatusOrThrow(status),
      limit,
      orderNumber,
    );
    return rows.map((row) => ({
      orderNumber: row.order_number,
      placedAt: row.placed_at,
      programId: row.program_id,
      programName: row.program_name,
      siteName: row.site_name,
      siteUrl: row.site_url,
      kind: row.kind,
      amountMinor: row.amount_minor,
      status: row.status,
      reason: row.reason,
      rule: row.rule,
      decidedBy: row.decided_by,
      validationDueAt: row.validation_due_at,
      source: row.source,
      reportDetails: row.report_details,
      openFlags: Number(row.open_flags),
    }));
  }

  /** Decides many orders of one program; each row succeeds or fails on its own. */
  async validate(
    programId: string,
    requests: readonly ValidationRequest[],
    actor: string,
    nowMs: number,
    onProgress?: (done: number) => void,
  ): Promise<ValidationOutcome[]> {
    const terms = await this.terms.ofProgramOrThrow(programId);
    const outcomes: ValidationOutcome[] = [];
    // One transaction per order: a refused row leaves the others decided.
    for (const request of requests) {
      try {
        outcomes.push(
          await this.store.db
            .transaction()
            .execute((trx) => this.#decide(trx, programId, terms, request, actor, nowMs)),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({
          orderNumber: request.orderNumber,
          ok: false,
          code: error.code,
          message: error.message,
        });
      }
      if (outcomes.length % 100 === 0) onProgress?.(outcomes.length);
    }
    onProgress?.(outcomes.length);
    return outcomes;
  }

  async #decide(
    trx: Kysely<Database>,
    programId: string,
    terms: ProgramTerms,
    request: ValidationRequest,
    actor: string,
    nowMs: number,
  ): Promise<ValidationOutcome> {
    const { orderNumber, decision } = request;
    if (decision !== 'approve' && decision !== 'decline')
      throw new ValidationError(
        'invalid_decision',
        `decision must be "approve" or "decline", got "${String(decision)}"`,
      );
    let reason: DeclineReason | null = null;
    if (decision === 'decline') {
      if (request.reason === undefined || !isDeclineReason(request.reason))
        throw new ValidationError(
          'invalid_decline_reason',
          `a decline needs a reason, one of ${DECLINE_REASONS.join(', ')}${request.reason === undefined ? '' : `; got "${request.reason}"`}`,
          [],
          { reasons: DECLINE_REASONS.join(', ') },
        );
      reason = request.reason;
    }
    const order = await repos(this.store, trx).orders.findForUpdate(programId, orderNumber);
    if (order === undefined)
      throw new ValidationError('unknown_order', `no order "${orderNumber}" in this program`);
    if (decision === 'approve' && order.quote_status === 'disqualified') {
      // The reasons say which rule: the program's terms, or the network's (a pixel report its
      // checksum does not cover, NET-R1: never payable).
      const reasons = (JSON.parse(order.quote) as Quote).reasons.join(', ');
      throw new ValidationError(
        'order_disqualified',
        `order "${orderNumber}" is disqualified (${reasons}); it cannot be approved`,
        [],
        { reasons },
      );
    }
    if (decision === 'approve') {
      // An approval never overrides a compliance flag (docs/compliance.md): while a flag on the
      // order or its click is open the order waits for its review, as at its deadline, so the
      // advertiser is never told "approved" for money the scan holds.
      const flags = await openFlagsOn(trx, order.id);
      if (flags.length > 0) {
        const list = flags.map((flag) => `${flag.detector} ${flag.rule}`).join(', ');
        throw new ValidationError(
          'order_flagged',
          `order "${orderNumber}" has an open compliance flag (${list}): review it under Compliance first (dismiss it to release the order, confirm it to keep the money held); the order was not approved`,
          [],
          { flags: list },
        );
      }
    }
    const commissions = await repos(this.store, trx).commissions.ofOrder(order.id);
    if (commissions.length === 0)
      throw new ValidationError(
        'order_not_attributed',
        `order "${orderNumber}" is not attributed to a publisher (${order.attribution}); there is nothing to validate`,
      );
    let changed = false;
    for (const commission of commissions) {
      // A hold suspends the decision (NET-R8): an approval waits for the flag's review; a
      // decline applies at once (it ends the hold).
      if (commission.status === 'held' && decisionWhileHeld(decision) === 'refuse')
        throw new ValidationError(
          'commission_held',
          commission.reason === POLICY_REVIEW
            ? `order "${orderNumber}" is held for a compliance review (${commission.rule ?? 'policy'}): confirm or dismiss its flag under Compliance first; the order was not approved`
            : `order "${orderNumber}" is held (${commission.reason ?? 'held'}): import the exchange rates it needs first`,
        );
      const engineReason = reason === null ? undefined : ENGINE_REASON_OF_DECLINE[reason];
      try {
        changed =
          (await changeCommission(
            repos(this.store, trx),
            commission,
            {
              kind: commission.kind as 'product' | 'bonus',
              amountMinor: commission.amount_minor,
              status: decision === 'approve' ? 'approved' : 'declined',
              reason,
              rule:
                engineReason === undefined
                  ? commission.rule
                  : (terms.reasonRules[engineReason] ?? commission.rule),
            },
            { actor, nowMs, event: `validation_${decision}`, decidedBy: actor },
          )) || changed;
      } catch (error) {
        if (error instanceof CommissionChangeError)
          throw new ValidationError(
            'commission_paid',
            `order "${orderNumber}" is already paid out; its commission can no longer change`,
          );
        throw error;
      }
    }
    const after = await repos(this.store, trx).commissions.ofOrder(order.id);
    // A declined order leaves the dashboards' orders and commission; an approval after a
    // decline puts it back.
    await moveReportShare(trx, order, commissions, after);
    return {
      orderNumber,
      ok: true,
      changed,
      commissions: after.map((c) => ({
        id: c.id,
        kind: c.kind,
        status: c.status,
        amountMinor: c.amount_minor,
      })),
    };
  }

  /**
   * Applies the deadline rule of the terms each order was recorded under to pending
   * transactions whose validation deadline has passed: approve, decline (`other`, decided by `validation_deadline`) or leave them
   * (still listed by `overdue`). An order that carries an open compliance flag is left for the
   * advertiser to decide (or to review the flag), whatever the rule; so is a pixel order whose
   * priced fields were not all signed, where the rule would approve it (NET-R6).
   */
  async applyDeadlines(
    nowMs: number,
    { batch = 5_000 }: { batch?: number } = {},
  ): Promise<{ approved: number; declined: number }> {
    const counts = { approved: 0, declined: 0 };
    // Page on (order number, program) through every due order: orders a rule leaves pending
    // (`atDeadline: none`) stay due for ever and must not fill every page ahead of the others.
    let after: { program_id: string; order_number: string } | undefined;
    for (;;) {
      const due = await repos(this.store).commissions.dueAtDeadline(nowMs, after, batch);
      await this.#decideAtDeadline(due, nowMs, counts);
      if (due.length < batch) return counts;
      after = due[due.length - 1];
    }
  }

  /** Applies the deadline rule of each order's terms to these due orders, one transaction each. */
  async #decideAtDeadline(
    due: readonly {
      program_id: string;
      order_number: string;
      terms_id: string | null;
      source: string;
      report_details: string | null;
    }[],
    nowMs: number,
    counts: { approved: number; declined: number },
  ): Promise<void> {
    for (const row of due) {
      // The rule of the terms the order was placed under, not of terms published later.
      const terms = await this.terms.ofOrderOrThrow(row);
      const status = decisionAtDeadline(terms);
      if (status === null) continue;
      // NET-R6, read with the page (a report only ever proves more, so the check below, under
      // the order's lock, is the one that counts): no transaction for an order left waiting.
      if (status === 'approved' && !deadlineMayApprove(row.source, row.report_details)) continue;
      await this.store.db.transaction().execute(async (trx) => {
        const order = await repos(this.store, trx).orders.findForUpdate(
          row.program_id,
          row.order_number,
        );
        if (order === undefined) return;
        // NET-R6: a pixel order whose priced fields were not all signed (v05) waits for the
        // advertiser; the deadline never approves it.
        if (status === 'approved' && !deadlineMayApprove(order.source, order.report_details))
          return;
        const before = await repos(this.store, trx).commissions.ofOrder(order.id);
        for (const commission of before) {
          if (commission.status !== 'pending') continue;
          if (commission.validation_due_at === null || commission.validation_due_at > nowMs)
            continue;
          const changed = await changeCommission(
            repos(this.store, trx),
            commission,
            {
              kind: commission.kind as 'product' | 'bonus',
              amountMinor: commission.amount_minor,
              status,
              reason: status === 'declined' ? 'other' : null,
              rule: commission.rule,
            },
            {
              actor: 'validation_deadline',
              nowMs,
              event: 'validation_deadline',
              decidedBy: 'validation_deadline',
            },
          );
          if (changed) counts[status === 'approved' ? 'approved' : 'declined'] += 1;
        }
        if (status === 'declined')
          await moveReportShare(
            trx,
            order,
            before,
            await repos(this.store, trx).commissions.ofOrder(order.id),
          );
      });
    }
  }

  /**
   * Pending transactions past their deadline that no rule decides, or that wait for a person
   * because of open compliance flags (`open_flags`): for the network admin.
   */
  async overdue(nowMs: number, limit = 100) {
    return repos(this.store).commissions.overdue(nowMs, limit);
  }

  /** The overdue commissions (see overdue) as routes and pages read them. */
  async overdueView(nowMs: number, limit = 100): Promise<OverdueValidationView[]> {
    return (await this.overdue(nowMs, limit)).map((row) => ({
      commissionId: row.id,
      programId: row.program_id,
      publisherId: row.publisher_id,
      orderNumber: row.order_number,
      amountMinor: row.amount_minor,
      validationDueAt: row.validation_due_at,
      openFlags: Number(row.open_flags),
    }));
  }
}

/** A pending commission past its validation deadline, with the open flags that hold it. */
export interface OverdueValidationView {
  commissionId: string;
  programId: string;
  publisherId: string;
  orderNumber: string;
  amountMinor: number;
  validationDueAt: number | null;
  openFlags: number;
}

const COMMISSION_STATUSES: readonly CommissionStatus[] = [
  'pending',
  'approved',
  'declined',
  'held',
  'paid',
];

function commissionStatusOrThrow(status: string | undefined): CommissionStatus | undefined {
  if (status === undefined || status === '') return undefined;
  if (!COMMISSION_STATUSES.includes(status as CommissionStatus))
    throw new ValidationError(
      'invalid_parameter',
      `status: expected one of ${COMMISSION_STATUSES.join(', ')}`,
    );
  return status as CommissionStatus;
}
