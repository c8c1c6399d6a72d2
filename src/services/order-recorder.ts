import type { Kysely } from 'kysely';
import { savepointRunner } from '../storage/savepoints.js';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import type { ErrorCode } from '../domain/error-codes.js';
import { type StoredOrder } from '../storage/repositories/orders-repository.js';
import { REATTRIBUTED } from '../storage/repositories/commissions-repository.js';
import type { CommissionStatus } from '../domain/ledger/plan-commission-change.js';
import {
  reportRefusalsOf,
  type Order,
  type ReportRefusalCode,
} from '../domain/orders/parse-order.js';
import type { Quote } from '../domain/engine/quote.js';
import { refusePixelUnlessRepeat, ReportRefusedError } from './report-authority.js';
import { supersedes } from '../domain/orders/report-proof.js';
import { addOrderToReport as addToReport } from '../storage/repositories/report-rollups.js';
import { countsAsConversion, reportShare } from '../domain/reports/performance.js';
import { detectOverLimit, type Flag } from '../domain/compliance/detect-traffic.js';
import { insertViolations } from '../storage/repositories/violations-rows.js';
import { newId } from '../storage/ids.js';
import { formatClickId } from '../storage/click-ids.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import {
  commissionTargets,
  heldReport,
  linesOf,
  newCommission,
  orderFactsOf,
  reportContext,
  reportedColumns,
  reportRows,
  type ReportRows,
} from './order-rows.js';
import { changeCommission, CommissionChangeError, createCommission } from './commission-ledger.js';
import { POLICY_REVIEW } from '../domain/ledger/compliance-hold.js';
import { repos } from '../storage/repositories/repos.js';
import { orderEvent } from '../domain/events/events.js';

export { CommissionChangeError } from './commission-ledger.js';

/** The code of a report priced under other terms than those its stored order was recorded under. */
export const ORDER_TERMS_DIFFER = 'order_terms_differ' satisfies ErrorCode;
export { ReportRefusedError } from './report-authority.js';

/** Who an order is credited to, or why it is credited to nobody. */
export interface Attribution {
  publisherId: string | null;
  siteId: string | null;
  clickId: number | null;
  /** The click's ad and sub id, for reports. */
  adId?: string | null;
  epi?: string | null;
  /** `attributed`, or the reason it is not (`no_click`, `session_expired`, …). */
  status: string;
  /** Flags of the click that hold the order's commissions for review (`policy_review`). */
  holds?: readonly Flag[];
}

/**
 * Which door a report came through: the anonymous pixel or the advertiser's API key; `system`
 * re-prices a stored order as it is (new exchange rates) and never creates one.
 */
export type ReportSource = 'pixel' | 'api' | 'system';

/**
 * Who set an order's attribution: the advertiser's `clickId`, the pixel's tduid, the cookie, or
 * a voucher code exclusive to the credited site (issue 29).
 */
export type AttributedBy = 'advertiser' | 'pixel' | 'cookie' | 'voucher';

/** The attribution status of an order credited by its voucher code. */
export const VOUCHER_ATTRIBUTION = 'voucher_code';

export interface RecordOrderInput {
  source: ReportSource;
  /** Null when the order is attributed to nobody. */
  attributedBy: AttributedBy | null;
  programId: string;
  terms: ProgramTerms;
  termsId: string | null;
  /** The document as reported (stored whole; an identical re-report changes nothing). */
  document: unknown;
  order: Order;
  quote: Quote;
  attribution: Attribution;
  actor: string;
  nowMs: number;
  /** JSON: what a pixel report said beyond the order (orders.report_details). */
  reportDetails?: string;
}

/**
 * A change to a stored order: builds the new report from the document as stored now and the
 * refusals its report arrived with (kept: NET-R1, NET-R2).
 */
export type OrderChange = (
  storedDocument: unknown,
  refusals: readonly ReportRefusalCode[],
) => RecordOrderInput;

/**
 * A report ready to record: the rows it writes (built before its transaction) and, for the
 * paths that need more than rows (commissions, re-reports), the report itself.
 */
export interface PreparedReport {
  rows: ReportRows;
  attribution: Attribution;
  /** The report; its document is in the rows, so it need not come along. */
  facts: () => ReportFacts;
}

/** A report as the recorder reads it once its rows are built. */
export type ReportFacts = Omit<RecordOrderInput, 'document'>;

