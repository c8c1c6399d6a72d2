import type { Store } from '../storage/database.js';
import { ClicksRepository } from '../storage/repositories/clicks-repository.js';
import { OrdersRepository } from '../storage/repositories/orders-repository.js';
import { parseOrderOrThrow } from '../domain/orders/parse-order.js';
import { priceOrder } from '../domain/engine/price-order.js';
import type { Quote } from '../domain/engine/quote.js';
import { DomainError } from '../domain/errors.js';
import { judgeClick, type AttributionStatus } from '../domain/attribution/judge-click.js';
import {
  ORDER_STATUSES,
  type OrderDocument,
  type OrderStatus,
} from '../domain/orders/order-schema.js';
import type { LinkCache, CachedProgram } from '../tracking/link-cache.js';
import type { ClickSigner } from '../tracking/click-signature.js';
import { OrderRecorder, type Attribution } from './order-recorder.js';
import type { RateCache } from './rate-cache.js';

export class ConversionError extends DomainError {}

export interface ConversionResult {
  orderNumber: string;
  outcome: 'created' | 'updated' | 'unchanged';
  attribution: { status: string; clickId: string | null; siteId: string | null };
  quote: Quote;
}

/** Where the click id of a conversion came from: the advertiser (tduid) or the visitor's cookie. */
export interface ClickEvidence {
  tduid: string | undefined;
  source: 'tduid' | 'cookie';
}

/**
 * Conversions: attribute (AE-T1..T3), price (the engine) and record (one transaction) an order,
 * whether it came by pixel, by the JSON API or as a status update.
 */
export class ConversionService {
  readonly #recorder: OrderRecorder;

  constructor(
    private readonly store: Store,
    private readonly cache: LinkCache,
    private readonly signer: ClickSigner,
    private readonly rates: RateCache,
  ) {
    this.#recorder = new OrderRecorder(store);
  }

  programOrThrow(programId: string): CachedProgram {
    const program = this.cache.program(programId);
    if (program === undefined) {
      throw new ConversionError(
        'unknown_program',
        `no program "${programId}": use the program id (prg_…) from your advertiser console`,
      );
    }
    return program;
  }

  /** Reports an order document. Throws ConversionError / InvalidOrderError on bad input, storing nothing. */
  async report(
    programId: string,
    document: unknown,
    evidence: ClickEvidence,
    actor: string,
    nowMs: number,
  ): Promise<ConversionResult> {
    const program = this.programOrThrow(programId);
    const order = parseOrderOrThrow(document);
    let tduid = evidence.tduid;
    if (order.clickId !== undefined) tduid = order.clickId;
    const attribution = await this.#attribute(
      program,
      tduid,
      tduid === order.clickId ? 'tduid' : evidence.source,
      order.placedAtMs,
    );
    const quote = priceOrder(program.terms, order, await this.rates.current(nowMs));
    const stored = {
      ...(document as OrderDocument),
      ...(tduid !== undefined ? { clickId: tduid } : {}),
    };
    const result = await this.#recorder.record({
      programId: program.id,
      terms: program.terms,
      termsId: program.termsId,
      document: stored,
      order,
      quote,
      attribution,
      actor,
      nowMs,
    });
    return {
      orderNumber: order.orderNumber,
      outcome: result.outcome,
      attribution: {
        status: result.attribution.status,
        clickId:
          result.attribution.clickId === null ? null : this.signer.sign(result.attribution.clickId),
        siteId: result.attribution.siteId,
      },
      quote,
    };
  }

  /**
   * A status update: the whole order (`status`) or single lines (`items[].index` or `.sku`),
   * e.g. a partial refund. Re-prices and records the difference.
   */
  async update(
    programId: string,
    orderNumber: string,
    change: unknown,
    actor: string,
    nowMs: number,
  ): Promise<ConversionResult> {
    const program = this.programOrThrow(programId);
    const stored = await new OrdersRepository(this.store.db, this.store.dialect).find(
      program.id,
      orderNumber,
    );
    if (stored === undefined) {
      throw new ConversionError(
        'order_not_found',
        `no order "${orderNumber}" in program ${program.id}: report it first with POST …/orders`,
      );
    }
    const document = applyChange(JSON.parse(stored.document) as OrderDocument, change);
    return this.report(program.id, document, { tduid: undefined, source: 'tduid' }, actor, nowMs);
  }

  /**
   * Re-prices every order held for a missing exchange rate (AE-C6), e.g. after `affnet fx
   * import`; an order that now has its rate gets its commission, the rest stay held.
   */
  async repriceHeld(actor: string, nowMs: number): Promise<{ checked: number; released: number }> {
    await this.rates.refresh(nowMs);
    const held = await this.store.db
      .selectFrom('orders')
      .select(['program_id', 'document'])
      .where('quote_status', '=', 'held')
      .execute();
    let released = 0;
    for (const order of held) {
      if (this.cache.program(order.program_id) === undefined) continue;
      const result = await this.report(
        order.program_id,
        JSON.parse(order.document),
        { tduid: undefined, source: 'tduid' },
        actor,
        nowMs,
      );
      if (result.quote.status !== 'held') released += 1;
    }
    return { checked: held.length, released };
  }

  async #attribute(
    program: CachedProgram,
    tduid: string | undefined,
    source: 'tduid' | 'cookie',
    placedAtMs: number,
  ): Promise<Attribution> {
    const none = (status: AttributionStatus): Attribution => ({
      publisherId: null,
      siteId: null,
      clickId: null,
      status,
    });
    if (tduid === undefined) return none('no_click');
    const clickId = this.signer.verify(tduid);
    if (clickId === undefined) {
      if (source === 'tduid') {
        throw new ConversionError(
          'invalid_click_id',
          'clickId/tduid is not a click id this network issued (forged, truncated or altered); send the tduid exactly as received on the landing URL',
        );
      }
      return none('invalid_click_id');
    }
    const click = await new ClicksRepository(this.store).find(clickId);
    if (click === undefined) return { ...none('click_not_found'), clickId };
    const status = judgeClick(
      {
        programId: click.programId,
        createdAtMs: click.createdAt,
        notAttributableReason: click.notAttributableReason,
      },
      { programId: program.id, placedAtMs },
      program.terms.file.tracking.sessionWindowHours,
    );
    const site = this.cache.site(click.siteId);
    if (status !== 'attributed' || site === undefined)
      return { ...none(status === 'attributed' ? 'click_not_found' : status), clickId };
    return {
      publisherId: site.publisherId,
      siteId: site.id,
      clickId,
      adId: click.adId,
      epi: click.epi,
      status,
    };
  }
}

