import type { Store } from '../storage/database.js';
import {
  parseOrderOrThrow,
  refuseImplausiblePlacedAt,
  type Order,
  type ReportRefusalCode,
} from '../domain/orders/parse-order.js';
import { priceOrder } from '../domain/engine/price-order.js';
import type { Quote } from '../domain/engine/quote.js';
import { DomainError } from '../domain/errors.js';
import { holdingClickFlags } from '../domain/compliance/detect-traffic.js';
import {
  judgeClick,
  siteStanding,
  type AttributionStatus,
} from '../domain/attribution/judge-click.js';
import {
  ORDER_STATUSES,
  type OrderDocument,
  type OrderStatus,
} from '../domain/orders/order-schema.js';
import type { LinkCache, CachedProgram } from '../tracking/link-cache.js';
import type { ClickSigner } from '../tracking/click-signature.js';
import {
  OrderRecorder,
  type Attribution,
  type AttributedBy,
  type RecordOrderInput,
  type RecordOrderResult,
  type ReportSource,
  ORDER_TERMS_DIFFER,
  VOUCHER_ATTRIBUTION,
} from './order-recorder.js';
import { creditByVoucher } from '../domain/promotions/promotions.js';
import { versionInForce } from '../domain/terms/program-terms.js';
import type { RateTable } from '../domain/fx/rate-table.js';
import type { RateCache } from './rate-cache.js';
import type { WriterThread } from './writer-thread.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import { repos } from '../storage/repositories/repos.js';
import { isTestClickId } from '../tracking/test-clicks.js';

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

/** What a pixel report adds to its order: refusals of the report as a whole, and its details. */
export interface PixelFacts {
  refusals: readonly ReportRefusalCode[];
  /** Stored as orders.report_details (JSON). */
  details: Record<string, unknown>;
}

/**
 * Test conversions (issue 27, item 2): which click ids are a program's test clicks, and where a
 * test order's quote goes instead of the orders (it never becomes an order, so it is never paid).
 */
export interface TestConversionDesk {
  verify(tduid: string, programId: string): boolean;
  record(
    programId: string,
    channel: 'pixel' | 'api' | 'console',
    quote: Quote,
    nowMs: number,
  ): Promise<void>;
}

/** The door a report came through and who sent it (`pixel`, `api:<key id>`). */
export interface ReportChannel {
  source: ReportSource;
  actor: string;
}

/**
 * Conversions: attribute (AE-T1..T3), price (the engine) and record (one transaction) an order,
 * whether it came by pixel, by the JSON API or as a status update.
 */
export class ConversionService {
  readonly #recorder: OrderRecorder;
  #writer: WriterThread | undefined;

  constructor(
    private readonly store: Store,
    private readonly cache: LinkCache,
    private readonly signer: ClickSigner,
    private readonly rates: RateCache,
    private readonly terms: StoredTerms,
    private readonly tests?: TestConversionDesk,
  ) {
    this.#recorder = new OrderRecorder(store);
  }

  /**
   * Records new reports on the writer thread from now on (`affnet serve` on SQLite);
   * status updates stay here. Should the thread end, reports are recorded here again.
   */
  useWriterThread(writer: WriterThread): void {
    this.#writer = writer;
  }

  #record(input: RecordOrderInput): Promise<RecordOrderResult> {
    const writer = this.#writer;
    return writer?.running ? writer.record(input) : this.#recorder.record(input);
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

