import type { StoredOrder } from '../storage/repositories/orders-repository.js';
import type { Commission } from '../storage/repositories/commissions-repository.js';
import { DomainError } from '../domain/errors.js';

/** A report the order's state does not allow (the pixel on an advertiser's order, a locked attribution). */
export class ReportRefusedError extends DomainError {}

/**
 * The pixel reports an order first and may repeat itself while the order is still its own and
 * undecided; it never changes what the advertiser reported with its key, nor money already
 * approved, invoiced, on a statement or paid.
 */
export function refusePixel(stored: StoredOrder, commissions: readonly Commission[]): void {
  const decided = commissions.some(
    (commission) =>
      commission.status === 'approved' ||
      commission.status === 'paid' ||
      commission.decided_by !== null ||
      commission.invoice_id !== null ||
      commission.statement_id !== null,
  );
  if (stored.source !== 'pixel' || decided)
    throw new ReportRefusedError(
      'report_refused',
      'the pixel cannot change this order: it was reported by the advertiser or its commission is already decided; the advertiser updates it through the order API',
    );
}
