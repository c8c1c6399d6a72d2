import { z } from 'zod';
import { FEED_SOURCE_MINUTES, MAX_FEED_URL_LENGTH } from '../../domain/feeds/feed-source-rules.js';
import { defineRoute } from './contract.js';
import { idParam } from './params.js';

export const FeedSourceBody = z
  .object({
    url: z
      .string()
      .max(MAX_FEED_URL_LENGTH)
      .meta({ description: 'where the feed is: https://, a CSV, TSV or Merchant Center XML file' }),
    everyMinutes: z
      .number()
      .optional()
      .meta({
        description: `how often to fetch it, in minutes: ${FEED_SOURCE_MINUTES.min} to ${FEED_SOURCE_MINUTES.max} (default ${FEED_SOURCE_MINUTES.default}, daily)`,
      }),
  })
  .strict();

export const FeedSource = z.object({
  programId: z.string(),
  url: z.string(),
  everyMinutes: z.number(),
  lastFetchedAt: z
    .string()
    .nullable()
    .meta({ description: 'ISO 8601; null before the first fetch' }),
  lastStatus: z
    .enum(['imported', 'not_modified', 'failed'])
    .nullable()
    .meta({ description: 'what the last fetch came to; null before the first' }),
  lastError: z.string().nullable().meta({ description: 'why the last fetch failed' }),
  failures: z.number().meta({ description: 'failed fetches in a row' }),
  nextFetchAt: z.string().meta({ description: 'ISO 8601' }),
  lastImport: z
    .object({
      importId: z.string(),
      accepted: z.number(),
      refusedCount: z.number(),
      gone: z.number(),
      at: z.string(),
    })
    .nullable()
    .meta({ description: 'the report of the last import a fetch made' }),
});

const program = z.object({ programId: idParam('your program') });

/** A program's scheduled feed URL (issue 29). */
export const FEED_SOURCE_ROUTES = {
  putFeedSource: defineRoute({
    method: 'put',
    path: '/api/v1/programs/{programId}/feed-source',
    tag: 'Feeds',
    summary:
      'Have the network fetch your program’s feed from a URL on a schedule (with If-None-Match / If-Modified-Since: an unchanged feed is not imported again), each fetch imported as an upload is. https only; the host may not resolve to a private address',
    auth: 'apiKey',
    params: program,
    body: FeedSourceBody,
    answers: {
      200: { description: 'The feed URL, changed', schema: FeedSource },
      201: { description: 'The feed URL, new (fetched at the next run)', schema: FeedSource },
      400: 'A URL that is not https (feed_url_not_https), not valid (feed_url_invalid) or resolves to a private address (feed_url_private_address); everyMinutes out of range (invalid_feed_schedule)',
      404: 'Not your program',
    },
  }),
  getFeedSource: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/feed-source',
    tag: 'Feeds',
    summary: 'Your program’s feed URL: its schedule, the last fetch and its import’s report',
    auth: 'apiKey',
    params: program,
    answers: {
      200: { description: 'The feed URL', schema: FeedSource },
      404: 'Not your program, or it has no feed URL (unknown_feed_source)',
    },
  }),
  deleteFeedSource: defineRoute({
    method: 'delete',
    path: '/api/v1/programs/{programId}/feed-source',
    tag: 'Feeds',
    summary: 'Stop fetching your program’s feed (its products stay as the last import left them)',
    auth: 'apiKey',
    params: program,
    answers: {
      204: 'Stopped',
      404: 'Not your program, or it has no feed URL (unknown_feed_source)',
    },
  }),
} as const;