  /**
   * Reports an order document. Throws ConversionError / InvalidOrderError on bad input and
   * ReportRefusedError when the order's state does not allow this report, storing nothing.
   */
  async report(
    programId: string,
    document: unknown,
    evidence: ClickEvidence,
    channel: ReportChannel,
    nowMs: number,
    pixel?: PixelFacts,
  ): Promise<ConversionResult> {
    const program = this.programOrThrow(programId);
    const claimed = clickIdClaimedBy(document) ?? evidence.tduid;
    if (isTestClickId(claimed))
      return this.#test(program, claimed, document, channel, nowMs, pixel);
    if (program.review !== 'approved')
      throw new ConversionError(
        'program_not_approved',
        program.review === 'refused'
          ? `program "${programId}" was refused by the network: it records no orders (see its review in your console)`
          : `program "${programId}" is in the network's review: it records no orders until the network approves it`,
        [],
        { status: program.review },
      );
    const order = parseOrderOrThrow(document);
    refuseImplausiblePlacedAt(order, nowMs, program.terms);
    let tduid = evidence.tduid;
    let attributedBy: AttributedBy | null =
      tduid === undefined ? null : evidence.source === 'cookie' ? 'cookie' : 'pixel';
    if (order.clickId !== undefined) {
      tduid = order.clickId;
      attributedBy = channel.source === 'api' ? 'advertiser' : 'pixel';
    }
    let attribution = await this.#attribute(
      program,
      tduid,
      tduid === order.clickId ? 'tduid' : evidence.source,
      order.placedAtMs,
    );
    const byCode = this.#creditByVoucher(program, order, attribution);
    if (byCode !== undefined) {
      attribution = byCode;
      attributedBy = 'voucher';
    }
    const rates = await this.rates.current(nowMs);
    return this.#underOrderTerms(program, async (terms) => {
      const input = this.#input(
        terms,
        { ...(document as OrderDocument), ...(tduid !== undefined ? { clickId: tduid } : {}) },
        channel,
        attribution,
        attributedBy,
        rates,
        nowMs,
        pixel,
      );
      return this.#result(await this.#record(input), input);
    });
  }

  /**
   * A test conversion: an order reported with one of the program's test click ids is priced
   * under the current terms as a real one would be (with the pixel's refusals) and handed to
   * the test desk, never to the orders: no commission, ledger entry, invoice or payout can come
   * of it. Allowed before the network approved the program, so an integration can be tried.
   */
  async #test(
    program: CachedProgram,
    tduid: string,
    document: unknown,
    channel: ReportChannel,
    nowMs: number,
    pixel: PixelFacts | undefined,
  ): Promise<ConversionResult> {
    if (this.tests === undefined || !this.tests.verify(tduid, program.id))
      throw new ConversionError(
        'invalid_click_id',
        'clickId/tduid is not a test click id of this program (altered, or made for another program); make a test click on the program’s tracking page',
      );
    const order = parseOrderOrThrow(document);
    refuseImplausiblePlacedAt(order, nowMs, program.terms);
    const input = this.#input(
      program,
      { ...(document as OrderDocument), clickId: tduid },
      channel,
      { publisherId: null, siteId: null, clickId: null, status: 'test' },
      null,
      await this.rates.current(nowMs),
      nowMs,
      pixel,
    );
    await this.tests.record(
      program.id,
      channel.source === 'pixel' ? 'pixel' : channel.actor.startsWith('user:') ? 'console' : 'api',
      input.quote,
      nowMs,
    );
    return {
      orderNumber: input.order.orderNumber,
      outcome: 'created',
      attribution: { status: 'test', clickId: tduid, siteId: null },
      quote: input.quote,
    };
  }

  /**
   * Runs `attempt` under the program's current terms and, when the order it reports was
   * recorded under earlier terms, once more under those: an order keeps the terms in force when
   * it was recorded, for its price and its validation rules (a new version never re-prices it).
   */
  async #underOrderTerms<T>(
    program: CachedProgram,
    attempt: (terms: CachedProgram) => Promise<T>,
  ): Promise<T> {
    try {
      return await attempt(program);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ORDER_TERMS_DIFFER) throw error;
      const termsId = String(error.values.termsId);
      const terms = await this.terms.ofOrderOrThrow({ program_id: program.id, terms_id: termsId });
      return attempt({ ...program, terms, termsId });
    }
  }

  /**
   * A status update: the whole order (`status`) or single lines (`items[].index` or `.sku`),
   * e.g. a partial refund. Applied inside the order's transaction to the document as stored
   * then, so concurrent updates of one order all count. Re-prices and records the difference.
   */
  async update(
    programId: string,
    orderNumber: string,
    change: unknown,
    channel: ReportChannel,
    nowMs: number,
  ): Promise<ConversionResult> {
    const program = this.programOrThrow(programId);
    // Check the change's shape before queueing it: a bad one is refused without a transaction.
    applyChange({ items: [] } as unknown as OrderDocument, change, false);
    const rates = await this.rates.current(nowMs);
    return this.#underOrderTerms(program, async (terms) => {
      let input: RecordOrderInput | undefined;
      const result = await this.#recorder.change(program.id, orderNumber, (stored, refusals) => {
        input = this.#reprice(
          terms,
          applyChange(stored as OrderDocument, change),
          channel,
          rates,
          nowMs,
          refusals,
        );
        return input;
      });
      return this.#result(result, input!);
    });
  }

  /**
   * The re-report of a stored document as it is, or changed; its attribution stays as stored,
   * and so do the refusals its report arrived with (a checksum that did not cover it stays
   * refused whatever its status becomes).
   */
  #reprice(
    program: CachedProgram,
    document: OrderDocument,
    channel: ReportChannel,
    rates: RateTable,
    nowMs: number,
    refusals: readonly ReportRefusalCode[],
  ): RecordOrderInput {
    const none: Attribution = { publisherId: null, siteId: null, clickId: null, status: 'stored' };
    return this.#input(program, document, channel, none, null, rates, nowMs, { refusals });
  }

  #input(
    program: CachedProgram,
    document: OrderDocument,
    channel: ReportChannel,
    attribution: Attribution,
    attributedBy: AttributedBy | null,
    rates: RateTable,
    nowMs: number,
    pixel?: PixelFacts | Pick<PixelFacts, 'refusals'>,
  ): RecordOrderInput {
    const parsed = parseOrderOrThrow(document);
    const order = pixel?.refusals.length ? { ...parsed, refusals: pixel.refusals } : parsed;
    return {
      source: channel.source,
      attributedBy,
      programId: program.id,
      terms: program.terms,
      termsId: program.termsId,
      document,
      order,
      quote: priceOrder(program.terms, order, rates),
      attribution,
      actor: channel.actor,
      nowMs,
      ...(pixel !== undefined && 'details' in pixel
        ? { reportDetails: JSON.stringify(pixel.details) }
        : {}),
    };
  }

  #result(result: RecordOrderResult, input: RecordOrderInput): ConversionResult {
    return {
      orderNumber: input.order.orderNumber,
      outcome: result.outcome,
      attribution: {
        status: result.attribution.status,
        clickId:
          result.attribution.clickId === null ? null : this.signer.sign(result.attribution.clickId),
        siteId: result.attribution.siteId,
      },
      quote: input.quote,
    };
  }

  /**
   * Re-prices every order held for a missing exchange rate (AE-C6), e.g. after `affnet fx
   * import`; an order that now has its rate gets its commission, the rest stay held.
   */
  async repriceHeld(actor: string, nowMs: number): Promise<{ checked: number; released: number }> {
    await this.rates.refresh(nowMs);
    const rates = await this.rates.current(nowMs);
    const held = await repos(this.store).orders.heldForRate();
    let released = 0;
    for (const order of held) {
      const program = this.cache.program(order.program_id);
      if (program === undefined) continue;
      let quote: Quote | undefined;
      await this.#underOrderTerms(program, (terms) =>
        this.#recorder.change(program.id, order.order_number, (stored, refusals) => {
          const input = this.#reprice(
            terms,
            stored as OrderDocument,
            { source: 'system', actor },
            rates,
            nowMs,
            refusals,
          );
          quote = input.quote;
          return input;
        }),
      );
      if (quote !== undefined && quote.status !== 'held') released += 1;
    }
    return { checked: held.length, released };
  }

  /**
   * The order's credit by a voucher code exclusive to one site (issue 29), where the program's
   * terms say so: instead of no click (`fallback`) or of any click (`wins`). The terms version
   * in force when the order was placed decides, as it does the price: a later version never
   * re-attributes an order placed before it. The code's site must still be approved in the
   * program and its publisher not terminated.
   */
  #creditByVoucher(
    program: CachedProgram,
    order: Order,
    clicked: Attribution,
  ): Attribution | undefined {
    const mode = versionInForce(program.terms, order.placedAtMs)?.voucherCodes ?? 'none';
    if (mode === 'none' || order.vouchers.length === 0) return undefined;
    const credit = creditByVoucher(
      mode,
      clicked.publisherId !== null,
      order.vouchers,
      order.placedAtMs,
      (code) => this.cache.exclusiveCode(program.id, code),
    );
    if (credit === undefined) return undefined;
    const site = this.cache.site(credit.siteId);
    if (
      site === undefined ||
      siteStanding(site.publisherStatus, this.cache.membership(program.id, site.id)) !== null
    )
      return undefined;
    return {
      publisherId: site.publisherId,
      siteId: site.id,
      clickId: null,
      status: VOUCHER_ATTRIBUTION,
    };
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
    const click = await repos(this.store).clicks.find(clickId);
    if (click === undefined) return { ...none('click_not_found'), clickId };
    const status = judgeClick(
      {
        programId: click.programId,
        createdAtMs: click.createdAt,
        notAttributableReason: click.notAttributableReason,
      },
      { programId: program.id, placedAtMs },
      program.terms.file.tracking,
    );
    const site = this.cache.site(click.siteId);
    if (status !== 'attributed' || site === undefined)
      return { ...none(status === 'attributed' ? 'click_not_found' : status), clickId };
    // The click was good, but its site may no longer earn here: the network terminated the
    // publisher, or the program's advertiser did (its membership is suspended) since.
    const standing = siteStanding(site.publisherStatus, this.cache.membership(program.id, site.id));
    if (standing !== null) return { ...none(standing), clickId };
    return {
      publisherId: site.publisherId,
      siteId: site.id,
      clickId,
      adId: click.adId,
      epi: click.epi,
      status,
      holds: holdingClickFlags(click.signals, program.terms.file.compliance),
    };
  }
}

/** The clickId an order document names, if it names one as text. */
function clickIdClaimedBy(document: unknown): string | undefined {
  const clickId = (document as { clickId?: unknown } | null)?.clickId;
  return typeof clickId === 'string' ? clickId : undefined;
}

function applyChange(document: OrderDocument, change: unknown, lines = true): OrderDocument {
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
    if (!lines) return next;
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
