import {
  OrderRecorder,
  type Attribution,
  type RecordOrderInput,
} from '../../src/services/order-recorder.js';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { parseOrderOrThrow } from '../../src/domain/orders/parse-order.js';
import type { OrderDocument } from '../../src/domain/orders/order-schema.js';
import type { Store } from '../../src/storage/database.js';
import type { ProgramTerms } from '../../src/domain/terms/compile-terms.js';
import { NOW, type seedNetwork } from './seed.js';
import { aliexpress, rates } from './terms.js';

export type Seeded = Awaited<ReturnType<typeof seedNetwork>>;

/** Prices a document with the AliExpress terms (or `terms`) and records it, attributed to the seeded site. */
export function reportOrder(
  store: Store,
  seeded: Seeded,
  document: OrderDocument,
  nowMs = NOW,
  attributed = true,
  terms: ProgramTerms = aliexpress,
) {
  return new OrderRecorder(store).record(orderInput(seeded, document, nowMs, attributed, terms));
}

/** The report `reportOrder` records: priced, attributed to the seeded site or to nobody. */
export function orderInput(
  seeded: Seeded,
  document: OrderDocument,
  nowMs = NOW,
  attributed = true,
  terms: ProgramTerms = aliexpress,
  source: RecordOrderInput['source'] = 'api',
): RecordOrderInput {
  const order = parseOrderOrThrow(document);
  const attribution: Attribution = attributed
    ? {
        publisherId: seeded.publisher.id,
        siteId: seeded.site.id,
        clickId: null,
        status: 'attributed',
      }
    : { publisherId: null, siteId: null, clickId: null, status: 'no_click' };
  return {
    source,
    attributedBy: null,
    programId: seeded.program.id,
    terms,
    termsId: seeded.termsId,
    document,
    order,
    quote: priceOrder(terms, order, rates),
    attribution,
    actor: 'advertiser:test',
    nowMs,
  };
}