function applyChange(document: OrderDocument, change: unknown): OrderDocument {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new ConversionError(
      'invalid_change',
      'expected a JSON object such as {"status": "completed"} or {"items": [{"sku": "…", "status": "refunded"}]}',
    );
  }
  const { status, items, ...rest } = change as { status?: unknown; items?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new ConversionError(
      'invalid_change',
      `unknown field "${unknown[0]}": a change has status and/or items`,
    );
  if (status === undefined && items === undefined)
    throw new ConversionError('invalid_change', 'nothing to change: send status and/or items');
  const next: OrderDocument = structuredClone(document);
  if (status !== undefined) next.status = checkStatus(status, 'status');
  if (items !== undefined) {
    if (!Array.isArray(items))
      throw new ConversionError(
        'invalid_change',
        'items: expected a list of {index or sku, status}',
      );
    items.forEach((item: unknown, position) => {
      const path = `items[${position}]`;
      if (typeof item !== 'object' || item === null)
        throw new ConversionError('invalid_change', `${path}: expected {index or sku, status}`);
      const {
        index,
        sku,
        status: lineStatus,
      } = item as { index?: unknown; sku?: unknown; status?: unknown };
      let target: number;
      if (index !== undefined) {
        if (
          !Number.isInteger(index) ||
          (index as number) < 0 ||
          (index as number) >= next.items.length
        ) {
          throw new ConversionError(
            'invalid_change',
            `${path}.index: expected a line number from 0 to ${next.items.length - 1}`,
          );
        }
        target = index as number;
      } else if (typeof sku === 'string') {
        const matches = next.items.flatMap((line, i) => (line.sku === sku ? [i] : []));
        if (matches.length !== 1) {
          throw new ConversionError(
            'invalid_change',
            `${path}.sku: ${matches.length === 0 ? `no line with sku "${sku}"` : `${matches.length} lines have sku "${sku}"; use index`}`,
          );
        }
        target = matches[0]!;
      } else {
        throw new ConversionError('invalid_change', `${path}: name the line by index or sku`);
      }
      next.items[target] = {
        ...next.items[target]!,
        status: checkStatus(lineStatus, `${path}.status`),
      };
    });
  }
  return next;
}

function checkStatus(value: unknown, path: string): OrderStatus {
  if (typeof value !== 'string' || !(ORDER_STATUSES as readonly string[]).includes(value)) {
    throw new ConversionError(
      'invalid_change',
      `${path}: expected one of ${ORDER_STATUSES.join(', ')}`,
    );
  }
  return value as OrderStatus;
}
