import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import { changeCommission } from './commission-ledger.js';
import { openHoldingFlag } from './compliance-scanner.js';
import { suspendedDecisionOf } from './suspended-decisions.js';
import { POLICY_REVIEW } from '../domain/ledger/compliance-hold.js';
import { holdingDetectors, type Detector } from '../domain/compliance/detect-traffic.js';
import { repos } from '../storage/repositories/repos.js';

export class ViolationError extends DomainError {}

export interface QueueEntry {
  publisherId: string;
  publisherName: string;
  open: number;
  high: number;
  byDetector: Record<string, number>;
  examples: {
    id: string;
    detector: string;
    rule: string;
    severity: string;
    evidence: unknown;
    createdAt: number;
    /** The order a conversion flag is about (self purchase, fast conversion), if any. */
    orderNumber: string | null;
  }[];
}

/**
 * The review queue: flags rolled up per publisher with counts per detector and the latest
 * examples, for the advertiser's programs. A reviewer dismisses a flag (a false positive,
 * which releases orders it held) or confirms it, and then records an enforcement action.
 */
const SEVERITY_RANK: Readonly<Record<string, number>> = { high: 3, medium: 2, low: 1 };

export class ViolationsService {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
  ) {}

  async queue(programIds: readonly string[], examples = 5): Promise<QueueEntry[]> {
    if (programIds.length === 0) return [];
    const rows = await repos(this.store).violations.openInPrograms(programIds);
    const entries = new Map<string, QueueEntry>();
    const candidates = new Map<string, typeof rows>();
    for (const row of rows) {
      let entry = entries.get(row.publisher_id);
      if (entry === undefined) {
        entry = {
          publisherId: row.publisher_id,
          publisherName: row.name,
          open: 0,
          high: 0,
          byDetector: {},
          examples: [],
        };
        entries.set(row.publisher_id, entry);
        candidates.set(row.publisher_id, []);
      }
      entry.open += 1;
      if (row.severity === 'high') entry.high += 1;
      entry.byDetector[row.detector] = (entry.byDetector[row.detector] ?? 0) + 1;
      candidates.get(row.publisher_id)!.push(row);
    }
    // The examples a reviewer sees first: the most severe, those about an order (money) before
    // those about a click, one of each detector before a second of any, newest first, so
    // hundreds of click flags never hide an order's.
    for (const [publisherId, rowsOf] of candidates) {
      const ranked = [...rowsOf].sort(
        (a, b) =>
          (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0) ||
          Number(b.order_number !== null) - Number(a.order_number !== null),
      );
      const seen = new Set<string>();
      const firstOfEach = ranked.filter((row) => !seen.has(row.detector) && seen.add(row.detector));
      const picked = [...new Set([...firstOfEach, ...ranked])].slice(0, examples);
      entries.get(publisherId)!.examples = picked.map((row) => ({
        id: row.id,
        detector: row.detector,
        rule: row.rule,
        severity: row.severity,
        evidence: JSON.parse(row.evidence) as unknown,
        createdAt: row.created_at,
        orderNumber: row.order_number ?? null,
      }));
    }
    return [...entries.values()].sort((a, b) => b.high - a.high || b.open - a.open);
  }

  /** Marks a flag reviewed: `confirmed` stays on record; `dismissed` also releases held orders. */
  async review(
    violationId: string,
    programIds: readonly string[],
    outcome: 'confirmed' | 'dismissed',
    actor: string,
    nowMs: number,
  ): Promise<void> {
    // Read before the transaction: SQLite has one connection.
    const found = await repos(this.store).violations.find(violationId);
    const terms =
      found === undefined ? undefined : await this.terms.ofProgramOrThrow(found.program_id);
    await repos(this.store).transaction(async (t) => {
      const violation = await t.violations.find(violationId);
      if (violation === undefined || !programIds.includes(violation.program_id))
        throw new ViolationError('unknown_violation', `no flag "${violationId}" in your programs`);
      if (violation.status !== 'open')
        throw new ViolationError(
          'violation_reviewed',
          `flag ${violationId} is already ${violation.status}`,
          [],
          { status: violation.status },
        );
      await t.violations.setStatus(violationId, outcome);
      const hold = terms === undefined ? [] : holdingDetectors(terms.file.compliance);
      if (outcome === 'dismissed' && hold.includes(violation.detector as Detector)) {
        // The orders this flag touched: its own order's, or (a click's flag) its click's.
        const orders = await t.orders.touchedByFlag({
          orderId: violation.order_id,
          clickId: violation.click_id,
        });
        for (const order of orders) {
          // Another open flag the program holds for keeps the order held.
          if (
            (await openHoldingFlag(
              t,
              hold,
              { clickId: order.click_id, orderId: order.id },
              violation.id,
            )) !== undefined
          )
            continue;
          await t.orders.lockById(order.id);
          for (const commission of await t.commissions.ofOrder(order.id)) {
            if (commission.status !== 'held' || commission.reason !== POLICY_REVIEW) continue;
            // The decision the hold suspended stands again (NET-R8): an approval with its time.
            const decision = suspendedDecisionOf(
              commission,
              order.quote_status === 'qualified' &&
                terms?.file.validation.approveOnCompletion === true,
              nowMs,
            );
            await changeCommission(
              t,
              commission,
              {
                kind: commission.kind as 'product' | 'bonus',
                amountMinor: commission.amount_minor,
                status: decision.status,
                reason: decision.reason,
                rule: decision.rule,
                approvedAt: decision.approvedAt,
              },
              {
                actor,
                nowMs,
                event: `flag ${violationId} dismissed`,
                decidedBy: decision.decidedBy,
              },
            );
          }
        }
      }
      await t.audit.record(
        {
          actor,
          action: `violation.${outcome}`,
          subjectType: 'violation',
          subjectId: violationId,
          details: {
            detector: violation.detector,
            rule: violation.rule,
            publisherId: violation.publisher_id,
          },
        },
        nowMs,
      );
    });
  }
}
