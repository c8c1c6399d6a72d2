import { z } from 'zod';
import { EVENT_TYPES } from '../../domain/events/events.js';
import { POSTBACK_EVENTS } from '../../domain/webhooks/endpoint-rules.js';
import { POSTBACK_MACROS } from '../../domain/webhooks/postback-macros.js';
import { defineRoute, forbidden } from './contract.js';
import { idParam } from './params.js';
import { WEBHOOK_ANSWERS as A } from './webhook-answers.js';

const endpoint = z.object({ id: idParam('the endpoint') });
const delivery = z.object({
  id: idParam('the endpoint'),
  deliveryId: idParam('the delivery'),
});
const url = z
  .string({ error: 'url: expected text' })
  .min(1, { error: 'give the URL' })
  .max(2000, { error: 'at most 2,000 characters' });
const events = (of: readonly string[]) =>
  z
    .array(z.string().max(64, { error: 'an event name has at most 64 characters' }), {
      error: 'expected a list of event names',
    })
    .min(1, { error: 'name at least one event' })
    .max(of.length, { error: `at most ${of.length} events` })
    .meta({ description: `some of ${of.join(', ')}` });
const description = z.string().max(200, { error: 'at most 200 characters' });

/** The webhook and postback bodies (the portal's forms parse with them too). */
export const WEBHOOK_BODIES = {
  webhook: z.object({
    url: url.meta({ description: 'https:// address that receives the signed POSTs' }),
    events: events(EVENT_TYPES),
    description: description.optional(),
  }),
  webhookChange: z.object({
    url: url.optional(),
    events: events(EVENT_TYPES).optional(),
    description: description.optional(),
    enabled: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .meta({ description: 'true enables a disabled endpoint: its waiting events go in order' }),
  }),
  postback: z.object({
    url: url.meta({
      description: `the tracker’s URL with macros: ${POSTBACK_MACROS.map((m) => `{${m}}`).join(', ')}`,
    }),
    events: events(POSTBACK_EVENTS),
    programId: idParam('one program only (default: all)').optional(),
  }),
};

const auth = 'user' as const;
const who =
  'A publisher’s endpoints get its own money’s events, an advertiser’s its programs’ (session token of either).';

/**
 * Webhooks (Standard Webhooks: signed POSTs) for publishers and advertisers, and publishers’
 * postbacks to their trackers (GET, macros filled). docs/integrations.md shows a receiver.
 */
export const WEBHOOK_ROUTES = {
  list: defineRoute({
    method: 'get',
    path: '/api/v1/webhooks',
    tag: 'Webhooks',
    summary: `Your webhook endpoints (never their secrets). ${who}`,
    auth,
    answers: { 200: { description: 'Endpoints', schema: A.WebhookEndpoints } },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/v1/webhooks',
    tag: 'Webhooks',
    summary:
      'Add an endpoint: events are POSTed as {type, timestamp, data} with webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256); retried at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. The URL must be https and not resolve to a private address (checked at every delivery)',
    auth,
    body: WEBHOOK_BODIES.webhook,
    answers: {
      201: { description: 'The endpoint with its secret (shown once)', schema: A.WebhookCreated },
      400: 'Invalid URL or events, or a private address',
      409: 'Too many endpoints',
    },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Change an endpoint’s URL, events or description, or enable or disable it',
    auth,
    params: endpoint,
    body: WEBHOOK_BODIES.webhookChange,
    answers: {
      200: { description: 'The endpoint', schema: A.WebhookEndpoint },
      400: 'Invalid URL or events',
      404: 'Not yours',
    },
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Delete an endpoint with its delivery log',
    auth,
    params: endpoint,
    answers: { 204: 'Deleted', 404: 'Not yours' },
  }),
  rotate: defineRoute({
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    tag: 'Webhooks',
    summary:
      'A new signing secret (shown once); the old one keeps signing beside it for 24 hours (two signatures in webhook-signature)',
    auth,
    params: endpoint,
    answers: { 200: { description: 'The new secret', schema: A.WebhookSecret }, 404: 'Not yours' },
  }),
  deliveries: defineRoute({
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    tag: 'Webhooks',
    summary: 'The latest 50 deliveries, each attempt with its time, status, duration and answer',
    auth,
    params: endpoint,
    answers: {
      200: { description: 'Deliveries, newest first', schema: A.WebhookDeliveries },
      404: 'Not yours',
    },
  }),
  redeliver: defineRoute({
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    tag: 'Webhooks',
    summary: 'Send a delivery’s event again (same webhook-id), as a new delivery due at once',
    auth,
    params: delivery,
    answers: {
      202: { description: 'Queued', schema: A.WebhookRedelivery },
      404: 'Not yours',
      429: 'More than 10 tests and redeliveries this minute from your account (rate_limited; Retry-After)',
    },
  }),
  test: defineRoute({
    method: 'post',
    path: '/api/v1/webhooks/{id}/test',
    tag: 'Webhooks',
    summary: 'Send a signed webhook.test event now and answer what the receiver said',
    auth,
    params: endpoint,
    answers: {
      200: { description: 'The attempt', schema: A.WebhookTest },
      404: 'Not yours',
      429: 'More than 10 tests and redeliveries this minute from your account (rate_limited; Retry-After)',
    },
  }),
  postbacks: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/postbacks',
    tag: 'Webhooks',
    summary: 'Your postback URLs to your trackers',
    auth: 'publisher',
    answers: { 200: { description: 'Postbacks', schema: A.Postbacks } },
  }),
  createPostback: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/postbacks',
    tag: 'Webhooks',
    summary:
      'Add a postback: on commission.created and/or commission.updated, a GET of the URL with its macros filled and URL-encoded ({epi}, {commission}, …); retried like webhooks. An unknown macro is refused with its name',
    auth: 'publisher',
    body: WEBHOOK_BODIES.postback,
    answers: {
      201: { description: 'The postback', schema: A.WebhookEndpoint },
      400: 'Invalid URL, unknown macro or event',
      403: forbidden('A program none of your sites is approved in (program_not_joined)'),
      404: 'No such program',
      409: 'Too many endpoints',
    },
  }),
  removePostback: defineRoute({
    method: 'delete',
    path: '/api/v1/publisher/postbacks/{id}',
    tag: 'Webhooks',
    summary: 'Delete a postback with its log',
    auth: 'publisher',
    params: endpoint,
    answers: { 204: 'Deleted', 404: 'Not yours' },
  }),
  postbackDeliveries: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/postbacks/{id}/deliveries',
    tag: 'Webhooks',
    summary: 'The latest 50 postbacks fired, each attempt with its time, status and answer',
    auth: 'publisher',
    params: endpoint,
    answers: {
      200: { description: 'Deliveries, newest first', schema: A.WebhookDeliveries },
      404: 'Not yours',
    },
  }),
  testPostback: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/postbacks/{id}/test',
    tag: 'Webhooks',
    summary: 'Fire the postback now with sample values and answer what the tracker said',
    auth: 'publisher',
    params: endpoint,
    answers: {
      200: { description: 'The attempt', schema: A.WebhookTest },
      404: 'Not yours',
      429: 'More than 10 tests and redeliveries this minute from your account (rate_limited; Retry-After)',
    },
  }),
};
