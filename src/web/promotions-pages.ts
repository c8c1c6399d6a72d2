import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { PROMOTION_KINDS } from '../domain/promotions/promotions.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import type { PromotionView, PublisherPromotionView } from '../services/promotions-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, baseUrl, redirectAfterPost, sendPage } from './respond.js';
import { parseForm, parseParams, parseQuery, pathIds, typedValues } from './form-input.js';
import { promotionForm, promotionRefusal } from './promotion-form.js';
import { DomainError } from '../domain/errors.js';
import { statusOfCode } from '../domain/error-codes.js';
import { csrfField, notice } from './layout.js';
import { advertiserOf, publisherOf, webContext, type WebContext } from './web-context.js';
import { formatDate } from './format.js';
import { publisherPromotionsCsv } from '../documents/promotions-csv.js';
import { FEEDS_GUIDE_PATH } from './guides.js';
import { versionInForce } from '../domain/terms/program-terms.js';
import { guidedSetupOf } from '../programs/setup-source.js';
import { liveSetupPath } from './program-setup-edit-pages.js';

const DAY = 86_400_000;
const isoDay = z
  .string()
  .trim()
  .refine((text) => dayNumberOfIsoDate(text) !== undefined, 'expected a day as YYYY-MM-DD');

/** The new promotion form: flat fields a browser sends, days for the period. */
const PROMOTION_FORM = z.object({
  titleNl: z.string().trim().min(1).max(120),
  titleEn: z.string().trim().min(1).max(120),
  descriptionNl: z.string().max(1000).optional(),
  descriptionEn: z.string().max(1000).optional(),
  url: z.string().max(2000).optional(),
  kind: z.enum(PROMOTION_KINDS),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/, '3 to 40 letters, digits, "-" or "_"')
    .optional(),
  exclusiveSiteId: z.string().trim().max(64).optional(),
  startsOn: isoDay,
  endsOn: isoDay,
});

