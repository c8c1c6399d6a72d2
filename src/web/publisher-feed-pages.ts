import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { FeedDownloadFormat } from '../services/feeds-service.js';
import type { ApprovedMembershipView } from '../services/publisher-views.js';
import { html, type SafeHtml } from './html.js';
import { baseUrl, sendPage } from './respond.js';
import { FEEDS_GUIDE_PATH } from './guides.js';
import { parseParams, parseQuery, pathIds } from './form-input.js';
import { publisherOf, webContext, type WebContext } from './web-context.js';

const FORMATS = ['csv', 'xml', 'jsonl'] as const satisfies readonly FeedDownloadFormat[];
const TYPES: Readonly<Record<FeedDownloadFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** An amount such as 19.99, in cents; an empty field is no filter. */
const price = z
  .string()
  .trim()
  .max(20)
  .refine((text) => {
    const value = parseDecimal(text);
    const minor = value === undefined ? undefined : toMinorUnits(value, 2);
    return minor !== undefined && minor >= 0;
  }, 'expected an amount such as 19.99')
  .transform((text) => toMinorUnits(parseDecimal(text)!, 2)!)
  .optional();

/** The download's query: the API's filters, and whether the file itself is gzipped. */
const DOWNLOAD_QUERY = z.object({
  siteId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected one of your sites'),
  format: z.enum(FORMATS).default('csv'),
  gzip: z.boolean().optional(),
  category: z.string().trim().max(200).optional(),
  brand: z.string().trim().max(200).optional(),
  minPrice: price,
  maxPrice: price,
});

/**
 * The publisher's product feeds (issue 29): the programs it is approved in that have a feed,
 * download links per approved site and format, a filtered download as a small GET form, and
 * the download itself for the portal's session (the API's takes a bearer token only), calling
 * the same service method as `GET /api/v1/publisher/feeds/{programId}`, which refuses a site
 * that is not the publisher's or not approved in the program.
 */
export function registerPublisherFeedPages(app: FastifyInstance, network: Network): void {
  app.get('/publisher/feeds', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const byProgram = new Map<string, ApprovedMembershipView[]>();
    for (const membership of await network.publisherViews.approvedMemberships(publisherId))
      byProgram.set(membership.programId, [
        ...(byProgram.get(membership.programId) ?? []),
        membership,
      ]);
    const feeds: { memberships: ApprovedMembershipView[]; count: number }[] = [];
    for (const memberships of byProgram.values()) {
      const count = await network.feeds.activeCount(memberships[0]!.programId);
      if (count > 0) feeds.push({ memberships, count });
    }
    const t = context.t;
    const body = html`<h1>${t('feeds.publisherTitle')}</h1>
      <p class="muted">${t('feeds.publisherIntro')}</p>
      <p><a href="${FEEDS_GUIDE_PATH}">${t('feeds.guideLink')}</a></p>
      ${
        feeds.length === 0
          ? html`<p>${t('feeds.noFeeds')}</p>`
          : feeds.map((feed) => programFeed(context, feed.memberships, feed.count))
      }`;
    return sendPage(reply, context, t('feeds.publisherTitle'), body);
  });

  app.get('/publisher/feeds/:programId/download', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { programId } = parseParams(pathIds('programId'), request);
    const query = parseQuery(DOWNLOAD_QUERY, request);
    const chunks = await network.feeds.download(
      publisherId,
      programId,
      query.siteId,
      query.format,
      {
        category: query.category,
        brand: query.brand,
        minPriceMinor: query.minPrice,
        maxPriceMinor: query.maxPrice,
      },
      baseUrl(network, request),
    );
    const name = `feed-${programId.replace(/[^\w-]/g, '')}-${query.siteId}.${query.format}`;
    const stream = Readable.from(chunks);
    if (query.gzip)
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="${name}.gz"`)
        .send(stream.pipe(createGzip()));
    return reply
      .type(TYPES[query.format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(stream);
  });
}

function programFeed(
  context: WebContext,
  memberships: ApprovedMembershipView[],
  count: number,
): SafeHtml {
  const t = context.t;
  const { programId, programName } = memberships[0]!;
  const href = (siteId: string, format: FeedDownloadFormat, gzip: boolean) =>
    `/publisher/feeds/${encodeURIComponent(programId)}/download?siteId=${encodeURIComponent(siteId)}&format=${format}${gzip ? '&gzip=1' : ''}`;
  const headingId = `feed-${programId}`;
  return html`<section class="card" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${programName}</h2>
    <p class="muted">${t('feeds.products', { count })}</p>
    <div
      class="table-scroll"
      tabindex="0"
      role="region"
      aria-label="${t('feeds.downloads', { program: programName })}"
    >
      <table tabindex="0">
        <thead>
          <tr>
            <th scope="col">${t('feeds.site')}</th>
            ${FORMATS.map((format) => html`<th scope="col">${format.toUpperCase()}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${memberships.map(
            (m) =>
              html`<tr>
                <th scope="row">${m.siteName}</th>
                ${FORMATS.map(
                  (format) =>
                    html`<td>
                      <a href="${href(m.siteId, format, false)}" download
                        >${format.toUpperCase()}</a
                      >
                      ·
                      <a
                        href="${href(m.siteId, format, true)}"
                        download
                        aria-label="${t('feeds.gzipped', { format: format.toUpperCase() })}, ${m.siteName}"
                        >.gz</a
                      >
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <details>
      <summary>${t('feeds.filtered')}</summary>
      <form
        method="get"
        action="/publisher/feeds/${encodeURIComponent(programId)}/download"
        class="stack"
      >
        <label
          >${t('feeds.site')}
          <select name="siteId">
            ${memberships.map((m) => html`<option value="${m.siteId}">${m.siteName}</option>`)}
          </select></label
        >
        <label
          >${t('feeds.format')}
          <select name="format">
            ${FORMATS.map((format) => html`<option value="${format}">${format.toUpperCase()}</option>`)}
          </select></label
        >
        <label>${t('feeds.category')} <input name="category" maxlength="200" /></label>
        <label>${t('feeds.brand')} <input name="brand" maxlength="200" /></label>
        <label
          >${t('feeds.minPrice')} <input name="minPrice" inputmode="decimal" maxlength="20"
        /></label>
        <label
          >${t('feeds.maxPrice')} <input name="maxPrice" inputmode="decimal" maxlength="20"
        /></label>
        <label><input type="checkbox" name="gzip" value="1" /> ${t('feeds.gzip')}</label>
        <button type="submit">${t('feeds.download')}</button>
      </form>
    </details>
  </section>`;
}
