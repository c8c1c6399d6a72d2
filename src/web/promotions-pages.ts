import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { PROMOTION_KINDS } from '../domain/promotions/promotions.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '../domain/dates.js';
import type { PromotionView, PublisherPromotionView } from '../services/promotions-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, baseUrl, sendPage } from './respond.js';
import { parseForm, parseParams, parseQuery, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { advertiserOf, publisherOf, webContext, type WebContext } from './web-context.js';
import { formatDate } from './format.js';

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
const SITE_QUERY = z.object({ siteId: z.string().max(64).optional() });

/**
 * Promotions in the portal (issue 29): the advertiser's page per program (publish, withdraw)
 * and the publisher's list of running promotions with tracked links. Both call the same
 * service as the API.
 */
export function registerPromotionPages(app: FastifyInstance, network: Network): void {
  const path = (programId: string) => `/advertiser/promotions/${encodeURIComponent(programId)}`;

  const advertiserPage = async (
    context: WebContext,
    programId: string,
    message: SafeHtml | string = '',
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
      <form method="post" action="${path(programId)}" class="stack">
        ${csrfField(context)}
        <label>${t('promotions.titleNl')} <input name="titleNl" required maxlength="120" /></label>
        <label>${t('promotions.titleEn')} <input name="titleEn" required maxlength="120" /></label>
        <label
          >${t('promotions.descriptionNl')}
          <textarea name="descriptionNl" maxlength="1000"></textarea>
        </label>
        <label
          >${t('promotions.descriptionEn')}
          <textarea name="descriptionEn" maxlength="1000"></textarea>
        </label>
        <label
          >${t('promotions.url', { domains: deeplinking.allowed ? deeplinking.domains.join(', ') : '—' })}
          <input name="url" type="url" ${deeplinking.allowed ? '' : 'disabled'}
        /></label>
        <label
          >${t('promotions.kind')}
          <select name="kind">
            ${PROMOTION_KINDS.map((kind) => html`<option value="${kind}">${t(`promotions.kind.${kind}`)}</option>`)}
          </select></label
        >
        <label
          >${t('promotions.code')} <input name="code" maxlength="40" autocomplete="off"
        /></label>
        <label
          >${t('promotions.exclusive')}
          <select name="exclusiveSiteId">
            <option value="">${t('promotions.everyone')}</option>
            ${sites.map((site) => html`<option value="${site.siteId}">${site.siteName} (${site.publisherName})</option>`)}
          </select></label
        >
        <label>${t('promotions.startsOn')} <input name="startsOn" type="date" required /></label>
        <label>${t('promotions.endsOn')} <input name="endsOn" type="date" required /></label>
        <button type="submit">${t('promotions.publish')}</button>
      </form>`;
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
    return answerForm(
      network,
      reply,
      context,
      context.t('promotions.title'),
      (message) => advertiserPage(context, programId, message),
      async () => {
        const form = parseForm(PROMOTION_FORM, request.body);
        const made = await network.promotions.create(
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
        return notice(
          'success',
          context.t('promotions.published', {
            title: context.locale === 'nl' ? made.title.nl : made.title.en,
          }),
        );
      },
      path(programId),
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
        await network.promotions.delete(advertiserId, programId, promotionId);
        return notice('success', context.t('promotions.withdrawn'));
      },
      path(programId),
    );
  });

  app.get('/publisher/promotions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { siteId } = parseQuery(SITE_QUERY, request);
    // The service refuses a site that is not the publisher's (not_your_site).
    const promotions = await network.promotions.forPublisher(
      publisherId,
      siteId,
      baseUrl(network, request),
      context.now,
    );
    const sites = await network.publisherViews.sites(publisherId);
    const t = context.t;
    const body = html`<h1>${t('promotions.title')}</h1>
      <p class="muted">${t('promotions.publisherIntro')}</p>
      <form method="get" action="/publisher/promotions" class="inline">
        <label
          >${t('promotions.site')}
          <select name="siteId">
            <option value="">${t('promotions.allSites')}</option>
            ${sites.map((site) => html`<option value="${site.id}" ${site.id === siteId ? 'selected' : ''}>${site.name}</option>`)}
          </select></label
        >
        <button type="submit">${t('promotions.show')}</button>
        <a href="/api/v1/publisher/promotions?format=csv${siteId ? `&siteId=${siteId}` : ''}"
          >${t('promotions.csv')}</a
        >
      </form>
      ${
        promotions.length === 0
          ? html`<p>${t('promotions.none')}</p>`
          : html`<ul class="cards">
              ${promotions.map((p) => publisherCard(context, p))}
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
  const lastDay = isoDateOfDayNumber(Math.floor((Date.parse(p.endsAt) - 1) / DAY));
  return html`<tr>
    <td>${context.locale === 'nl' ? p.title.nl : p.title.en}</td>
    <td>${p.code === null ? '—' : html`<code>${p.code}</code>`}</td>
    <td>
      ${p.exclusiveSiteId === null ? t('promotions.everyone') : (site?.siteName ?? p.exclusiveSiteId)}
    </td>
    <td>${formatDate(Date.parse(p.startsAt), context.locale)} – ${lastDay}</td>
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

function publisherCard(context: WebContext, p: PublisherPromotionView): SafeHtml {
  const t = context.t;
  const title = context.locale === 'nl' ? p.title.nl : p.title.en;
  const description =
    p.description === null ? '' : context.locale === 'nl' ? p.description.nl : p.description.en;
  const id = `link-${p.id}-${p.siteId}`;
  return html`<li class="card">
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
    ${p.code === null ? '' : html`<p>${t('promotions.code')}: <code>${p.code}</code></p>`}
    <label for="${id}">${t('promotions.trackingLink')}</label>
    <input id="${id}" readonly value="${p.trackingLink}" class="mono" />
  </li>`;
}