/** Prepares a report in the recording thread (see PreparedReport). */
export function prepareReport(input: RecordOrderInput): PreparedReport {
  return { rows: reportRows(input), attribution: input.attribution, facts: () => input };
}

interface Queued {
  programId: string;
  orderNumber: string;
  report?: PreparedReport;
  change?: OrderChange;
  resolve: (result: RecordOrderResult) => void;
  reject: (error: unknown) => void;
}

export interface RecordOrderResult {
  orderId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  attribution: Attribution;
}

/**
 * Stores orders with their lines, commissions and ledger entries, one transaction per report.
 * Idempotent: an order is unique per (program, orderNumber); a repeated identical report
 * changes nothing, a changed one from the advertiser is re-priced and the ledger gets the
 * difference, never a second commission; a changed one from the pixel is refused.
 */
export class OrderRecorder {
  #queue: Queued[] = [];
  #flushing = false;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 200,
  ) {}

  /**
   * Records one report. Reports arriving together share one transaction (group commit: one
   * disk sync for many orders), each inside its own savepoint, so one that fails is rolled back
   * alone and the others still commit.
   */
  record(input: RecordOrderInput): Promise<RecordOrderResult> {
    return this.recordPrepared(prepareReport(input));
  }

  /** Records a report whose rows were built elsewhere (the writer thread's requests). */
  recordPrepared(report: PreparedReport): Promise<RecordOrderResult> {
    const { program_id: programId, order_number: orderNumber } = report.rows.order;
    return this.#enqueue(programId, orderNumber, { report });
  }

  /**
   * Changes a stored order (a status update, a partial refund): `change` runs inside the
   * order's transaction, with the order locked, on the document as stored at that moment, so
   * concurrent changes to one order are applied one after the other and none is lost.
   */
  change(programId: string, orderNumber: string, change: OrderChange): Promise<RecordOrderResult> {
    return this.#enqueue(programId, orderNumber, { change });
  }

  #enqueue(
    programId: string,
    orderNumber: string,
    what: { report?: PreparedReport; change?: OrderChange },
  ): Promise<RecordOrderResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ programId, orderNumber, ...what, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      // A stable sort by order keeps one lock order across processes (no deadlock between two
      // nodes' batches) and keeps repeated reports of one order in arrival order.
      const batch = this.#queue.splice(0, this.maxBatch).sort(compareOrderLockKeys);
      const settled: (() => void)[] = [];
      try {
        await this.store.db.transaction().execute(async (trx) => {
          const savepoint = this.#savepoints(trx);
          for (const item of batch) {
            await savepoint('SAVEPOINT order_report');
            try {
              const result = await this.#apply(trx, item);
              await savepoint('RELEASE SAVEPOINT order_report');
              settled.push(() => item.resolve(result));
            } catch (error) {
              await savepoint('ROLLBACK TO SAVEPOINT order_report');
              await savepoint('RELEASE SAVEPOINT order_report');
              settled.push(() => item.reject(error));
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of this batch is stored.
        for (const item of batch) item.reject(error);
        continue;
      }
      for (const settle of settled) settle();
    }
    this.#flushing = false;
  }

  /**
   * Runs a savepoint statement in the batch's transaction: on SQLite straight on the handle the
   * transaction runs on (prepared once), as Kysely would compile it anew for every order.
   */
  #savepoints(trx: Kysely<Database>): (statement: string) => Promise<unknown> {
    return savepointRunner(this.store, trx);
  }

  /** Validation: approve, decline or hold one commission, with the ledger moves it implies. */
  async setCommissionStatus(
    commissionId: string,
    status: CommissionStatus,
    change: { reason: string; rule: string | null; actor: string; nowMs: number },
  ): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const commissions = repos(this.store, trx).commissions;
      const commission = await commissions.find(commissionId);
      if (commission === undefined)
        throw new CommissionChangeError('unknown_commission', `no commission ${commissionId}`);
      await changeCommission(
        repos(this.store, trx),
        commission,
        {
          kind: commission.kind as 'product',
          amountMinor: commission.amount_minor,
          status,
          reason: change.reason,
          rule: change.rule,
        },
        { actor: change.actor, nowMs: change.nowMs, event: change.reason, decidedBy: change.actor },
      );
    });
  }

  async #apply(trx: Kysely<Database>, item: Queued): Promise<RecordOrderResult> {
    if (item.report !== undefined) return this.#record(trx, item.report);
    const orders = repos(this.store, trx).orders;
    const stored = await orders.findForUpdate(item.programId, item.orderNumber);
    if (stored === undefined)
      throw new ReportRefusedError(
        'order_not_found',
        `no order "${item.orderNumber}" in program ${item.programId}: report it first with POST …/orders`,
      );
    const refusals = reportRefusalsOf((JSON.parse(stored.quote) as Quote).reasons);
    return this.#record(
      trx,
      prepareReport(item.change!(JSON.parse(stored.document), refusals)),
      stored,
    );
  }

  /**
   * Records a report in the caller's transaction. `locked`: the stored order a change was
   * built from, already read under its lock (nothing to insert, nothing to read again).
   */
  async #record(
    trx: Kysely<Database>,
    report: PreparedReport,
    locked?: StoredOrder,
  ): Promise<RecordOrderResult> {
    const orders = repos(this.store, trx).orders;
    const { rows } = report;
    const created = locked === undefined && (await orders.insertIfNew(rows.order));
    if (created) {
      // A new order: nothing to compare with, so no reads (the hot path of the order API); an
      // order credited to nobody needs nothing but its rows.
      await orders.insertLines(rows.lines);
      await orders.insertPricingInputs(rows.pricing);
      const { attribution } = report;
      if (attribution.publisherId !== null) {
        const input = report.facts();
        const overLimit = await this.#countOnClick(trx, input, rows.order.id);
        const credited =
          overLimit === undefined
            ? attribution
            : { ...attribution, holds: [overLimit, ...(attribution.holds ?? [])] };
        await repos(this.store, trx).events.append(
          [
            orderEvent('order.created', {
              ...orderFactsOf(rows.order, input.terms.currency),
              publisherId: attribution.publisherId,
              siteId: attribution.siteId,
              event: input.order.event ?? 'sale',
            }),
          ],
          input.nowMs,
        );
        for (const target of commissionTargets(
          input.terms,
          input.order,
          input.quote,
          credited,
          input.nowMs,
        )) {
          if (target.kind === 'bonus' && target.amountMinor === 0) continue; // no bonus, no row
          await createCommission(
            repos(this.store, trx),
            newCommission(rows.order.id, input, attribution),
            target,
            reportContext(input, 'order_reported'),
          );
        }
        await addToReport(trx, {
          programId: input.programId,
          siteId: attribution.siteId,
          adId: attribution.adId ?? null,
          epi: attribution.epi ?? null,
          placedAtMs: input.order.placedAtMs,
          orders: countsAsConversion(input.quote.status) ? 1 : 0,
          valueMinor: rows.order.value_minor,
          commissionMinor: rows.order.total_minor,
        });
      }
      return { orderId: rows.order.id, outcome: 'created', attribution };
    }
    // A re-report: only the difference is booked.
    const input = report.facts();
    const { order, quote } = input;
    const reported = reportedColumns(rows.order);
    const stored = locked ?? (await orders.findForUpdate(input.programId, order.orderNumber));
    if (stored === undefined) {
      throw new Error(`order ${order.orderNumber} vanished inside its transaction`);
    }
    // NET-R6: a signed report supersedes the undecided pixel order a weaker report stored.
    const superseding =
      input.source === 'pixel' &&
      stored.source === 'pixel' &&
      supersedes(rows.order.report_details, stored.report_details) &&
      (await this.#undecided(trx, stored));
    if (input.source === 'pixel' && !superseding) {
      // The pixel creates; only the advertiser amends: a repeat changes nothing, nor is it read
      // further (the order, its money and its attribution stay as stored).
      refusePixelUnlessRepeat(stored, rows.order.document);
      return {
        orderId: stored.id,
        outcome: 'unchanged',
        attribution: attributionOf(stored),
      };
    }
    if (stored.terms_id !== null && stored.terms_id !== input.termsId)
      // An order keeps the terms it was recorded under (a later version never re-prices it or
      // changes its validation rule): the caller prices the report again under those terms.
      throw new ReportRefusedError(
        ORDER_TERMS_DIFFER,
        `order "${stored.order_number}" was recorded under terms ${stored.terms_id}; price its report under them`,
        [],
        { termsId: stored.terms_id },
      );
    const commissions = repos(this.store, trx).commissions;
    let reattributed = false;
    let overLimit: Flag | undefined;
    if (superseding) {
      // The weaker report's commissions are declined and kept on record (`reattributed`); the
      // signed report's attribution and price replace them, and it is counted on its click as a
      // first report is (NET-R4) in the weaker report's place.
      const replaced = { ...stored };
      await this.#reattribute(trx, stored, input, input.attributedBy);
      overLimit = await this.#recountOnClick(trx, replaced, input, stored.id);
      reattributed = true;
    } else if (
      input.source === 'api' &&
      input.attributedBy === 'advertiser' &&
      stored.attributed_by !== 'advertiser' &&
      input.attribution.clickId !== stored.click_id
    ) {
      // The advertiser names the click: its report is the truth, whatever the pixel said first.
      await this.#reattribute(trx, stored, input, 'advertiser');
      reattributed = true;
    }
    const holds = [
      ...(overLimit === undefined ? [] : [overLimit]),
      ...(reattributed ? (input.attribution.holds ?? []) : []),
    ];
    const attribution: Attribution = {
      ...attributionOf(stored),
      ...(holds.length > 0 ? { holds } : {}),
    };
    if (input.source === 'api' && stored.source !== 'api') {
      await orders.update(stored.id, { source: 'api' });
      stored.source = 'api';
    }
    // The advertiser's own full report (POST …/orders, not a status update: no stored order
    // handed in) replaces what the pixel said about the order, its checksum's proof with it
    // (NET-R6: such an order is the advertiser's word at its deadline).
    const replacesPixel =
      input.source === 'api' && locked === undefined && stored.report_details !== null;
    if (
      !reattributed &&
      !replacesPixel &&
      stored.document === reported.document &&
      stored.quote === reported.quote
    ) {
      return { orderId: stored.id, outcome: 'unchanged', attribution };
    }
    await orders.update(stored.id, {
      ...reported,
      ...(replacesPixel ? { report_details: null } : {}),
      revision: stored.revision + 1,
    });
    if (attribution.publisherId !== null)
      await repos(this.store, trx).events.append(
        [
          orderEvent('order.updated', {
            ...orderFactsOf({ ...stored, ...rows.order, id: stored.id }, input.terms.currency),
            publisherId: attribution.publisherId,
            siteId: attribution.siteId,
            event: order.event ?? 'sale',
          }),
        ],
        input.nowMs,
      );
    await orders.replaceLines(stored.id, linesOf(stored.id, rows.lines));
    await orders.savePricingInputs({
      ...rows.pricing,
      program_id: stored.program_id,
      order_id: stored.id,
      publisher_id: attribution.publisherId,
    });
    const existing = attribution.publisherId === null ? [] : await commissions.ofOrder(stored.id);
    if (attribution.publisherId !== null) {
      for (const target of commissionTargets(input.terms, order, quote, attribution, input.nowMs)) {
        const current = existing.find((commission) => commission.kind === target.kind);
        if (current === undefined) {
          if (target.kind === 'bonus' && target.amountMinor === 0) continue;
          await createCommission(
            repos(this.store, trx),
            newCommission(stored.id, input, attribution),
            target,
            reportContext(input, 'order_updated'),
          );
        } else {
          // A validation decision stands while the advertiser's reports are still provisional:
          // only a report that settles the order (completed, cancelled, refunded, fraud) moves it.
          // A compliance hold stands until its flag is dismissed, unless the order ends; the
          // report changes the decision the hold suspended instead (NET-R8).
          if (
            current.status === 'held' &&
            current.reason === POLICY_REVIEW &&
            target.status !== 'declined'
          ) {
            await changeCommission(
              repos(this.store, trx),
              current,
              heldReport(current, target, input.nowMs),
              {
                ...reportContext(input, 'order_updated'),
                decidedBy: current.decided_by,
              },
            );
            continue;
          }
          const decided = current.decided_by !== null && target.status === 'pending';
          await changeCommission(
            repos(this.store, trx),
            current,
            decided ? { ...target, status: current.status, reason: current.reason } : target,
            decided
              ? { ...reportContext(input, 'order_updated'), decidedBy: current.decided_by }
              : reportContext(input, 'order_updated'),
          );
        }
      }
    }
    if (stored.site_id !== null) {
      // Reports move with the order: its value and commission change where it was counted. A
      // cancellation, or a decline of all its commissions, takes the order out of the
      // conversions and its commission out of the figures; a reinstatement puts them back.
      const was = reportShare(
        { quoteStatus: stored.quote_status, totalMinor: stored.total_minor },
        existing.map((c) => c.status),
      );
      const is = reportShare(
        { quoteStatus: quote.status, totalMinor: rows.order.total_minor },
        attribution.publisherId === null
          ? []
          : (await commissions.ofOrder(stored.id)).map((c) => c.status),
      );
      await addToReport(trx, {
        programId: stored.program_id,
        siteId: stored.site_id,
        adId: stored.ad_id,
        epi: stored.epi,
        placedAtMs: stored.placed_at,
        orders: is.orders - was.orders,
        valueMinor: rows.order.value_minor - stored.value_minor,
        commissionMinor: is.commissionMinor - was.commissionMinor,
      });
    }
    return { orderId: stored.id, outcome: 'updated', attribution };
  }

  /**
   * Counts a new attributed conversion on its click when its event has a per-click limit
   * (NET-R4: one lead per click unless the terms say otherwise) and, beyond the limit, flags
   * it for review: the flag holds its money until a person releases it, and no validation
   * deadline decides it while the flag is open. A disqualified report earns nothing and is
   * not counted.
   */
  async #countOnClick(
    trx: Kysely<Database>,
    input: ReportFacts,
    orderId: string,
  ): Promise<Flag | undefined> {
    const { attribution, order, quote } = input;
    const { clickId } = attribution;
    if (clickId === null || !countsOnClick(input.terms, order.event, clickId, quote.status))
      return undefined;
    const event = input.terms.events.get(order.event!)!;
    const count = await repos(this.store, trx).clickConversions.countOne(clickId, event.id);
    const flag = detectOverLimit(event, count);
    if (flag === undefined) return undefined;
    const violationId = newId('violation', input.nowMs);
    await insertViolations(trx, this.store, [
      {
        id: violationId,
        program_id: input.programId,
        publisher_id: attribution.publisherId!,
        site_id: attribution.siteId,
        // The flag is the order's, not the click's: the conversions within the limit stay
        // payable (the click is named in the evidence).
        click_id: null,
        order_id: orderId,
        rule: flag.rule,
        detector: flag.detector,
        severity: flag.severity,
        evidence: JSON.stringify({
          ...flag.evidence,
          click: formatClickId(clickId),
          at: new Date(input.nowMs).toISOString(),
        }),
        status: 'open',
        created_at: input.nowMs,
      },
    ]);
    // As a hold by the scan: in the audit log, for the network admin.
    await repos(trx).audit.record(
      {
        actor: 'compliance',
        action: 'order.held',
        subjectType: 'order',
        subjectId: orderId,
        details: { violationId, rule: flag.rule },
      },
      input.nowMs,
    );
    return flag;
  }

  /**
   * Counts a signed report superseding a weaker one on its click (NET-R6 with NET-R4): the
   * weaker report's count, if it had one, is taken back unless both stand on the same click
   * (the order keeps its place there), and the signed report is counted as a first report is.
   * Without this, a disqualified copy sent first would let the signed lead escape the limit.
   */
  async #recountOnClick(
    trx: Kysely<Database>,
    replaced: StoredOrder,
    input: ReportFacts,
    orderId: string,
  ): Promise<Flag | undefined> {
    const storedEvent = (JSON.parse(replaced.document) as { event?: string }).event;
    const wasCounted =
      replaced.publisher_id !== null &&
      countsOnClick(input.terms, storedEvent, replaced.click_id, replaced.quote_status);
    const counts =
      input.attribution.publisherId !== null &&
      countsOnClick(input.terms, input.order.event, input.attribution.clickId, input.quote.status);
    if (
      wasCounted &&
      counts &&
      replaced.click_id === input.attribution.clickId &&
      storedEvent === input.order.event
    )
      return undefined;
    if (wasCounted)
      await repos(this.store, trx).clickConversions.uncountOne(replaced.click_id!, storedEvent!);
    return counts ? this.#countOnClick(trx, input, orderId) : undefined;
  }

  /**
   * Whether nobody has decided a stored order yet: none of its commissions was approved or
   * declined by a person or a deadline, invoiced, put on a statement or paid.
   */
  async #undecided(trx: Kysely<Database>, stored: StoredOrder): Promise<boolean> {
    const commissions = await repos(this.store, trx).commissions.ofOrder(stored.id);
    return commissions.every(
      (commission) =>
        commission.decided_by === null &&
        commission.invoice_id === null &&
        commission.statement_id === null &&
        commission.status !== 'approved' &&
        commission.status !== 'paid',
    );
  }

  /**
   * Moves an order to the click a report now names (the advertiser's report, or a signed pixel
   * report superseding a weaker one, NET-R6): the
   * first publisher's commissions are declined (`reattributed`, with their ledger reversals) and
   * stay on record, the order's counts move to the named click's site, and the re-report then
   * creates the new publisher's commissions. Money already invoiced, on a statement or paid is
   * never moved: such an order's attribution is locked.
   */
  async #reattribute(
    trx: Kysely<Database>,
    stored: StoredOrder,
    input: ReportFacts,
    attributedBy: AttributedBy | null,
  ): Promise<void> {
    const commissions = await repos(this.store, trx).commissions.ofOrder(stored.id);
    for (const commission of commissions)
      if (
        commission.status === 'paid' ||
        commission.invoice_id !== null ||
        commission.statement_id !== null
      )
        throw new ReportRefusedError(
          'attribution_locked',
          `order "${stored.order_number}" is already invoiced or paid to the publisher its first report named; its attribution can no longer change`,
        );
    for (const commission of commissions)
      await changeCommission(
        repos(this.store, trx),
        commission,
        {
          kind: commission.kind as 'product' | 'bonus',
          amountMinor: commission.amount_minor,
          status: 'declined',
          reason: REATTRIBUTED,
          rule: commission.rule,
        },
        { actor: input.actor, nowMs: input.nowMs, event: 'reattributed', decidedBy: null },
      );
    await repos(this.store, trx).commissions.detachFromOrder(commissions.map((c) => c.id));
    // The order leaves the first site with the share it counted there (none if its commissions
    // were all declined) and arrives at the named click's site uncounted by any decision.
    const move = (
      order: Pick<StoredOrder, 'site_id' | 'ad_id' | 'epi'>,
      sign: 1 | -1,
      statuses: readonly string[],
    ): Promise<void> => {
      const share = reportShare(
        { quoteStatus: stored.quote_status, totalMinor: stored.total_minor },
        statuses,
      );
      return addToReport(trx, {
        programId: stored.program_id,
        siteId: order.site_id,
        adId: order.ad_id,
        epi: order.epi,
        placedAtMs: stored.placed_at,
        orders: sign * share.orders,
        valueMinor: sign * stored.value_minor,
        commissionMinor: sign * share.commissionMinor,
      });
    };
    await move(
      stored,
      -1,
      commissions.map((c) => c.status),
    );
    const { attribution } = input;
    const next = {
      click_id: attribution.clickId,
      publisher_id: attribution.publisherId,
      site_id: attribution.siteId,
      ad_id: attribution.adId ?? null,
      epi: attribution.epi ?? null,
      attribution: attribution.status,
      attributed_by: attribution.clickId === null ? null : attributedBy,
    };
    const orders = repos(this.store, trx).orders;
    await orders.update(stored.id, next);
    await orders.movePricingInputs(stored.id, attribution.publisherId);
    Object.assign(stored, next);
    if (attribution.publisherId !== null) await move(stored, 1, []);
  }
}

/**
 * Whether a conversion is counted on its click (NET-R4): its event has a per-click limit, it
 * came through a click, and it was not disqualified (a disqualified report earns nothing).
 */
function countsOnClick(
  terms: ReportFacts['terms'],
  event: string | undefined,
  clickId: number | null,
  quoteStatus: string,
): boolean {
  const limit = event === undefined ? undefined : terms.events.get(event);
  return (
    limit !== undefined &&
    limit.perClick !== Infinity &&
    clickId !== null &&
    quoteStatus !== 'disqualified'
  );
}

/** The attribution an order was stored with. */
function attributionOf(stored: StoredOrder): Attribution {
  return {
    publisherId: stored.publisher_id,
    siteId: stored.site_id,
    clickId: stored.click_id,
    status: stored.attribution,
  };
}

/**
 * The one order in which a transaction locks several orders on PostgreSQL (program, then order
 * number): the recorder's batches and the compliance scan both lock in it, so they never
 * deadlock.
 */
export function compareOrderLockKeys(
  a: { programId: string; orderNumber: string },
  b: { programId: string; orderNumber: string },
): number {
  const left = `${a.programId} ${a.orderNumber}`;
  const right = `${b.programId} ${b.orderNumber}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
