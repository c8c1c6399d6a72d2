import { z } from 'zod';
import { defineRoute, forbidden } from './contract.js';
import { idParam, queryEnum, queryText } from './params.js';

const refusedRow = z.object({
  row: z.number().meta({
    description: 'the data row (1-based, the header row not counted), or the XML item’s ordinal',
  }),
  line: z.number().optional().meta({
    description:
      'CSV/TSV: the line of the file the row starts on, the header being line 1 (a quoted value may span lines)',
  }),
  productId: z.string().optional().meta({ description: 'the row’s id, when it has one' }),
  code: z.string().optional().meta({
    description:
      'why, stable (absent in reports stored before codes were given): required, too_long, bad_price, bad_sale_price, bad_availability, bad_image_link, link_off_domains, no_deeplinks, record_too_long, item_malformed, listed_twice',
  }),
  values: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .meta({ description: 'the values the code’s words name (attribute, max, domains, …)' }),
  reason: z.string().meta({ description: 'what to fix, in English' }),
});

export const FeedImportReport = z.object({
  status: z.literal('done'),
  importId: z.string(),
  accepted: z.number().meta({ description: 'products stored from this file' }),
  refusedCount: z.number().meta({ description: 'rows refused' }),
  refused: z
    .array(refusedRow)
    .meta({ description: 'the first 1,000 refused rows, each with what to fix' }),
  gone: z.number().meta({ description: 'products of the last import this file no longer lists' }),
});

const FeedImportRunning = z.object({
  status: z.literal('running'),
  importId: z.string(),
  statusUrl: z.string().meta({ description: 'GET it until the status is no longer running' }),
  accepted: z.number().meta({ description: 'products stored so far' }),
  refusedCount: z.number().meta({ description: 'rows refused so far' }),
});

const FeedImportFailed = z.object({
  status: z.literal('failed'),
  importId: z.string(),
  code: z.string().meta({
    description:
      'feed_unreadable (the file), feed_import_interrupted (the server stopped) or feed_import_failed',
  }),
  reason: z.string().meta({ description: 'what happened and what to do' }),
});

/** The 202's answer: the import runs on after it. */
export const FeedImportAccepted = FeedImportRunning.pick({
  status: true,
  importId: true,
  statusUrl: true,
});

export const FeedImportStatus = z.discriminatedUnion('status', [
  FeedImportRunning,
  FeedImportReport,
  FeedImportFailed,
]);

/** Product feeds (issue 29): the advertiser's import and the publisher's download. */
export const FEED_ROUTES = {
  importFeed: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/feed-imports',
    tag: 'Feeds',
    summary:
      'Import your program’s product feed: the file as the body, CSV (text/csv), TSV (text/tab-separated-values) or Merchant Center XML (application/xml), optionally gzipped. Required attributes id, title, description, link (on the program’s deeplink domains), image_link, price ("12.99 EUR"), availability. Products the file no longer lists are marked gone',
    auth: 'apiKey',
    params: z.object({ programId: idParam('your program') }),
    body: z.string().meta({ description: 'the feed file' }),
    rawBody: true,
    bodyNotJson: true,
    bodyTypes: ['text/csv', 'text/tab-separated-values', 'application/xml', 'text/xml'],
    answers: {
      201: { description: 'The import’s report', schema: FeedImportReport },
      202: {
        description:
          'A file larger than 20 MB (Content-Length) is received whole, then imported after this answer: follow statusUrl, which ends in the same report',
        schema: FeedImportAccepted,
      },
      400: 'The file cannot be read as a feed (feed_unreadable), e.g. no header row or a <!DOCTYPE>',
      404: 'Not your program',
      409: 'An import of this program’s feed is running (feed_import_running): one at a time, so neither marks the other’s products gone',
      415: 'Not CSV, TSV or XML (feed_format_unknown)',
    },
  }),
  feedImportStatus: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/feed-imports/{importId}',
    tag: 'Feeds',
    summary:
      'An import of your program’s feed answered 202: running (with its progress so far), done (the report a 201 carries) or failed (with why)',
    auth: 'apiKey',
    params: z.object({
      programId: idParam('your program'),
      importId: idParam('the import (importId of the 202)'),
    }),
    answers: {
      200: { description: 'The import’s status', schema: FeedImportStatus },
      404: 'Not your program, or no such import of it (unknown_feed_import)',
    },
  }),
  publisherFeed: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/feeds/{programId}',
    tag: 'Publisher',
    summary:
      'A program’s product feed for one of your sites approved in it, every product with your tracked link (trackingLink) beside the advertiser’s (link); streamed, gzip when asked (Accept-Encoding)',
    auth: 'publisher',
    params: z.object({ programId: idParam('the program') }),
    query: z.object({
      siteId: z
        .string({ error: 'required: your site approved in the program' })
        .min(1)
        .max(64)
        .meta({ description: 'your site approved in the program' }),
      format: queryEnum(['csv', 'xml', 'jsonl'], 'csv (default), xml or jsonl'),
      category: queryText('only this google_product_category or product_type'),
      brand: queryText('only this brand'),
      minPrice: queryText('only products priced at least this (a decimal, the feed’s currency)'),
      maxPrice: queryText('only products priced at most this'),
      changedSince: queryText(
        'only products changed since this ISO 8601 instant, gone ones included',
      ),
    }),
    answers: {
      200: {
        description: 'The feed',
        schema: z.string(),
        types: ['text/csv', 'application/xml', 'application/x-ndjson'],
      },
      400: 'A bad parameter',
      403: forbidden(
        'A site that is not yours (not_your_site) or not approved in the program (not_approved)',
      ),
      404: 'Unknown program',
    },
  }),
} as const;
