import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import type { FeedFormat } from '../feeds/feed-records.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { FEEDS_GUIDE_PATH } from './guides.js';
import { isMessageKey } from './i18n.js';
import { parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { advertiserOf, verifyCsrf, webContext, type WebContext } from './web-context.js';

/** The largest feed file the portal takes (read whole before the import, so a refusal stores nothing). */
export const PORTAL_FEED_MAX_BYTES = 20 * 1024 * 1024;
const MAX_WORDS = '20 MiB';
/** Refused rows listed on the page; the count of the rest is said. */
const REFUSED_SHOWN = 20;

/** A file's format by its name (`.gz` aside), else by the type the browser gave it. */
const EXTENSIONS: Readonly<Record<string, FeedFormat>> = { csv: 'csv', tsv: 'tsv', xml: 'xml' };
const TYPES: Readonly<Record<string, FeedFormat>> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

/**
 * The advertiser's product feed page per program (issue 29): the active product count, the
 * last import's report (accepted, refused rows with their reasons, gone) and an upload form
 * that calls the same service method as `POST /api/v1/programs/{programId}/feed-imports`.
 */
export function registerAdvertiserFeedPages(app: FastifyInstance, network: Network): void {
  const path = (programId: string) => `/advertiser/feeds/${encodeURIComponent(programId)}`;

  const render = async (
    context: WebContext,
    programId: string,
    message: SafeHtml | string = '',
  ) => {
    const advertiserId = advertiserOf(context);
    // Refuses a program that is not the advertiser's (404) before anything is shown.
    const last = await network.feeds.lastImport(advertiserId, programId);
    const program = network.cache.program(programId)!;
    const name = program.terms.file.name;
    const deeplinking = program.terms.file.tracking.deeplinking;
    const count = await network.feeds.activeCount(programId);
    const t = context.t;
    return html`<h1>${t('feeds.title')}: ${name}</h1>
      ${message}
      <p class="muted">${t('feeds.intro', { program: name })}</p>
      <p><a href="${FEEDS_GUIDE_PATH}">${t('feeds.guideLink')}</a></p>
      <p><strong>${t('feeds.activeCount', { count })}</strong></p>
      <section class="card" aria-labelledby="feed-last-import">
        <h2 id="feed-last-import">${t('feeds.lastImport')}</h2>
        ${last === undefined ? html`<p>${t('feeds.noImport')}</p>` : lastImportReport(context, last)}
      </section>
      <section class="card" aria-labelledby="feed-upload">
        <h2 id="feed-upload">${t('feeds.upload')}</h2>
        <form method="post" action="${path(programId)}" enctype="multipart/form-data" class="stack">
          ${csrfField(context)}
          <label
            >${t('feeds.file')}
            <input
              name="feed"
              type="file"
              required
              accept=".csv,.tsv,.xml,.gz,text/csv,text/tab-separated-values,application/xml,text/xml,application/gzip"
              aria-describedby="feed-file-hint"
            />
            <span class="muted" id="feed-file-hint"
              >${t('feeds.fileHint', {
                max: MAX_WORDS,
                domains: deeplinking.allowed ? deeplinking.domains.join(', ') : '—',
              })}</span
            ></label
          >
          <button type="submit">${t('feeds.import')}</button>
        </form>
        <p class="muted">${t('feeds.byApi', { programId })}</p>
      </section>
      ${
        // The feed URL fetched on a schedule (PUT /api/v1/programs/{programId}/feed-source)
        // gets its own section here, once its service exists.
        ''
      }`;
  };

  app.get('/advertiser/feeds/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    return sendPage(reply, context, context.t('feeds.title'), await render(context, programId));
  });

  app.post('/advertiser/feeds/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const advertiserId = advertiserOf(context);
    // Another advertiser's program is refused (404) before the file is read.
    await network.feeds.lastImport(advertiserId, programId);
    return answerForm(
      network,
      reply,
      context,
      context.t('feeds.title'),
      (message) => render(context, programId, message),
      async () => {
        const upload = await readFeedUpload(request, context);
        const report = await network.feeds.import(
          advertiserId,
          programId,
          upload.format,
          Readable.from([upload.content]),
          `user:${context.session!.user.id}`,
          network.now(),
        );
        return notice(
          report.refusedCount === 0 ? 'success' : 'warning',
          context.t('feeds.imported', {
            accepted: report.accepted,
            refused: report.refusedCount,
            gone: report.gone,
          }),
        );
      },
      path(programId),
    );
  });
}

