import { programIsLive } from '../domain/programs/review.js';
import { prohibitedWords } from '../domain/terms/compile-terms.js';
import { statusBadge } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { PROMOTION_METHODS } from '../services/accounts-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseQuery } from './form-input.js';
import { z } from 'zod';
import type { BrandMatch } from '../domain/compliance/screen-brands.js';
import { csrfField, notice } from './layout.js';
import { translate } from './i18n.js';
import { methodWords } from '../i18n/words.js';
import { publisherOf, webContext, type WebContext } from './web-context.js';

/** Brand-screening hits of a new site or application, shown to the publisher. */
function brandWarning(context: WebContext, matches: readonly BrandMatch[]): SafeHtml | string {
  if (matches.length === 0) return '';
  return notice(
    'warning',
    html`${context.t('signup.brandWarning')}
    ${matches.map((m) => `${m.brand} (${m.kind}, ${m.field})`).join('; ')}`,
  );
}

/** `?program=` names the program to apply to first (the program page's apply button). */
const APPLICATIONS_QUERY = z.object({ program: z.string().max(64).optional() });

/**
 * The publisher's sites and program applications, each screened for the programs' brands.
 */
export function registerPublisherSitePages(app: FastifyInstance, network: Network): void {
  const applicationsPage = async (
    context: WebContext,
    publisherId: string,
    message?: SafeHtml,
    chosenProgramId?: string,
  ) => {
    const sites = await network.publisherViews.sites(publisherId);
    const memberships = await network.applications.ofPublisher(publisherId);
    // The program the visitor came from (its page's "apply" button) comes first, its form focused.
    const programs = network.cache
      .programs()
      .filter(programIsLive)
      .sort((a, b) => Number(b.id === chosenProgramId) - Number(a.id === chosenProgramId));
    return html`<h1>${context.t('nav.applications')}</h1>
      ${message ?? ''}
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherSite.program')}</th>
            <th>Site</th>
            <th>${context.t('publisherSite.status')}</th>
            <th>${context.t('publisherSite.note')}</th>
          </tr>
        </thead>
        <tbody>
          ${memberships.map((m) => {
            const matches = m.brandMatches;
            return html`<tr>
              <td>${m.programName}</td>
              <td>${m.siteName}</td>
              <td>${statusBadge(m.status, context.locale)}</td>
              <td>
                ${m.reason ?? ''}${matches.length > 0 ? html` <span class="muted">${context.t('advertiser.brandScreening')}: ${matches.map((x) => `${x.brand} (${x.field})`).join(', ')}</span>` : ''}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${programs.map((program) => {
        const file = program.terms.file;
        const methods = [...new Set([...PROMOTION_METHODS, ...file.policies.map((p) => p.method)])];
        const status = new Map(file.policies.map((p) => [p.method, p]));
        return html`<h2 id="apply-${program.id}">
            ${context.t('publisherSite.applyTo')} ${file.name}
          </h2>
          <form method="post" action="/publisher/applications" class="stack card">
            ${csrfField(context)}
            <input type="hidden" name="programId" value="${program.id}" />
            <label
              >Site
              <select name="siteId" ${program.id === chosenProgramId ? html`autofocus` : ''}>
                ${sites.map((site) => html`<option value="${site.id}">${site.name} (${site.url})</option>`)}
              </select></label
            >
            <fieldset>
              <legend>${context.t('signup.methods')}</legend>
              ${methods.map((method) => {
                const policy = status.get(method);
                const closed = policy?.status === 'forbidden' || policy?.status === 'closed';
                return html`<label
                  ><input
                    type="checkbox"
                    name="promotionMethods"
                    value="${method}"
                    ${closed ? html` disabled` : ''}
                  />
                  ${methodWords(method, context.locale)}${policy ? html` <span class="badge ${policy.status}">${translate(context.locale, `policy.${policy.status}`)}</span> <code>${policy.rule}</code>` : ''}</label
                >`;
              })}
            </fieldset>
            ${
              file.prohibitedContent.length === 0
                ? ''
                : html`<fieldset>
                    <legend>
                      ${context.t('publisherSite.mySiteHasContentOf')}${file.prohibitedContentRule ? html` (<code>${file.prohibitedContentRule}</code>)` : ''}
                    </legend>
                    ${file.prohibitedContent.map((entry) => html`<label><input type="checkbox" name="contentCategories" value="${entry.id}" /> <code>${entry.id}</code> ${prohibitedWords(entry, context.locale)}</label>`)}
                  </fieldset>`
            }
            <label
              ><input type="checkbox" name="acceptRules" value="yes" required />
              ${context.t('publisherSite.iAcceptTheProgramRules', { program: file.name })}${file.documents.length > 0 ? `: ${file.documents.map((document) => document.title[context.locale]).join(', ')}` : ''}
              –
              <a href="/programs/${program.slug}${file.documents.length > 0 ? '#documents' : ''}"
                >${context.t('publisherSite.readThem')}</a
              ></label
            >
            <button type="submit">${context.t('program.apply')}</button>
          </form>`;
      })}`;
  };

  const sitesPage = async (context: WebContext, publisherId: string, message?: SafeHtml) => {
    const sites = await network.publisherViews.sites(publisherId);
    return html`<h1>${context.t('publisherSite.yourSites')}</h1>
      ${message ?? ''}
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherSite.name')}</th>
            <th>URL</th>
            <th>${context.t('publisherSite.status')}</th>
            <th>id</th>
          </tr>
        </thead>
        <tbody>
          ${sites.map(
            (site) =>
              html`<tr>
                <td>${site.name}</td>
                <td>${site.url}</td>
                <td>${statusBadge(site.status, context.locale)}</td>
                <td class="mono">${site.id}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${context.t('publisherSite.addASite')}</h2>
      <form method="post" action="/publisher/sites" class="stack card">
        ${csrfField(context)}
        <label>${context.t('signup.siteName')} <input name="name" required /></label>
        <label
          >${context.t('signup.website')}
          <input type="url" name="url" required placeholder="https://"
        /></label>
        <fieldset>
          <legend>${context.t('signup.methods')}</legend>
          ${PROMOTION_METHODS.map(
            (method) =>
              html`<label
                ><input type="checkbox" name="promotionMethods" value="${method}" />
                ${methodWords(method, context.locale)}</label
              >`,
          )}
        </fieldset>
        <button type="submit">${context.t('publisherSite.addSite')}</button>
      </form>`;
  };

  app.get('/publisher/sites', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return sendPage(
      reply,
      context,
      context.t('publisherSite.sites'),
      await sitesPage(context, publisherId),
    );
  });

  app.post('/publisher/sites', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('publisherSite.sites'),
      (message) => sitesPage(context, publisherId, message),
      async () => {
        const { brandMatches } = await network.accounts.addSite(
          publisherId,
          parseForm(BODIES.site, request.body),
          network.now(),
        );
        return html`${notice('success', context.t('publisherSite.siteAddedApplyWithIt'))}${brandWarning(context, brandMatches)}`;
      },
      '/publisher/sites',
    );
  });

  app.get('/publisher/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return sendPage(
      reply,
      context,
      context.t('nav.applications'),
      await applicationsPage(
        context,
        publisherId,
        undefined,
        parseQuery(APPLICATIONS_QUERY, request).program,
      ),
    );
  });

  app.post('/publisher/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.applications'),
      (message) => applicationsPage(context, publisherId, message),
      async () => {
        const { acceptRules, ...form } = parseForm(BODIES.application, request.body);
        const { brandMatches } = await network.applications.apply(
          { publisherId, ...form, acceptedRules: acceptRules },
          network.now(),
        );
        return html`${notice('success', context.t('publisherSite.applicationSentTheAdvertiserDecides'))}${brandWarning(context, brandMatches)}`;
      },
      '/publisher/applications',
    );
  });
}
