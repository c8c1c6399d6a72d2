import { z } from 'zod';
import { defineRoute } from './contract.js';
import { idParam, queryEnum, queryText } from './params.js';

const refusedRow = z.object({ row: z.number(), reason: z.string() });

export const FeedImportReport = z.object({
  importId: z.string(),
  accepted: z.number().meta({ description: 'products stored from this file' }),
  refusedCount: z.number().meta({ description: 'rows refused' }),
  refused: z
    .array(refusedRow)
    .meta({ description: 'the first 1,000 refused rows, each with what to fix' }),
  gone: z.number().meta({ description: 'products of the last import this file no longer lists' }),
});

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
      400: 'The file cannot be read as a feed (feed_unreadable), e.g. no header row or a <!DOCTYPE>',
      404: 'Not your program',
      415: 'Not CSV, TSV or XML (feed_format_unknown)',
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
      400: 'Not your site, not approved (not_approved) or a bad parameter',
      404: 'Unknown program',
    },
  }),
} as const;
