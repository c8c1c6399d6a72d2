import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { ReasonCode } from '../domain/engine/reasons.js';
import { nameIn, prohibitedWords, versionInForce } from '../domain/terms/compile-terms.js';
import { HttpError } from '../http/http-errors.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { formatAmountText, formatRate } from './format.js';
import { translate } from './i18n.js';
import { methodWords } from '../i18n/words.js';
import { webContext, type WebContext } from './web-context.js';
import { parseQuery } from '../http/query-params.js';
import {
  directoryQuerySchema,
  type DirectoryEntry,
  type DirectoryQuery,
} from '../domain/programs/directory.js';
import type { DirectoryFacets } from '../services/program-directory-service.js';
import { parseParams, pathIds } from './form-input.js';
import { statusBadge } from './status-badge.js';

/**
 * The public program directory and program pages: server-rendered, readable without
 * JavaScript, in Dutch and English, rendered from the terms file so what a publisher reads is
 * what the engine pays.
 */
export function registerPublicPages(app: FastifyInstance, network: Network): void {
  app.get('/', async (request, reply) => reply.redirect('/programs'));

  app.get('/programs', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const query = parseQuery(directoryQuerySchema, request.query);
    const { programs, facets } = await network.directory.browse(query, context.now);
    const body = html`<h1>${context.t('programs.title')}</h1>
      <p class="muted">${context.t('programs.intro')}</p>
      ${directoryForm(context, query, facets)}
      ${programs.length === 0 ? html`<p>${context.t('programs.none')}</p>` : ''}
      ${programs.map((program) => directoryCard(context, program))}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(page(context, { title: context.t('programs.title'), body }));
  });

  app.get('/programs/:slug', async (request, reply) => {
    const { slug } = parseParams(pathIds('slug'), request);
    const context = await webContext(network, request, reply);
    const program = network.cache.programs().find((candidate) => candidate.slug === slug);
    // A program the network has not approved is shown only to its advertiser and the admin.
    const user = context.session?.user;
    const mayPreview =
      user?.role === 'admin' ||
      (user?.role === 'advertiser' && user.advertiserId === program?.advertiserId);
    if (program === undefined || (program.review !== 'approved' && !mayPreview))
      throw new HttpError('unknown_program', `no program "${slug}": see /programs for the list`);
    const publisherId = user?.role === 'publisher' ? user.publisherId : null;
    return reply.type('text/html; charset=utf-8').send(
      page(context, {
        title: program.terms.file.name,
        body: programPage(context, {
          ...program,
          feedProducts: await network.feeds.activeCount(program.id),
          ...(publisherId === null
            ? {}
            : { publisher: await publisherStanding(network, publisherId, program.id) }),
        }),
      }),
    );
  });
}

/** A logged-in publisher's applications to one program, site by site. */
async function publisherStanding(
  network: Network,
  publisherId: string,
  programId: string,
): Promise<PublisherStanding> {
  const applications = (await network.applications.ofPublisher(publisherId))
    .filter((application) => application.programId === programId)
    .map(({ siteId, siteName, status, reason }) => ({ siteId, siteName, status, reason }));
  const applied = new Set(applications.map((application) => application.siteId));
  const sites = await network.publisherViews.sites(publisherId);
  return {
    applications,
    unappliedSites: sites.filter((site) => !applied.has(site.id)).length,
  };
}

function directoryForm(
  context: WebContext,
  query: DirectoryQuery,
  facets: DirectoryFacets,
): SafeHtml {
  const { t } = context;
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}" ${value === (current ?? '') ? html` selected` : ''}>
      ${label}
    </option>`;
  return html`<form method="get" action="/programs" class="card filters" role="search">
    <label>${t('programs.search')} <input type="search" name="q" value="${query.q ?? ''}" /></label>
    <label
      >${t('programs.category')}
      <select name="category">
        ${option('', t('programs.any'), query.category)}
        ${facets.categories.map((category) => option(category, category, query.category))}
      </select></label
    >
    <label
      >${t('programs.type')}
      <select name="type">
        ${option('', t('programs.any'), query.type)}
        ${option('sale', t('programs.typeSale'), query.type)}
        ${option('lead', t('programs.typeLead'), query.type)}
      </select></label
    >
    <label
      >${t('programs.country')}
      <select name="country">
        ${option('', t('programs.any'), query.country)}
        ${facets.countries.map((country) => option(country, country, query.country))}
      </select></label
    >
    <label
      >${t('programs.sort')}
      <select name="sort">
        ${option('epc', t('programs.sortEpc'), query.sort)}
        ${option('name', t('programs.sortName'), query.sort)}
      </select></label
    >
    <button type="submit">${t('programs.filter')}</button>
  </form>`;
}

function directoryCard(context: WebContext, program: DirectoryEntry): SafeHtml {
  const { t, locale } = context;
  return html`<section class="card program" data-slug="${program.slug}">
    <h2><a href="/programs/${program.slug}">${program.name}</a></h2>
    <p>${program.description[locale]}</p>
    <p>
      ${program.saleRates.map((rate) => html`<span class="badge">${t('programs.typeSale')} ${formatRate(rate, locale)}</span> `)}
      ${program.leadFees.map((fee) => html`<span class="badge">${t('programs.typeLead')} ${formatAmountText(fee, program.currency, locale)}</span> `)}
      ${program.categories.map((category) => html`<span class="badge muted">${category}</span> `)}
    </p>
    <p class="muted">
      <span class="epc"
        >EPC ${program.epc === null ? '–' : `${program.currency} ${program.epc}`}</span
      >
      · ${t('programs.clicks30', { clicks: program.clicks })}
      ${program.markets.length > 0 ? html` · ${program.markets.join(', ')}` : ''}
    </p>
  </section>`;
}

function currentVersion(program: ProgramPageSource, nowMs: number) {
  const compiled = versionInForce(program.terms, nowMs) ?? program.terms.versions.at(-1);
  return program.terms.file.versions.find((version) => version.id === compiled?.id);
}

function countryList(countries: readonly string[], groups: Record<string, string[]>): string {
  return countries
    .map((code) =>
      code.startsWith('group:')
        ? `${code.slice(6).replace(/_/g, ' ')} (${(groups[code.slice(6)] ?? []).join(', ')})`
        : code,
    )
    .join(', ');
}

function ruleCode(rule: string | undefined): SafeHtml | '' {
  return rule === undefined ? '' : html`<code>${rule}</code>`;
}

type VersionFile = NonNullable<ReturnType<typeof currentVersion>>;

/** What earns nothing under the version in force, each with the rule that says so. */
function exclusions(
  context: WebContext,
  program: ProgramPageSource,
  version: VersionFile,
): SafeHtml {
  const { t } = context;
  const rules = program.terms.reasonRules;
  const ruleOf = (code: ReasonCode) => ruleCode(rules[code]);
  const { virtualProducts, categories, stores } = version.exclusions;
  return html`<h3>${t('program.exclusions')}</h3>
    <ul>
      ${
        virtualProducts || categories.length > 0
          ? html`<li>
              ${t(virtualProducts ? 'program.excludedVirtual' : 'program.excludedCategories')}:
              ${categories.map((category, i) => html`${i > 0 ? ', ' : ''}<code>${category}</code>`)}
              ${ruleOf('virtual_product')}
            </li>`
          : ''
      }
      ${stores.length > 0 ? html`<li>${t('program.excludedStores')}: ${stores.join(', ')} ${ruleOf('excluded_store')}</li>` : ''}
      ${version.sellerCountries ? html`<li>${t('program.sellerCountries')} ${version.sellerCountries.join(', ')} ${ruleOf('seller_not_prc')}</li>` : ''}
      <li>
        ${t('program.orderCurrencies')} ${version.orderCurrencies.join(', ')}
        ${ruleOf('currency_not_usd')}
      </li>
      ${version.vouchers ? html`<li>${t('program.maxVouchers', { count: version.vouchers.maxPerOrder })} ${ruleOf('multiple_vouchers')}</li>` : ''}
    </ul>`;
}

/** A logged-in publisher's applications to the program shown, and its sites not applied with. */
export interface PublisherStanding {
  applications: { siteId: string; siteName: string; status: string; reason: string | null }[];
  unappliedSites: number;
}

/** What a program page is rendered from: a listed program, or a draft in the terms editor. */
export type ProgramPageSource = Pick<CachedProgram, 'id' | 'slug' | 'terms'> & {
  /** Products in the program's feed now (issue 29); a feed with products says so. */
  feedProducts?: number;
  /** The reader's applications, when the reader is a logged-in publisher. */
  publisher?: PublisherStanding;
};

type CommissionGroupFile = VersionFile['commission']['groups'][number];

/**
 * What a commission group prices, as its terms say: the categories or stores it matches, or
 * everything no earlier group matched (the last group; every item when it is the only one).
 */
function groupScope(context: WebContext, group: CommissionGroupFile, only: boolean): string {
  const { categories, stores } = group.match;
  const parts = [
    ...(categories ? [context.t('program.matchCategories', { list: categories.join(', ') })] : []),
    ...(stores ? [context.t('program.matchStores', { list: stores.join(', ') })] : []),
  ];
  if (parts.length > 0) return parts.join('; ');
  return context.t(only ? 'program.matchAll' : 'program.matchRest');
}

/**
 * The page's call to action, by who reads it: a visitor signs up; a publisher applies, or reads
 * where each of its sites' applications stands (pending, approved with a way to its links,
 * rejected with the reason); an advertiser or the admin is offered nothing.
 */
function callToAction(context: WebContext, program: ProgramPageSource): SafeHtml | '' {
  const { t } = context;
  const role = context.session?.user.role;
  if (role === 'advertiser' || role === 'admin') return '';
  if (role !== 'publisher')
    return html`<h2 id="apply">${t('program.signupSteps')}</h2>
      <section class="card">
        <ol>
          <li>${t('program.step1')}</li>
          <li>${t('program.step2')}</li>
          <li>${t('program.step3')}</li>
        </ol>
        <form method="get" action="/signup" class="inline">
          <input type="hidden" name="program" value="${program.slug}" /><button type="submit">
            ${t('program.startSignup')}
          </button>
        </form>
      </section>`;
  const { applications = [], unappliedSites = 0 } = program.publisher ?? {};
  const applyHref = `/publisher/applications?program=${program.id}`;
  if (applications.length === 0)
    return html`<h2 id="apply">${t('program.apply')}</h2>
      <section class="card">
        <p>${t('program.notApplied')}</p>
        <a class="button" href="${applyHref}">${t('program.apply')}</a>
      </section>`;
  const again = applications.some((application) => application.status === 'rejected');
  return html`<h2 id="apply">${t('program.yourApplications')}</h2>
    <section class="card">
      <ul class="applications">
        ${applications.map(
          (application) =>
            html`<li data-site="${application.siteId}">
              <strong>${application.siteName}</strong>
              ${statusBadge(application.status, context.locale)}
              ${
                application.status === 'approved'
                  ? html`<a
                      class="button"
                      href="/publisher/links?membership=${program.id}:${application.siteId}"
                      >${t('program.goToLinks')}</a
                    >`
                  : application.status === 'pending'
                    ? t('program.applicationPending')
                    : application.status === 'rejected'
                      ? t('program.applicationRejected', { reason: application.reason ?? '–' })
                      : application.status === 'suspended'
                        ? t('program.applicationSuspended')
                        : ''
              }
            </li>`,
        )}
      </ul>
      ${
        unappliedSites > 0 || again
          ? html`<p>
              <a href="${applyHref}"
                >${t(unappliedSites > 0 ? 'program.applyAnother' : 'program.applyAgain')}</a
              >
            </p>`
          : ''
      }
    </section>`;
}

export function programPage(context: WebContext, program: ProgramPageSource): SafeHtml {
  const { t, locale } = context;
  const file = program.terms.file;
  const version = currentVersion(program, context.now);
  const yesNo = (value: boolean) => (value ? t('program.yes') : t('program.no'));
  const documents = file.documents;
  return html`<h1>${file.name}</h1>
    <p class="lead">${file.description[locale]}</p>

    <h2>${t('program.commission')}</h2>
    <table tabindex="0">
      <thead>
        <tr>
          <th>${t('program.event')}</th>
          <th>${t('program.appliesTo')}</th>
          <th class="num">${t('program.rate')}</th>
          <th>${t('program.rule')}</th>
        </tr>
      </thead>
      <tbody>
        ${version?.commission.groups.map(
          (group, _, groups) =>
            html`<tr>
              <td>${nameIn(group.name, locale)}</td>
              <td>${groupScope(context, group, groups.length === 1)}</td>
              <td class="num">${formatRate(group.rate, locale)}</td>
              <td><code>${group.rule}</code></td>
            </tr>`,
        )}
        ${file.events.map((event) =>
          event.kind === 'lead'
            ? html`<tr>
                <td>${event.name}</td>
                <td>${t('program.matchLead', { id: event.id })}</td>
                <td class="num">
                  ${t('program.leadFee', { amount: formatAmountText(event.amount, file.currency, locale) })}
                  ${event.perClick === 'unlimited' ? '' : t('program.perClick', { count: String(event.perClick ?? 1) })}
                </td>
                <td><code>${event.rule}</code></td>
              </tr>`
            : '',
        )}
      </tbody>
    </table>
    ${
      version?.cap
        ? html`<p>
            <strong>${t('program.cap')}:</strong>
            ${t('program.capText', { amount: formatAmountText(version.cap.amount, version.cap.currency, locale) })}
            ${ruleCode(version.cap.rule)}
          </p>`
        : ''
    }
    ${version ? exclusions(context, program, version) : ''}
    ${
      file.benefits[locale].length > 0
        ? html`<h2>${t('program.benefits')} ${file.name}</h2>
            <ul>
              ${file.benefits[locale].map((benefit) => html`<li>${benefit}</li>`)}
            </ul>`
        : ''
    }

    <h2>${t('program.tracking')}</h2>
    <table tabindex="0">
      <tr>
        <th>${t('program.trackingType')}</th>
        <td>
          ${file.tracking.type === 'session' ? t('program.session', { hours: file.tracking.sessionWindowHours }) : t('program.cookie', { days: file.tracking.cookieDays })}
          ${ruleCode(file.tracking.rule)}
        </td>
      </tr>
      <tr>
        <th>${t('program.deeplinking')}</th>
        <td>
          ${file.tracking.deeplinking.allowed ? t('program.deeplinkingYes', { domains: file.tracking.deeplinking.domains.join(', ') }) : t('program.deeplinkingNo')}
          ${ruleCode(file.tracking.deeplinking.rule)}
        </td>
      </tr>
      <tr>
        <th>${t('program.productFeed')}</th>
        <td>
          ${
            (program.feedProducts ?? 0) > 0
              ? html`${yesNo(true)}
                (${t('program.productFeedCount', { count: program.feedProducts! })})`
              : yesNo(file.facts.productFeed)
          }
          ${ruleCode(file.facts.rule)}
        </td>
      </tr>
      <tr>
        <th>${t('program.prepayment')}</th>
        <td>${yesNo(file.facts.prepayment)} ${ruleCode(file.facts.rule)}</td>
      </tr>
      <tr>
        <th>${t('program.validation')}</th>
        <td>
          ${file.validation.approveOnCompletion ? t('program.validationOnCompletion') : ''}
          ${file.validation.deadlineDays === null ? '' : t('program.validationDeadline', { days: file.validation.deadlineDays })}
          ${file.validation.atDeadline === 'approve' ? t('program.validationAutoApprove') : file.validation.atDeadline === 'decline' ? t('program.validationAutoDecline') : ''}
          ${ruleCode(file.validation.rule)}
        </td>
      </tr>
    </table>

    <h2>${t('program.methods')}</h2>
    <p>${file.acceptedMethods[locale]}</p>
    ${
      file.policies.length > 0
        ? html`<h3>${t('program.policies')}</h3>
            <table tabindex="0">
              <thead>
                <tr>
                  <th>${t('program.method')}</th>
                  <th>${t('program.status')}</th>
                  <th>${t('program.rule')}</th>
                </tr>
              </thead>
              <tbody>
                ${file.policies.map(
                  (policy) =>
                    html`<tr>
                      <td>${methodWords(policy.method, locale)}</td>
                      <td>
                        <span class="badge ${policy.status}"
                          >${translate(locale, `policy.${policy.status}`)}</span
                        >
                      </td>
                      <td><code>${policy.rule}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${
      version?.newBuyerBonus && version.newBuyerBonus.rows.length > 0
        ? html`<h2>${t('program.bonus')}</h2>
            <p>${t('program.bonusIntro')} <code>${version.newBuyerBonus.rule}</code></p>
            <table tabindex="0">
              <thead>
                <tr>
                  <th>${t('program.countries')}</th>
                  <th class="num">${t('program.amount')}</th>
                </tr>
              </thead>
              <tbody>
                ${version.newBuyerBonus.rows.map(
                  (row) =>
                    html`<tr>
                      <td>${countryList(row.countries, file.countryGroups)}</td>
                      <td class="num">${formatAmountText(row.amount, file.currency, locale)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }

    <h2>${t('program.contacts')}</h2>
    <ul>
      ${file.contacts.map((contact) => html`<li>${translate(locale, `contact.${contact.role}`)}: ${contact.name}${contact.email ? html` (<a href="mailto:${contact.email}">${contact.email}</a>)` : ''}</li>`)}
    </ul>

    ${
      file.prohibitedContent.length > 0
        ? html`<h2>${t('program.prohibited')}</h2>
            <p class="muted">${file.prohibitedContentRule ?? ''}</p>
            <ul>
              ${file.prohibitedContent.map((entry) => html`<li><code>${entry.id}</code> ${prohibitedWords(entry, locale)}</li>`)}
            </ul>`
        : ''
    }
    ${
      documents.length > 0
        ? html`<h2 id="documents">${t('program.documents')}</h2>
            ${documents.map(
              (document) => html`<details${document.id === 'rules' ? '' : html` open`}>
  <summary><strong>${document.title[locale]}</strong> ${document.lang !== locale ? html`<span class="muted">${document.lang === 'en' ? t('program.writtenIn') : '(Nederlands)'}</span>` : ''}</summary>
  <pre class="document" lang="${document.lang}" tabindex="0">${document.text}</pre>
</details>`,
            )}`
        : ''
    }
    ${callToAction(context, program)}`;
}
