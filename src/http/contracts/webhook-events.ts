import {
  applicationEvent,
  commissionCreated,
  commissionUpdated,
  invoiceIssued,
  orderEvent,
  payoutPaid,
  promotionCreated,
  statementIssued,
  type CommissionFacts,
  type EventType,
  type NewEvent,
  type OrderFacts,
} from '../../domain/events/events.js';

/**
 * One example body per event type, built with the same functions the money path uses, for the
 * API document's `webhooks` section (OpenAPI 3.1) and docs/integrations.md.
 */
const AT = Date.UTC(2026, 9, 5, 12);
const commission: CommissionFacts = {
  id: 'com_01jc0example0000000000000',
  orderId: 'ord_01jc0example0000000000000',
  programId: 'prg_example',
  publisherId: 'pub_01jc0example0000000000000',
  siteId: 'sit_01jc0example0000000000000',
  kind: 'product',
  amountMinor: 1279,
  currency: 'EUR',
  status: 'pending',
  reason: null,
  rule: null,
  clickId: 'clk_1a2b3c4d5e6',
};
const order: OrderFacts = {
  id: commission.orderId!,
  programId: commission.programId,
  orderNumber: 'A-1001',
  publisherId: commission.publisherId,
  siteId: commission.siteId,
  event: 'sale',
  status: 'completed',
  valueMinor: 15990,
  commissionMinor: 1279,
  currency: 'EUR',
  commissionCurrency: 'EUR',
  placedAtMs: AT,
};
const application = {
  id: 'mem_01jc0example0000000000000',
  programId: commission.programId,
  publisherId: commission.publisherId,
  siteId: commission.siteId!,
  reason: null,
};

const EXAMPLES: Record<EventType, NewEvent> = {
  'commission.created': commissionCreated(commission),
  'commission.updated': commissionUpdated(
    { status: 'pending', amountMinor: 1279 },
    { ...commission, status: 'approved' },
  ),
  'order.created': orderEvent('order.created', order),
  'order.updated': orderEvent('order.updated', {
    ...order,
    status: 'refunded',
    commissionMinor: 0,
  }),
  'application.created': applicationEvent('application.created', {
    ...application,
    status: 'pending',
  }),
  'application.approved': applicationEvent('application.approved', {
    ...application,
    status: 'approved',
  }),
  'application.rejected': applicationEvent('application.rejected', {
    ...application,
    status: 'rejected',
    reason: 'The site does not fit the program',
  }),
  'invoice.issued': invoiceIssued({
    id: 'inv_01jc0example0000000000000',
    advertiserId: 'adv_01jc0example0000000000000',
    programId: commission.programId,
    period: '2026-10',
    commissionMinor: 1279,
    feeMinor: 384,
    totalMinor: 1663,
    currency: 'EUR',
  }),
  'statement.issued': statementIssued({
    id: 'stm_01jc0example0000000000000',
    publisherId: commission.publisherId,
    period: '2026-10',
    payableMinor: 1279,
    payoutMinor: 1279,
    currency: 'EUR',
  }),
  'payout.paid': payoutPaid({
    id: 'pay_01jc0example0000000000000',
    runId: 'por_01jc0example0000000000000',
    publisherId: commission.publisherId,
    statementIds: ['stm_01jc0example0000000000000'],
    amountMinor: 1279,
    currency: 'EUR',
  }),
  'promotion.created': promotionCreated({
    id: 'prm_01jc0example0000000000000',
    programId: commission.programId,
    title: { nl: 'Tien procent korting op kabels', en: 'Ten percent off cables' },
    description: null,
    url: 'https://www.example.nl/kabels',
    kind: 'percentage',
    code: 'KABEL10',
    exclusiveSiteId: commission.siteId,
    startsAtMs: AT,
    endsAtMs: AT + 30 * 86_400_000,
  }),
};

/** The body a receiver gets for an event of `type` (the example's). */
export function exampleWebhookBody(type: EventType): Record<string, unknown> {
  return { type, timestamp: new Date(AT).toISOString(), data: EXAMPLES[type].data };
}

/** OpenAPI 3.1 `webhooks`: each event type as the POST a receiver gets, with its example. */
export function webhookEventsDocument(): Record<string, unknown> {
  return Object.fromEntries(
    (Object.keys(EXAMPLES) as EventType[]).map((type) => [
      type,
      {
        post: {
          summary: `${type} (signed: webhook-id, webhook-timestamp, webhook-signature)`,
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type', 'timestamp', 'data'],
                  properties: {
                    type: { const: type },
                    timestamp: { type: 'string', format: 'date-time' },
                    data: { type: 'object' },
                  },
                },
                example: exampleWebhookBody(type),
              },
            },
          },
          responses: { '2XX': { description: 'Received; anything else is retried' } },
        },
      },
    ]),
  );
}