function lastImportReport(
  context: WebContext,
  last: {
    format: string;
    accepted: number;
    refusedCount: number;
    gone: number;
    refused: RefusedRowView[];
    at: number;
  },
): SafeHtml {
  const t = context.t;
  const shown = last.refused.slice(0, REFUSED_SHOWN);
  return html`<dl class="facts">
      <dt>${t('feeds.at')}</dt>
      <dd>${new Date(last.at).toISOString().slice(0, 16).replace('T', ' ')} UTC</dd>
      <dt>${t('feeds.format')}</dt>
      <dd>${last.format.toUpperCase()}</dd>
      <dt>${t('feeds.accepted')}</dt>
      <dd>${last.accepted}</dd>
      <dt>${t('feeds.refused')}</dt>
      <dd>${last.refusedCount}</dd>
      <dt>${t('feeds.gone')}</dt>
      <dd>${last.gone}</dd>
    </dl>
    ${
      shown.length === 0
        ? ''
        : html`<div
              class="table-scroll"
              tabindex="0"
              role="region"
              aria-label="${t('feeds.refusedRows')}"
            >
              <table tabindex="0">
                <caption>
                  ${t('feeds.refusedRows')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('feeds.where')}</th>
                    <th scope="col">${t('feeds.productId')}</th>
                    <th scope="col">${t('feeds.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map(
                    (r) =>
                      html`<tr>
                        <td>${whereOf(context, last.format, r)}</td>
                        <td>
                          ${r.productId === undefined ? '—' : html`<code>${r.productId}</code>`}
                        </td>
                        <td>${reasonOf(context, r)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="muted">${t('feeds.whereHint')}</p>
            ${
              last.refusedCount > shown.length
                ? html`<p class="muted">
                    ${t('feeds.moreRefused', { count: last.refusedCount - shown.length })}
                  </p>`
                : ''
            }`
    }`;
}

/** A refused row of a stored report (one stored before codes and lines has a row and reason). */
interface RefusedRowView {
  row: number;
  line?: number;
  productId?: string;
  code?: string;
  values?: Record<string, string | number>;
  reason: string;
}

/** Where a refused row is: a CSV/TSV file's line (the header is line 1), an XML item. */
function whereOf(context: WebContext, format: string, r: RefusedRowView): string {
  if (format === 'xml') return context.t('feeds.item', { row: r.row });
  return r.line === undefined
    ? context.t('feeds.dataRow', { row: r.row })
    : context.t('feeds.line', { line: r.line });
}

/** Why a row was refused, in the reader's language (its code's words; else the reason). */
function reasonOf(context: WebContext, r: RefusedRowView): string {
  const key = `feeds.refusal.${r.code ?? ''}`;
  if (r.code === undefined || !isMessageKey(key)) return r.reason;
  const text = context.t(key, r.values ?? {});
  return /\{\w+\}/.test(text) ? r.reason : text;
}

/**
 * The uploaded feed file of the form, read whole (at most PORTAL_FEED_MAX_BYTES) before
 * anything is imported: a refusal (no file, an unknown kind, too large) stores nothing. The
 * CSRF token, the form's first field, is checked before the file is read.
 */
async function readFeedUpload(
  request: FastifyRequest,
  context: WebContext,
): Promise<{ format: FeedFormat; content: Buffer }> {
  if (!request.isMultipart())
    throw new DomainError('feed_format_unknown', 'upload the feed file with the form');
  const fields: Record<string, string> = {};
  let upload: { format: FeedFormat; content: Buffer } | undefined;
  for await (const part of request.parts({ limits: { fileSize: PORTAL_FEED_MAX_BYTES } })) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    verifyCsrf(context, fields);
    if (upload !== undefined || part.fieldname !== 'feed' || !part.filename) {
      await part.toBuffer().catch(() => undefined);
      continue;
    }
    const format = formatOf(part.filename, part.mimetype);
    let content: Buffer;
    try {
      content = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new DomainError(
          'feed_file_too_large',
          `the feed file is larger than ${MAX_WORDS}: gzip it, or send it by API (POST …/feed-imports)`,
          [],
          { max: MAX_WORDS },
        );
      throw error;
    }
    if (format === undefined)
      throw new DomainError(
        'feed_format_unknown',
        `${part.filename}: choose a CSV, TSV or XML file (.csv, .tsv, .xml, optionally gzipped: .csv.gz)`,
      );
    upload = { format, content };
  }
  verifyCsrf(context, fields);
  if (upload === undefined || upload.content.byteLength === 0)
    throw new DomainError(
      'invalid_body',
      'choose the feed file: CSV, TSV or XML (optionally gzipped)',
    );
  return upload;
}

function formatOf(filename: string, type: string): FeedFormat | undefined {
  const name = filename.toLowerCase().replace(/\.gz$/, '');
  const extension = /\.([a-z]+)$/.exec(name)?.[1] ?? '';
  return EXTENSIONS[extension] ?? TYPES[type.split(';')[0]!.trim().toLowerCase()];
}
