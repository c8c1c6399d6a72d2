import type { Insertable } from 'kysely';
import {
  NO_WRITES,
  type DispatchedEvent,
  type EventListener,
  type ListenerWrites,
} from './event-dispatcher.js';
import type { Repos } from '../storage/repositories/repos.js';
import type {
  PostbackOrderFacts,
  WebhookEndpointRow,
} from '../storage/repositories/webhooks-repository.js';
import type { WebhookDeliveriesTable } from '../storage/schema.js';
import { newMonotonicId } from '../storage/ids.js';
import { parseClickId } from '../storage/click-ids.js';
import { webhookBody } from './webhook-signature.js';
import {
  expandPostback,
  postbackStatus,
  type MacroValues,
} from '../domain/webhooks/postback-macros.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { promotionAudience } from '../domain/promotions/promotions.js';

/** The publishers who hear of a program's news that names none (`promotion.created`), by event id. */
export type Audiences = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Does `endpoint` hear of `event`: its type asked for, and the event its owner's own, or, for a
 * publisher and an event naming no publisher, the publisher among the event's audience.
 */
export function endpointHears(
  endpoint: WebhookEndpointRow,
  event: DispatchedEvent,
  audiences: Audiences = new Map(),
): boolean {
  if (!(JSON.parse(endpoint.events) as string[]).includes(event.type)) return false;
  if (endpoint.program_id !== null && endpoint.program_id !== event.programId) return false;
  if (endpoint.owner_role !== 'publisher') return event.advertiserId === endpoint.owner_id;
  return event.publisherId === null
    ? (audiences.get(event.id)?.has(endpoint.owner_id) ?? false)
    : event.publisherId === endpoint.owner_id;
}

/**
 * Who hears of each `promotion.created`: the publishers approved in its program as it is handed
 * on, an exclusive promotion only its site's publisher (promotionAudience).
 */
async function promotionAudiences(
  events: readonly DispatchedEvent[],
  r: Repos,
): Promise<Map<string, Set<string>>> {
  const promotions = events.filter(
    (event) => event.type === 'promotion.created' && event.programId !== null,
  );
  if (promotions.length === 0) return new Map();
  const approved = await r.memberships.approvedSitesOf([
    ...new Set(promotions.map((event) => event.programId!)),
  ]);
  return new Map(
    promotions.map((event) => {
      const exclusiveSiteId = ((event.data.promotion ?? {}) as { exclusiveSiteId?: unknown })
        .exclusiveSiteId;
      // A promotion that does not say whether it is exclusive is told to no publisher.
      if (exclusiveSiteId !== null && typeof exclusiveSiteId !== 'string')
        return [event.id, new Set<string>()];
      return [
        event.id,
        promotionAudience(
          { exclusiveSiteId },
          approved.filter((site) => site.programId === event.programId),
        ),
      ];
    }),
  );
}

/**
 * The event outbox's webhook listener: for each event, one delivery per endpoint that hears of
 * it, written in the dispatcher's transaction (so each is written once, and never for an event
 * that was not committed). A webhook's delivery holds its signed body's JSON; a postback's, its
 * URL with the macros filled from the commission, its order and the order's click.
 */
export function webhookListener(eventKind: EventKindOf, tduidOf: TduidOf): EventListener {
  return {
    name: 'webhooks',
    prepare: (events, r, nowMs) => prepareDeliveries(events, r, nowMs, eventKind, tduidOf),
  };
}

/**
 * The tduid a click's landing page received (`clk_….<signature>`, AE-T2): what the shop
 * reports back and a tracker knows the click by, so what `{tduid}` sends.
 */
export type TduidOf = (clickId: number) => string;

/** A program's conversion event as a sale or a lead (its terms say which). */
export type EventKindOf = (
  programId: string,
  eventId: string | undefined,
) => string | Promise<string>;

