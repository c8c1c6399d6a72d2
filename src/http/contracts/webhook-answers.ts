import { z } from 'zod';

/** The answers of the webhook and postback routes (issue 28). Objects are open. */
const instant = z.string().meta({ format: 'date-time' });

const endpointShape = {
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  programId: z.string().nullable(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  disabledReason: z
    .string()
    .nullable()
    .meta({ description: 'gone (the receiver answered 410), failing (5 days), owner' }),
  failingSince: instant.nullable(),
  createdAt: instant,
};

const attempt = z.looseObject({
  at: instant,
  status: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'the receiver’s HTTP status; null: no answer' }),
  durationMs: z.number().int(),
  excerpt: z.string().meta({ description: 'the first 500 characters of the answer' }),
  error: z
    .string()
    .nullable()
    .meta({ description: 'why no answer came (refused address, timeout)' }),
});

export const WEBHOOK_ANSWERS = {
  WebhookEndpoint: z.looseObject(endpointShape),
  WebhookCreated: z.looseObject({
    ...endpointShape,
    secret: z.string().meta({ description: 'whsec_…: shown once, store it now' }),
  }),
  WebhookEndpoints: z.looseObject({ webhooks: z.array(z.looseObject(endpointShape)) }),
  Postbacks: z.looseObject({ postbacks: z.array(z.looseObject(endpointShape)) }),
  WebhookSecret: z.looseObject({
    secret: z.string().meta({
      description: 'whsec_…: shown once; the previous secret also signs for 24 hours',
    }),
  }),
  WebhookDeliveries: z.looseObject({
    deliveries: z.array(
      z.looseObject({
        id: z.string(),
        eventId: z.string(),
        eventType: z.string(),
        status: z.enum(['pending', 'delivered', 'failed', 'sending']),
        attempts: z.array(attempt),
        nextAttemptAt: instant.nullable(),
        createdAt: instant,
      }),
    ),
  }),
  WebhookRedelivery: z.looseObject({ id: z.string().meta({ description: 'the new delivery' }) }),
  WebhookTest: z.looseObject({
    deliveryId: z.string(),
    delivered: z.boolean(),
    status: z.number().int().nullable(),
    durationMs: z.number().int(),
    excerpt: z.string(),
    error: z.string().nullable(),
  }),
};
