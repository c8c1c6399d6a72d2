import type { StoredOrder } from '../storage/repositories/orders-repository.js';
import { DomainError } from '../domain/errors.js';
import { isSameReport } from '../domain/orders/same-report.js';

/** A report the order's state does not allow (the pixel on an existing order, a locked attribution). */
export class ReportRefusedError extends DomainError {}

/**
 * The pixel creates; only the advertiser amends (docs/tracking.md). A pixel report of an order
 * that exists changes nothing: an identical one is a repeat (answered as before), any other is
 * refused, whoever reported the order and whatever its state. Amendments come from the
 * advertiser's API key or its validation tools.
 */
export function refusePixelUnlessRepeat(stored: StoredOrder, reportedDocument: string): void {
  if (!isSameReport(stored.document, reportedDocument))
    throw new ReportRefusedError(
      'report_refused',
      `order "${stored.order_number}" was already reported: the pixel reports an order once (an identical repeat is accepted) and cannot change it; the advertiser amends it with its API key (PATCH /api/v1/programs/{programId}/orders/{orderNumber}) or its validation tools`,
    );
}