async function prepareDeliveries(
  events: readonly DispatchedEvent[],
  r: Repos,
  nowMs: number,
  eventKind: EventKindOf,
  tduidOf: TduidOf,
): Promise<ListenerWrites> {
  const endpoints = await r.webhooks.enabledEndpoints();
  if (endpoints.length === 0) return NO_WRITES;
  const audiences = endpoints.some((endpoint) => endpoint.owner_role === 'publisher')
    ? await promotionAudiences(events, r)
    : new Map<string, Set<string>>();
  const rows: Insertable<WebhookDeliveriesTable>[] = [];
  const postbacks: [WebhookEndpointRow, DispatchedEvent][] = [];
  for (const event of events)
    for (const endpoint of endpoints) {
      if (!endpointHears(endpoint, event, audiences)) continue;
      if (endpoint.kind === 'postback') postbacks.push([endpoint, event]);
      else
        rows.push(
          deliveryRow(
            endpoint,
            event,
            webhookBody(event.type, event.createdAtMs, event.data),
            nowMs,
          ),
        );
    }
  if (postbacks.length > 0) {
    const facts = await r.webhooks.postbackFacts(
      postbacks.map(([, event]) => commissionOf(event).orderId ?? ''),
    );
    const clicks = await r.webhooks.postbackClicks(
      postbacks.flatMap(([, event]) => {
        const clickId = creditingClick(commissionOf(event), undefined);
        return clickId === null || clickId === undefined ? [] : [clickId];
      }),
    );
    for (const [endpoint, event] of postbacks)
      rows.push(
        deliveryRow(
          endpoint,
          event,
          expandPostback(endpoint.url, await macroValues(event, facts, eventKind, tduidOf, clicks)),
          nowMs,
        ),
      );
  }
  // In the events' order, so an endpoint's deliveries sort as its events did.
  rows.sort((a, b) => (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0));
  for (const row of rows) row.id = newMonotonicId('delivery', nowMs);
  return rows.length === 0 ? NO_WRITES : (t) => t.webhooks.insertDeliveries(rows);
}

/** A delivery due at once (its id given after sorting, or by the caller). */
export function deliveryRow(
  endpoint: Pick<WebhookEndpointRow, 'id'>,
  event: { id: string; type: string; subjectId: string },
  payload: string,
  nowMs: number,
  id = '',
): Insertable<WebhookDeliveriesTable> {
  return {
    id,
    endpoint_id: endpoint.id,
    event_id: event.id,
    event_type: event.type,
    subject_id: event.subjectId,
    payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: nowMs,
    last_status: null,
    created_at: nowMs,
    updated_at: nowMs,
  };
}

interface CommissionData {
  orderId?: string | null;
  programId?: string;
  siteId?: string | null;
  amount?: { value: string; currency: string };
  status?: string;
  /** `clk_…`, or null when a voucher code credited it; absent from events written before it was added. */
  clickId?: string | null;
}

/**
 * The click that credited a commission: the one its event names (null: a voucher code, no
 * click), else, for an event written before events named it, its order's.
 */
function creditingClick(
  commission: CommissionData,
  order: PostbackOrderFacts | undefined,
): number | null | undefined {
  if (commission.clickId === null) return null;
  if (typeof commission.clickId === 'string') return parseClickId(commission.clickId) ?? null;
  return order?.clickId;
}

function commissionOf(event: DispatchedEvent): CommissionData {
  return (event.data.commission ?? {}) as CommissionData;
}

/**
 * A postback's macro values from a commission event, its order and the click that credited the
 * commission. {epi}, {epi2} and {tduid} come from that click alone: after a reattribution the
 * order's click is another publisher's, whose sub ids are never sent to this one.
 */
export async function macroValues(
  event: DispatchedEvent,
  facts: ReadonlyMap<string, PostbackOrderFacts>,
  eventKind: EventKindOf,
  tduidOf: TduidOf,
  clicks: ReadonlyMap<number, { epi: string | null; epi2: string | null }> = new Map(),
): Promise<MacroValues> {
  const commission = commissionOf(event);
  const order = commission.orderId ? facts.get(commission.orderId) : undefined;
  const clickId = creditingClick(commission, order);
  const click =
    clickId === null || clickId === undefined
      ? undefined
      : (clicks.get(clickId) ?? (clickId === order?.clickId ? order : undefined));
  return {
    epi: click?.epi ?? '',
    epi2: click?.epi2 ?? '',
    tduid: clickId === null || clickId === undefined ? '' : tduidOf(clickId),
    order_number: order?.orderNumber ?? '',
    commission: commission.amount?.value ?? '',
    currency: commission.amount?.currency ?? order?.currency ?? '',
    order_value:
      order === undefined
        ? ''
        : formatMinorUnits(order.valueMinor, minorUnitDigits(order.currency)),
    status: postbackStatus(commission.status ?? ''),
    event: await eventKind(
      event.programId ?? '',
      order === undefined ? undefined : documentEvent(order.document),
    ),
    program_id: event.programId ?? '',
    site_id: commission.siteId ?? '',
    timestamp: String(Math.floor(event.createdAtMs / 1000)),
  };
}

/** The order document's conversion event id, when it names one. */
function documentEvent(document: string): string | undefined {
  try {
    const event = (JSON.parse(document) as { event?: unknown }).event;
    return typeof event === 'string' ? event : undefined;
  } catch {
    return undefined;
  }
}
