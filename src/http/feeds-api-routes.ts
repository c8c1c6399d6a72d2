import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { FEED_ROUTES as ROUTES } from './contracts/feeds.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { routesOf } from './route.js';
import { authenticateUser, publisherIdOf } from './user-auth.js';
import { baseUrl } from './base-url.js';
import { HttpError } from './http-errors.js';
import { parseIsoInstant } from '../domain/dates.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { FeedFormat } from '../feeds/feed-records.js';
import { importStatusUrl } from '../services/feeds-service.js';

/** The media types a feed file comes in, and the format each means. */
const FEED_TYPES: Readonly<Record<string, FeedFormat>> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

const DOWNLOAD_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * Product feeds (issue 29). The import reads its body as a stream (a feed of a million
 * products never in memory whole), so its media types get a pass-through parser in this
 * plugin's own scope; the download is streamed page by page, gzipped when the client asks.
 */
export function registerFeedRoutes(app: FastifyInstance, network: Network): void {
  void app.register(async (feeds) => {
    for (const type of Object.keys(FEED_TYPES)) {
      if (feeds.hasContentTypeParser(type)) feeds.removeContentTypeParser(type);
      feeds.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }
    const route = routesOf(feeds, network);

    route(ROUTES.importFeed, async ({ params, body }, request, reply) => {
      const { advertiserId } = await authenticateAdvertiser(network, request, params.programId);
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = FEED_TYPES[type];
      if (format === undefined || !(body instanceof Readable))
        throw new HttpError(
          'feed_format_unknown',
          'send the feed as text/csv, text/tab-separated-values or application/xml (gzip allowed)',
        );
      const actor = `advertiser:${advertiserId}`;
      const length = Number(request.headers['content-length']);
      if (length > network.feedImportBackgroundBytes) {
        // Received whole first (to a file, never into memory), so the 202 does not cut the
        // upload short; the import then reads the file and deletes it at its end.
        const dir = await mkdtemp(join(tmpdir(), 'affnet-feed-'));
        const cleanup = () => rm(dir, { recursive: true, force: true });
        const file = join(dir, 'upload');
        let importId: string;
        try {
          await pipeline(body, createWriteStream(file));
          ({ importId } = await network.feeds.importInBackground(
            advertiserId,
            params.programId,
            format,
            () => createReadStream(file),
            actor,
            network.now,
            cleanup,
          ));
        } catch (error) {
          await cleanup();
          throw error;
        }
        return reply.code(202).send({
          status: 'running',
          importId,
          statusUrl: importStatusUrl(params.programId, importId),
        });
      }
      const report = await network.feeds.import(
        advertiserId,
        params.programId,
        format,
        body,
        actor,
        network.now(),
      );
      return reply.code(201).send(report);
    });

    route(ROUTES.feedImportStatus, async ({ params }, request) => {
      const { advertiserId } = await authenticateAdvertiser(network, request, params.programId);
      return network.feeds.importStatus(
        advertiserId,
        params.programId,
        params.importId,
        network.now(),
      );
    });

    route(ROUTES.publisherFeed, async ({ params, query }, request, reply) => {
      const publisherId = publisherIdOf(await authenticateUser(network, request, 'publisher'));
      const price = (name: string, text: string | undefined) => {
        if (text === undefined) return undefined;
        const value = parseDecimal(text);
        const minor = value === undefined ? undefined : toMinorUnits(value, 2);
        if (minor === undefined || minor < 0)
          throw new HttpError('invalid_parameter', `${name}: expected an amount such as 19.99`);
        return minor;
      };
      let changedSinceMs: number | undefined;
      if (query.changedSince !== undefined) {
        changedSinceMs = parseIsoInstant(query.changedSince);
        if (changedSinceMs === undefined)
          throw new HttpError(
            'invalid_parameter',
            'changedSince: expected an ISO 8601 instant such as 2027-01-31T00:00:00Z',
          );
      }
      const format = query.format ?? 'csv';
      const chunks = await network.feeds.download(
        publisherId,
        params.programId,
        query.siteId,
        format,
        {
          category: query.category,
          brand: query.brand,
          minPriceMinor: price('minPrice', query.minPrice),
          maxPriceMinor: price('maxPrice', query.maxPrice),
          changedSinceMs,
        },
        baseUrl(network, request),
      );
      const stream = Readable.from(chunks);
      reply.type(DOWNLOAD_TYPES[format]).header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
        return reply.header('content-encoding', 'gzip').send(stream.pipe(createGzip()));
      return reply.send(stream);
    });
  });
}
