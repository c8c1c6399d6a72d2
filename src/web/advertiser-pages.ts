import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { DomainError } from '../domain/errors.js';
import {
  DECLINE_REASONS,
  DECLINE_REASON_TEXT,
  declineReasonOf,
} from '../domain/validation/decline-reasons.js';
import { parseValidationCsv, type ValidationRequest } from '../services/validation-service.js';
import { html, type SafeHtml } from './html.js';
import { field, fields, sendPage, type Form } from './respond.js';
import { csrfField, notice } from './layout.js';
import { formatDate, formatMoney } from './format.js';
import { advertiserOf, verifyCsrf, webContext, type WebContext } from './web-context.js';

/**
 * The advertiser console: applications queue with brand screening and consent, transactions
 * with approve/decline (single, bulk and CSV upload with per-row results), program terms and
 * API keys. Every query is limited to the advertiser's own programs.
 */
export function registerAdvertiserPages(app: FastifyInstance, network: Network): void {
  const programsOf = (advertiserId: string) => network.advertiserViews.programsOf(advertiserId);

  app.get('/advertiser', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const programs = await programsOf(advertiserId);
    const ids = programs.map((p) => p.id);
    const pending = await network.advertiserViews.pending(ids);
    const pendingApplications = pending.applications;
    const pendingTransactions = pending.transactions;
    const invoices = await network.invoices.list({ advertiserId });
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('nav.overview')}</h1>
      <div class="grid">
        <div class="stat">
          <div class="value"><a href="/advertiser/applications">${pendingApplications}</a></div>
          <div class="label">${context.l('applications waiting', 'aanmeldingen wachten')}</div>
        </div>
        <div class="stat">
          <div class="value">
            <a href="/advertiser/transactions?status=pending">${pendingTransactions}</a>
          </div>
          <div class="label">
            ${context.l('transactions to validate', 'transacties te valideren')}
          </div>
        </div>
      </div>
      <h2>${context.l('Programs', 'Programma’s')}</h2>
      <ul>
        ${programs.map((p) => html`<li><a href="/programs/${p.slug}">${p.name}</a> · <a href="/advertiser/terms/${p.id}">${context.t('nav.terms')}</a> · <span class="mono">${p.id}</span></li>`)}
      </ul>
      <h2>${context.l('Invoices', 'Facturen')}</h2>
      <table>
        <thead>
          <tr>
            <th>${context.l('Month', 'Maand')}</th>
            <th class="num">${context.l('Commission', 'Commissie')}</th>
            <th class="num">${context.l('Network fee', 'Netwerkfee')}</th>
            <th class="num">${context.l('Total', 'Totaal')}</th>
            <th>${context.l('Status', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          ${invoices.map(
            (i) =>
              html`<tr>
                <td>${i.period}</td>
                <td class="num">${eur(i.commission_minor)}</td>
                <td class="num">${eur(i.fee_minor)} (${i.fee_rate})</td>
                <td class="num">${eur(i.total_minor)}</td>
                <td><span class="badge ${i.status}">${i.status}</span></td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, context.t('nav.overview'), body);
  });

  const applicationsPage = async (
    context: WebContext,
    advertiserId: string,
    message?: SafeHtml,
  ) => {
    const rows = await network.advertiserViews.applicationsForReview(advertiserId);
    return html`<h1>${context.t('nav.applications')}</h1>
      ${message ?? ''}
      ${rows.map((row) => {
        const matches = JSON.parse(row.brand_matches) as {
          brand: string;
          kind: string;
          field: string;
          found: string;
        }[];
        const consent =
          row.brand_consent === null
            ? undefined
            : (JSON.parse(row.brand_consent) as { text: string; by: string; at: string });
        return html`<section class="card" data-application="${row.id}">
          <h2>
            ${row.publisher_name} – ${row.site_name}
            <span class="badge ${row.status}">${row.status}</span>
          </h2>
          <p>
            <a href="${row.url}" rel="noopener noreferrer">${row.url}</a> · ${row.country} ·
            ${row.program_name} · ${formatDate(row.created_at, context.locale)}
          </p>
          <p>
            ${context.l('Promotion methods', 'Promotiemethoden')}:
            ${(JSON.parse(row.promotion_methods) as string[]).join(', ') || '–'} ·
            ${context.l('Prohibited content declared (AE-P6)', 'Verboden inhoud opgegeven (AE-P6)')}:
            ${(JSON.parse(row.content_categories) as string[]).join(', ') || context.l('none', 'geen')}
          </p>
          ${
            matches.length > 0
              ? notice(
                  'warning',
                  html`AE-P5 ${context.l('brand screening', 'merkcontrole')}:
                  ${matches.map((m) => html`<div><strong>${m.brand}</strong> (${m.kind}) in ${m.field}: “${m.found}”</div>`)}${
                    consent
                      ? html`<div>
                          ${context.l('Written consent recorded', 'Schriftelijke toestemming vastgelegd')}:
                          “${consent.text}” (${consent.at})
                        </div>`
                      : html`<form
                          method="post"
                          action="/advertiser/applications/${row.id}/consent"
                          class="stack"
                        >
                          ${csrfField(context)}<label
                            >${context.l('Record written consent', 'Leg schriftelijke toestemming vast')}
                            <input name="text" required /></label
                          ><button type="submit" class="secondary">
                            ${context.l('Record consent', 'Vastleggen')}
                          </button>
                        </form>`
                  }`,
                )
              : ''
          }
          ${row.reason ? html`<p>${context.l('Reason', 'Reden')}: ${row.reason}</p>` : ''}
          ${
            row.status === 'pending'
              ? html`<form
                  method="post"
                  action="/advertiser/applications/${row.id}/decision"
                  class="stack"
                >
                  ${csrfField(context)}
                  <label
                    >${context.l('Reason (required to reject)', 'Reden (verplicht bij afwijzen)')}
                    <input name="reason"
                  /></label>
                  <div>
                    <button type="submit" name="decision" value="approve">
                      ${context.l('Approve', 'Goedkeuren')}
                    </button>
                    <button type="submit" name="decision" value="reject" class="secondary">
                      ${context.l('Reject', 'Afwijzen')}
                    </button>
                  </div>
                </form>`
              : ''
          }
        </section>`;
      })}
      ${rows.length === 0 ? html`<p class="muted">${context.l('No applications yet.', 'Nog geen aanmeldingen.')}</p>` : ''}`;
  };

  app.get('/advertiser/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    return sendPage(
      reply,
      context,
      context.t('nav.applications'),
      await applicationsPage(context, advertiserId),
    );
  });

  app.post('/advertiser/applications/:id/:action', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    verifyCsrf(context, request.body);
    const { id, action } = request.params as { id: string; action: string };
    const form = request.body as Form;
    const actor = `user:${context.session!.user.id}`;
    try {
      if (action === 'decision') {
        const decision = field(form, 'decision');
        if (decision !== 'approve' && decision !== 'reject')
          throw new HttpError(400, 'invalid_decision', 'decision must be approve or reject');
        await network.applications.decide(
          id,
          advertiserId,
          decision,
          field(form, 'reason') || undefined,
          actor,
          network.now(),
        );
      } else if (action === 'consent') {
        await network.applications.recordBrandConsent(
          id,
          advertiserId,
          field(form, 'text'),
          actor,
          network.now(),
        );
      } else throw new HttpError(404, 'not_found', `no action "${action}"`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t('nav.applications'),
        await applicationsPage(context, advertiserId, notice('error', error.message)),
        400,
      );
    }
    return reply.redirect('/advertiser/applications', 303);
  });

  const transactionsPage = async (
    context: WebContext,
    advertiserId: string,
    status: string | undefined,
    message?: SafeHtml,
  ) => {
    const programs = await programsOf(advertiserId);
    const rows = await network.validation.transactionsOfAdvertiser(advertiserId, status);
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const reasonOptions = DECLINE_REASONS.map(
      (reason) =>
        html`<option value="${reason}">${DECLINE_REASON_TEXT[reason][context.locale]}</option>`,
    );
    return html`<h1>${context.t('nav.transactions')}</h1>
      ${message ?? ''}
      <p>
        ${['', 'pending', 'approved', 'declined', 'held', 'paid'].map((s) => html`<a href="/advertiser/transactions${s ? `?status=${s}` : ''}">${s || context.l('all', 'alle')}</a> · `)}
      </p>
      <form method="post" action="/advertiser/transactions/validate">
        ${csrfField(context)}
        <table>
          <thead>
            <tr>
              <th></th>
              <th>${context.l('Order', 'Bestelling')}</th>
              <th>${context.l('Program', 'Programma')}</th>
              <th>Site</th>
              <th>${context.l('Date', 'Datum')}</th>
              <th>${context.l('Kind', 'Soort')}</th>
              <th class="num">EUR</th>
              <th>${context.l('Status', 'Status')}</th>
              <th>${context.l('Reason', 'Reden')}</th>
              <th>${context.l('Validate by', 'Valideren uiterlijk')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) =>
                html`<tr>
                  <td>
                    ${row.kind === 'product' ? html`<input type="checkbox" name="orders" value="${row.program_id}|${row.order_number}" aria-label="${row.order_number}" />` : ''}
                  </td>
                  <td>${row.order_number}</td>
                  <td>${row.program_name}</td>
                  <td>${row.site_name ?? ''}</td>
                  <td>${formatDate(row.placed_at, context.locale)}</td>
                  <td>${row.kind}</td>
                  <td class="num">${eur(row.amount_minor)}</td>
                  <td><span class="badge ${row.status}">${row.status}</span></td>
                  <td>
                    ${row.status === 'declined' ? DECLINE_REASON_TEXT[declineReasonOf(row.reason)][context.locale] : (row.reason ?? '')}
                    <code>${row.rule ?? ''}</code>
                  </td>
                  <td>${formatDate(row.validation_due_at, context.locale)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <div class="card">
          <label
            >${context.l('Decline reason', 'Reden van afwijzing')}
            <select name="reason">
              ${reasonOptions}
            </select></label
          >
          <button type="submit" name="decision" value="approve">
            ${context.l('Approve selected', 'Geselecteerde goedkeuren')}
          </button>
          <button type="submit" name="decision" value="decline" class="secondary">
            ${context.l('Decline selected', 'Geselecteerde afwijzen')}
          </button>
        </div>
      </form>
      <h2>${context.l('Validate by CSV', 'Valideren met CSV')}</h2>
      <form
        method="post"
        action="/advertiser/transactions/upload"
        class="stack card"
        id="csv-upload"
      >
        ${csrfField(context)}
        <label
          >${context.l('Program', 'Programma')}
          <select name="programId">
            ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
          </select></label
        >
        <label
          >${context.l('CSV file (orderNumber,decision,reason)', 'CSV-bestand (orderNumber,decision,reason)')}
          <input type="file" id="csv-file" accept=".csv,text/csv"
        /></label>
        <label
          >${context.l('or paste the CSV', 'of plak de CSV')}
          <textarea
            name="csv"
            rows="6"
            placeholder="orderNumber,decision,reason&#10;AE-10001,approve,&#10;AE-10002,decline,returned"
          ></textarea>
        </label>
        <progress id="csv-progress" value="0" max="1" hidden></progress>
        <button type="submit">${context.l('Validate', 'Valideren')}</button>
      </form>
      <div id="csv-results"></div>
      <script src="/assets/csv-upload.js" defer></script>`;
  };

  app.get('/advertiser/transactions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const status = (request.query as Record<string, string | undefined>).status;
    return sendPage(
      reply,
      context,
      context.t('nav.transactions'),
      await transactionsPage(context, advertiserId, status),
    );
  });

  const runValidation = async (
    context: WebContext,
    advertiserId: string,
    byProgram: Map<string, ValidationRequest[]>,
  ) => {
    const own = new Set((await programsOf(advertiserId)).map((p) => p.id));
    const results = [];
    for (const [programId, requests] of byProgram) {
      if (!own.has(programId))
        throw new HttpError(
          404,
          'unknown_program',
          `no program "${programId}" among your programs`,
        );
      results.push(
        ...(await network.validation.validate(
          programId,
          requests,
          `user:${context.session!.user.id}`,
          network.now(),
        )),
      );
    }
    const ok = results.filter((r) => r.ok).length;
    return html`${notice(ok === results.length ? 'success' : 'warning', `${ok} / ${results.length} ${context.l('rows done', 'regels verwerkt')}`)}
      <table class="results">
        <thead>
          <tr>
            <th>${context.l('Order', 'Bestelling')}</th>
            <th>${context.l('Result', 'Resultaat')}</th>
          </tr>
        </thead>
        <tbody>
          ${results.map(
            (r) =>
              html`<tr>
                <td>${r.orderNumber}</td>
                <td>
                  ${r.ok ? html`<span class="badge approved">ok</span> ${r.commissions.map((c) => `${c.kind}: ${c.status}`).join(', ')}` : html`<span class="badge declined">${r.code}</span> ${r.message}`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };

  app.post('/advertiser/transactions/validate', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    verifyCsrf(context, request.body);
    const form = request.body as Form;
    const decision = field(form, 'decision') as ValidationRequest['decision'];
    const byProgram = new Map<string, ValidationRequest[]>();
    for (const value of fields(form, 'orders')) {
      const [programId = '', orderNumber = ''] = value.split('|');
      const list = byProgram.get(programId) ?? [];
      list.push({
        orderNumber,
        decision,
        reason: decision === 'decline' ? field(form, 'reason') : undefined,
      });
      byProgram.set(programId, list);
    }
    if (byProgram.size === 0)
      return sendPage(
        reply,
        context,
        context.t('nav.transactions'),
        await transactionsPage(
          context,
          advertiserId,
          undefined,
          notice(
            'error',
            context.l('Select at least one transaction.', 'Selecteer minstens één transactie.'),
          ),
        ),
        400,
      );
    const results = await runValidation(context, advertiserId, byProgram);
    return sendPage(
      reply,
      context,
      context.t('nav.transactions'),
      await transactionsPage(context, advertiserId, undefined, results),
    );
  });

  app.post('/advertiser/transactions/upload', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    verifyCsrf(context, request.body);
    const form = request.body as Form;
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    let requests: ValidationRequest[];
    try {
      requests = parseValidationCsv(field(form, 'csv'));
    } catch (error) {
      if (wantsJson || !(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t('nav.transactions'),
        await transactionsPage(
          context,
          advertiserId,
          undefined,
          notice(
            'error',
            context.l(
              'The first line must name the columns: orderNumber,decision,reason',
              'De eerste regel moet de kolommen noemen: orderNumber,decision,reason',
            ),
          ),
        ),
        400,
      );
    }
    if (wantsJson) {
      const own = (await programsOf(advertiserId)).some((p) => p.id === field(form, 'programId'));
      if (!own) throw new HttpError(404, 'unknown_program', 'no such program among your programs');
      return {
        results: await network.validation.validate(
          field(form, 'programId'),
          requests,
          `user:${context.session!.user.id}`,
          network.now(),
        ),
      };
    }
    const results = await runValidation(
      context,
      advertiserId,
      new Map([[field(form, 'programId'), requests]]),
    );
    return sendPage(
      reply,
      context,
      context.t('nav.transactions'),
      await transactionsPage(context, advertiserId, undefined, results),
    );
  });

  app.get('/advertiser/terms/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { programId } = request.params as { programId: string };
    const row = await network.advertiserViews.currentTermsOf(programId, advertiserId);
    if (row === undefined)
      throw new HttpError(404, 'unknown_program', `no program "${programId}" among your programs`);
    const body = html`<h1>${context.t('nav.terms')}: ${row.name}</h1>
      <p>
        <a href="/programs/${row.slug}"
          >${context.l('Public program page', 'Openbare programmapagina')}</a
        >
        · ${context.l('loaded', 'geladen')} ${formatDate(row.loaded_at, context.locale)}
      </p>
      <pre class="document">${row.source}</pre>`;
    return sendPage(reply, context, context.t('nav.terms'), body);
  });

  const keysPage = async (context: WebContext, advertiserId: string, message?: SafeHtml) => {
    const keys = await network.apiKeys.list(advertiserId);
    return html`<h1>${context.t('nav.keys')}</h1>
      ${message ?? ''}
      <table>
        <thead>
          <tr>
            <th>${context.l('Name', 'Naam')}</th>
            <th>${context.l('Prefix', 'Voorvoegsel')}</th>
            <th>${context.l('Created', 'Aangemaakt')}</th>
            <th>${context.l('Status', 'Status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${keys.map(
            (key) =>
              html`<tr>
                <td>${key.name}</td>
                <td class="mono">ak_${key.prefix}_…</td>
                <td>${formatDate(key.created_at, context.locale)}</td>
                <td>
                  ${key.revoked_at === null ? html`<span class="badge approved">${context.l('active', 'actief')}</span>` : html`<span class="badge declined">${context.l('revoked', 'ingetrokken')}</span>`}
                </td>
                <td>
                  ${key.revoked_at === null ? html`<form method="post" action="/advertiser/keys/${key.id}/revoke" class="inline">${csrfField(context)}<button type="submit" class="secondary">${context.l('Revoke', 'Intrekken')}</button></form>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="post" action="/advertiser/keys" class="stack card">
        ${csrfField(context)}
        <label
          >${context.l('Name of the new key', 'Naam van de nieuwe sleutel')}
          <input name="name" required maxlength="60"
        /></label>
        <button type="submit">${context.l('Create key', 'Sleutel aanmaken')}</button>
      </form>`;
  };

  app.get('/advertiser/keys', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(
      reply,
      context,
      context.t('nav.keys'),
      await keysPage(context, advertiserOf(context)),
    );
  });

  app.post('/advertiser/keys', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    verifyCsrf(context, request.body);
    const name = field(request.body as Form, 'name').trim();
    if (name === '')
      throw new HttpError(400, 'invalid_name', 'name: give the key a name, e.g. "shop backend"');
    const created = await network.apiKeys.create(
      advertiserId,
      name.slice(0, 60),
      `user:${context.session!.user.id}`,
      network.now(),
    );
    return sendPage(
      reply,
      context,
      context.t('nav.keys'),
      await keysPage(
        context,
        advertiserId,
        notice(
          'success',
          html`${context.l('Your new key (shown once, copy it now):', 'Je nieuwe sleutel (eenmalig getoond, kopieer hem nu):')}
            <code id="new-key">${created.key}</code>`,
        ),
      ),
      201,
    );
  });

  app.post('/advertiser/keys/:id/revoke', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    verifyCsrf(context, request.body);
    const { id } = request.params as { id: string };
    if (!(await network.apiKeys.revoke(advertiserId, id, network.now())))
      throw new HttpError(404, 'unknown_key', `no active key "${id}" among yours`);
    return reply.redirect('/advertiser/keys', 303);
  });
}