const PROMOTION_ID = z.object({ promotionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const SITE_QUERY = z.object({
  siteId: z.string().max(64).optional(),
  format: z.enum(['html', 'csv']).optional(),
});

/**
 * Promotions in the portal (issue 29): the advertiser's page per program (publish, withdraw)
 * and the publisher's list of running promotions with tracked links. Both call the same
 * service as the API.
 */
/**
 * Whether an exclusive code credits its site under the terms in force now, and a link to where
 * it is set: the guided form's Voucher codes question, or the terms (attribution.voucherCodes).
 */
function voucherModeNote(context: WebContext, programId: string, network: Network): SafeHtml {
  const program = network.cache.program(programId)!;
  const mode =
    (versionInForce(program.terms, context.now) ?? program.terms.versions[0])?.voucherCodes ??
    'none';
  const guided = guidedSetupOf(program.terms.file) !== undefined;
  const terms = `/advertiser/terms/${encodeURIComponent(programId)}`;
  return html`<p class="muted voucher-mode">
    ${context.t('promotions.voucherMode', {
      mode: context.t(`programSetup.voucher.${mode}`).toLowerCase(),
    })}
    <a href="${guided ? `${liveSetupPath(programId)}#setup-vouchers` : terms}"
      >${context.t(guided ? 'promotions.voucherModeGuided' : 'promotions.voucherModeYaml')}</a
    >
  </p>`;
}

export function registerPromotionPages(app: FastifyInstance, network: Network): void {
  const path = (programId: string) => `/advertiser/promotions/${encodeURIComponent(programId)}`;

  const advertiserPage = async (
    context: WebContext,
    programId: string,
    message: SafeHtml | string = '',
    typed: Readonly<Record<string, string>> = {},
  ) => {
    const advertiserId = advertiserOf(context);
    const promotions = await network.promotions.ofProgram(advertiserId, programId, context.now);
    const program = network.cache.program(programId)!;
    const sites = (await network.applications.ofAdvertiser(advertiserId)).filter(
      (row) => row.programId === programId && row.status === 'approved',
    );
    const deeplinking = program.terms.file.tracking.deeplinking;
    const t = context.t;
    return html`<h1>${t('promotions.title')}: ${program.terms.file.name}</h1>
      ${message}
      <p class="muted">${t('promotions.intro', { program: program.terms.file.name })}</p>
      <p><a href="${FEEDS_GUIDE_PATH}">${t('feeds.guideLink')}</a></p>
      ${voucherModeNote(context, programId, network)}
      ${
        promotions.length === 0
          ? html`<p>${t('promotions.none')}</p>`
          : html`<div
              class="table-scroll"
              tabindex="0"
              role="region"
              aria-label="${t('promotions.title')}"
            >
              <table tabindex="0">
                <thead>
                  <tr>
                    <th>${t('promotions.titleEn')}</th>
                    <th>${t('promotions.code')}</th>
                    <th>${t('promotions.exclusive')}</th>
                    <th>${t('promotions.period')}</th>
                    <th>${t('promotions.state')}</th>
                    <th><span class="visually-hidden">${t('promotions.withdraw')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${promotions.map((p) => advertiserRow(context, programId, p, sites))}
                </tbody>
              </table>
            </div>`
      }
      <h2>${t('promotions.new')}</h2>
      ${promotionForm(context, path(programId), deeplinking, sites, typed)}`;
  };

  app.get('/advertiser/promotions/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    return sendPage(
      reply,
      context,
      context.t('promotions.title'),
      await advertiserPage(context, programId),
    );
  });

  app.post('/advertiser/promotions/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const advertiserId = advertiserOf(context);
    let made: PromotionView;
    try {
      const form = parseForm(PROMOTION_FORM, request.body);
      made = await network.promotions.create(
        advertiserId,
        programId,
        {
          title: { nl: form.titleNl, en: form.titleEn },
          description: { nl: form.descriptionNl, en: form.descriptionEn },
          url: form.url,
          kind: form.kind,
          code: form.code,
          exclusiveSiteId: form.exclusiveSiteId,
          startsAt: new Date(dayNumberOfIsoDate(form.startsOn)! * DAY).toISOString(),
          // The last day counts whole: the promotion ends when the next day begins (UTC).
          endsAt: new Date((dayNumberOfIsoDate(form.endsOn)! + 1) * DAY).toISOString(),
        },
        context.now,
      );
    } catch (error) {
      // Refused, nothing stored: the form again as typed, each field to fix named by its label.
      if (!(error instanceof DomainError)) throw error;
      const deeplinking = network.cache.program(programId)!.terms.file.tracking.deeplinking;
      return sendPage(
        reply,
        context,
        context.t('promotions.title'),
        await advertiserPage(
          context,
          programId,
          promotionRefusal(context, error, deeplinking),
          typedValues(request.body),
        ),
        statusOfCode(error.code),
      );
    }
    return redirectAfterPost(
      network,
      reply,
      path(programId),
      notice(
        'success',
        context.t('promotions.published', {
          title: context.locale === 'nl' ? made.title.nl : made.title.en,
        }),
      ),
    );
  });

  app.post('/advertiser/promotions/:programId/:promotionId/withdraw', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const { promotionId } = parseParams(PROMOTION_ID.extend({ programId: z.string() }), request);
    const advertiserId = advertiserOf(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('promotions.title'),
      (message) => advertiserPage(context, programId, message),
      async () => {
        await network.promotions.delete(advertiserId, programId, promotionId, network.now());
        return notice('success', context.t('promotions.withdrawn'));
      },
      path(programId),
    );
  });

  app.get('/publisher/promotions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { siteId, format } = parseQuery(SITE_QUERY, request);
    // The service refuses a site that is not the publisher's (not_your_site); the download
    // is the API's `?format=csv` for a logged-in browser (the API answers only a key).
    const promotions = await network.promotions.forPublisher(
      publisherId,
      siteId,
      baseUrl(network, request),
      context.now,
    );
    if (format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="promotions.csv"')
        .send(publisherPromotionsCsv(promotions));
    const sites = await network.publisherViews.sites(publisherId);
    const siteNames = new Map(sites.map((site) => [site.id, site.name]));
    const t = context.t;
    const body = html`<h1>${t('promotions.title')}</h1>
      <p class="muted">${t('promotions.publisherIntro')}</p>
      <p><a href="${FEEDS_GUIDE_PATH}">${t('feeds.guideLink')}</a></p>
      <form method="get" action="/publisher/promotions" class="inline">
        <label
          >${t('promotions.site')}
          <select name="siteId">
            <option value="">${t('promotions.allSites')}</option>
            ${sites.map((site) => html`<option value="${site.id}" ${site.id === siteId ? 'selected' : ''}>${site.name}</option>`)}
          </select></label
        >
        <button type="submit">${t('promotions.show')}</button>
        <a
          href="/publisher/promotions?format=csv${siteId ? `&siteId=${encodeURIComponent(siteId)}` : ''}"
          >${t('promotions.csv')}</a
        >
      </form>
      ${
        promotions.length === 0
          ? html`<p>${t('promotions.none')}</p>`
          : html`<ul class="cards">
              ${bySite(promotions).map((sitesOf) => publisherCard(context, sitesOf, siteNames))}
            </ul>`
      }`;
    return sendPage(reply, context, t('promotions.title'), body);
  });
}

function advertiserRow(
  context: WebContext,
  programId: string,
  p: PromotionView,
  sites: readonly { siteId: string; siteName: string }[],
): SafeHtml {
  const t = context.t;
  const site = sites.find((s) => s.siteId === p.exclusiveSiteId);
  return html`<tr>
    <td>${context.locale === 'nl' ? p.title.nl : p.title.en}</td>
    <td>${p.code === null ? '—' : html`<code>${p.code}</code>`}</td>
    <td>
      ${p.exclusiveSiteId === null ? t('promotions.everyone') : (site?.siteName ?? p.exclusiveSiteId)}
    </td>
    <td>
      ${formatDate(Date.parse(p.startsAt), context.locale)} –
      ${formatDate(Date.parse(p.endsAt) - 1, context.locale)}
    </td>
    <td>${t(`promotions.state.${p.state}`)}</td>
    <td>
      <details class="confirm">
        <summary>${t('promotions.withdraw')}</summary>
        <form
          method="post"
          action="/advertiser/promotions/${encodeURIComponent(programId)}/${encodeURIComponent(p.id)}/withdraw"
        >
          ${csrfField(context)}
          <p>${t('promotions.withdrawConfirm')}</p>
          <button type="submit">${t('promotions.withdraw')}</button>
        </form>
      </details>
    </td>
  </tr>`;
}

/** The promotions, one entry each with its rows (one per site of the publisher it runs on). */
function bySite(
  promotions: readonly PublisherPromotionView[],
): (readonly PublisherPromotionView[])[] {
  const grouped = new Map<string, PublisherPromotionView[]>();
  for (const p of promotions) grouped.set(p.id, [...(grouped.get(p.id) ?? []), p]);
  return [...grouped.values()];
}

/** One promotion: what it is, its code, and the publisher's link per site, each site named. */
function publisherCard(
  context: WebContext,
  rows: readonly PublisherPromotionView[],
  siteNames: ReadonlyMap<string, string>,
): SafeHtml {
  const t = context.t;
  const p = rows[0]!;
  const title = context.locale === 'nl' ? p.title.nl : p.title.en;
  const description =
    p.description === null ? '' : context.locale === 'nl' ? p.description.nl : p.description.en;
  return html`<li class="card" data-promotion="${p.id}">
    <h2>
      ${title}
      ${p.exclusive ? html`<span class="badge">${t('promotions.exclusiveBadge')}</span>` : ''}
    </h2>
    <p class="muted">
      ${p.programName} · ${t(`promotions.kind.${p.kind}`)} ·
      ${formatDate(Date.parse(p.startsAt), context.locale)} –
      ${formatDate(Date.parse(p.endsAt) - 1, context.locale)}
    </p>
    ${description ? html`<p>${description}</p>` : ''}
    ${p.code === null ? '' : html`<p>${t('promotions.voucherCode')}: <code>${p.code}</code></p>`}
    ${rows.map((row) => {
      const id = `link-${row.id}-${row.siteId}`;
      return html`<label for="${id}"
          >${t('promotions.trackingLinkOf', { site: siteNames.get(row.siteId) ?? row.siteId })}</label
        >
        <textarea id="${id}" readonly rows="2" class="mono link-box" data-site="${row.siteId}">
${row.trackingLink}</textarea>`;
    })}
  </li>`;
}
