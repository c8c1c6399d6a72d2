import { statusBadge, statusText } from './status-badge.js';
import { translate, type Locale } from './i18n.js';
import { refusalText } from './refusal-text.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { DomainError } from '../domain/errors.js';
import { DECLINE_REASONS, DECLINE_REASON_TEXT } from '../domain/validation/decline-reasons.js';
import {
  parseValidationCsv,
  type ValidationOutcome,
  type ValidationRequest,
} from '../services/validation-service.js';
import { html, type SafeHtml } from './html.js';
import { deadlineMayApprove } from '../domain/orders/report-proof.js';
import { reasonFactsOf, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { explainReason, REASON_CODES, type ReasonCode } from '../domain/engine/reasons.js';
import { transactionReasonText, type ReasonOfRow } from './transaction-reason-text.js';
import { answerForm, sendPage } from './respond.js';
import { z } from 'zod';
import { parseForm, parseQuery } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatDate, formatMoney } from './format.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';

/**
 * The advertiser's transactions: approve or decline one, many, or a CSV upload with a result per row, limited to its own programs.
 */
/** One validated row in words: the commissions' new statuses, or why the row was refused. */
/**
 * The badge of a validation row's result: the status the order now has (`declined` for a
 * decline, `approved` for an approval, `held` …), or `refused` when the row was refused.
 */
function resultStatus(result: ValidationOutcome): string {
  if (!result.ok) return 'refused';
  const product = result.commissions.find((c) => c.kind === 'product') ?? result.commissions[0];
  return product?.status ?? 'approved';
}

function resultText(
  result: ValidationOutcome,
  locale: Locale,
  terms: ProgramTerms | undefined,
): string {
  return result.ok
    ? result.commissions.map((c) => `${c.kind}: ${statusText(c.status, locale)}`).join(', ')
    : (disqualifiedText(result, locale, terms) ??
        refusalText({ code: result.code ?? '', message: result.message ?? '' }, locale));
}

/**
 * A refused approval of a disqualified order with its reasons in words and their rules (the
 * refusal's message names the stable reason codes, `order "…" is disqualified (codes)`);
 * undefined for any other refusal.
 */
function disqualifiedText(
  result: ValidationOutcome & { ok: false },
  locale: Locale,
  terms: ProgramTerms | undefined,
): string | undefined {
  if (result.code !== 'order_disqualified') return undefined;
  const codes = (/\(([a-z_, ]+)\)/.exec(result.message)?.[1] ?? '')
    .split(', ')
    .filter((code): code is ReasonCode => (REASON_CODES as readonly string[]).includes(code));
  if (codes.length === 0) return undefined;
  const facts = terms === undefined ? undefined : reasonFactsOf(terms);
  const reasons = codes.map((code) => {
    const text = explainReason(code, locale, facts);
    const rule = terms?.reasonRules[code];
    return rule === undefined || text.includes(rule) ? text : `${text} (${rule})`;
  });
  return translate(locale, 'advertiserTransaction.disqualified', {
    order: result.orderNumber,
    reasons: reasons.join(' '),
  });
}

/**
 * The Reason cell: why the transaction has its status in a sentence, and the rule id that
 * decided it (the program's or the network's) kept visible next to it.
 */
function reasonCell(
  row: ReasonOfRow,
  context: WebContext,
  facts: ReturnType<typeof reasonFactsOf> | undefined,
): SafeHtml {
  const text = transactionReasonText(row, context.locale, facts);
  // The network's sentences cite their rule already (NET-R1 …); the rule is shown once.
  const rule = row.rule === null || text.includes(row.rule) ? '' : row.rule;
  return html`${text}${
    rule === ''
      ? ''
      : html` (<code title="${context.t('advertiserTransaction.ruleTitle')}">${rule}</code>)`
  }`;
}

export function registerAdvertiserTransactionPages(app: FastifyInstance, network: Network): void {
  const programsOf = (advertiserId: string) => network.advertiserViews.programsOf(advertiserId);

  const transactionsPage = async (
    context: WebContext,
    advertiserId: string,
    status: string | undefined,
    message?: SafeHtml,
    orderNumber?: string,
  ) => {
    const programs = await programsOf(advertiserId);
    const rows = await network.validation.transactionsOfAdvertiser(
      advertiserId,
      status,
      500,
      orderNumber,
    );
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    // Each program's own currencies, countries and stores fill its reasons' words.
    const factsOf = (programId: string) => {
      const terms = network.cache.program(programId)?.terms;
      return terms === undefined ? undefined : reasonFactsOf(terms);
    };
    const reasonOptions = DECLINE_REASONS.map(
      (reason) =>
        html`<option value="${reason}">${DECLINE_REASON_TEXT[reason][context.locale]}</option>`,
    );
    return html`<h1>${context.t('nav.transactions')}</h1>
      ${message ?? ''}
      <p>
        ${['', 'pending', 'approved', 'declined', 'held', 'paid'].map((s) => html`<a href="/advertiser/transactions${s ? `?status=${s}` : ''}">${s ? statusText(s, context.locale) : context.t('advertiserTransaction.all')}</a> · `)}
      </p>
      <form method="post" action="/advertiser/transactions/validate">
        ${csrfField(context)}
        <table tabindex="0">
          <thead>
            <tr>
              <th></th>
              <th>${context.t('advertiserTransaction.order')}</th>
              <th>${context.t('advertiserTransaction.program')}</th>
              <th>${context.t('advertiserTransaction.site')}</th>
              <th>${context.t('advertiserTransaction.date')}</th>
              <th>${context.t('advertiserTransaction.kind')}</th>
              <th class="num">EUR</th>
              <th>${context.t('advertiserTransaction.status')}</th>
              <th>${context.t('advertiserTransaction.reason')}</th>
              <th>${context.t('advertiserTransaction.validateBy')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) =>
                html`<tr>
                  <td>
                    ${row.kind === 'product' ? html`<input type="checkbox" name="orders" value="${row.programId}|${row.orderNumber}" aria-label="${row.orderNumber}" />` : ''}
                  </td>
                  <td>${row.orderNumber}</td>
                  <td>${row.programName}</td>
                  <td>
                    ${
                      row.siteName === null
                        ? ''
                        : html`<span title="${row.siteUrl ?? ''}">${row.siteName}</span>`
                    }
                  </td>
                  <td>${formatDate(row.placedAt, context.locale)}</td>
                  <td>${row.kind}</td>
                  <td class="num">${eur(row.amountMinor)}</td>
                  <td>${statusBadge(row.status, context.locale)}</td>
                  <td>${reasonCell(row, context, factsOf(row.programId))}</td>
                  <td>
                    ${formatDate(row.validationDueAt, context.locale)}
                    ${Number(row.openFlags) > 0 && (row.status === 'pending' || row.status === 'held') ? html`<br /><a class="badge" href="/advertiser/compliance">${context.t('advertiserTransaction.waitsForYou', { count: String(row.openFlags) })}</a>` : ''}
                    ${row.status === 'pending' && !deadlineMayApprove(row.source, row.reportDetails) ? html`<br /><span class="badge">${context.t('advertiserTransaction.unsignedFields')}</span>` : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <div class="card">
          <label
            >${context.t('advertiserTransaction.declineReason')}
            <select name="reason">
              ${reasonOptions}
            </select></label
          >
          <button type="submit" name="decision" value="approve">
            ${context.t('advertiserTransaction.approveSelected')}
          </button>
          <button type="submit" name="decision" value="decline" class="secondary">
            ${context.t('advertiserTransaction.declineSelected')}
          </button>
        </div>
      </form>
      <h2>${context.t('advertiserTransaction.validateByCsv')}</h2>
      <form
        method="post"
        action="/advertiser/transactions/upload"
        class="stack card"
        id="csv-upload"
      >
        ${csrfField(context)}
        <label
          >${context.t('advertiserTransaction.program')}
          <select name="programId">
            ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
          </select></label
        >
        <label
          >${context.t('advertiserTransaction.csvFileOrdernumberDecisionReason')}
          <input type="file" id="csv-file" accept=".csv,text/csv"
        /></label>
        <label
          >${context.t('advertiserTransaction.orPasteTheCsv')}
          <textarea
            name="csv"
            rows="6"
            placeholder="orderNumber,decision,reason&#10;1001,approve,&#10;1002,decline,returned"
          ></textarea>
        </label>
        <progress id="csv-progress" value="0" max="1" hidden></progress>
        <button type="submit">${context.t('advertiserTransaction.validate')}</button>
      </form>
      <div id="csv-results"></div>
      <script src="/assets/csv-upload.js" defer></script>`;
  };

  app.get('/advertiser/transactions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const query = parseQuery(TRANSACTIONS_QUERY, request);
    const order = query.order?.trim() ? query.order.trim().slice(0, 200) : undefined;
    return sendPage(
      reply,
      context,
      context.t('nav.transactions'),
      await transactionsPage(context, advertiserId, query.status, undefined, order),
    );
  });

  const runValidation = async (
    context: WebContext,
    advertiserId: string,
    byProgram: Map<string, ValidationRequest[]>,
  ) => {
    const own = new Set((await programsOf(advertiserId)).map((p) => p.id));
    const results: (ValidationOutcome & { terms: ProgramTerms | undefined })[] = [];
    for (const [programId, requests] of byProgram) {
      if (!own.has(programId))
        throw new HttpError('unknown_program', `no program "${programId}" among your programs`);
      const terms = network.cache.program(programId)?.terms;
      const outcomes = await network.validation.validate(
        programId,
        requests,
        `user:${context.session!.user.id}`,
        network.now(),
      );
      results.push(...outcomes.map((outcome) => ({ ...outcome, terms })));
    }
    const ok = results.filter((r) => r.ok).length;
    const summary = notice(
      ok === results.length ? 'success' : 'warning',
      `${ok} / ${results.length} ${context.t('advertiserTransaction.rowsDone')}`,
    );
    // The page after the redirect shows the table, or the summary when the table is too long
    // to carry (each row's outcome is on the transactions list).
    const table = html`${summary}
      <table tabindex="0" class="results">
        <thead>
          <tr>
            <th>${context.t('advertiserTransaction.order')}</th>
            <th>${context.t('advertiserTransaction.result')}</th>
          </tr>
        </thead>
        <tbody>
          ${results.map(
            (r) =>
              html`<tr>
                <td>${r.orderNumber}</td>
                <td>
                  ${statusBadge(resultStatus(r), context.locale)}
                  ${resultText(r, context.locale, r.terms)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return [table, summary];
  };

  app.post('/advertiser/transactions/validate', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.transactions'),
      (message) => transactionsPage(context, advertiserId, undefined, message),
      async () => {
        const form = parseForm(VALIDATE_FORM, request.body);
        const byProgram = new Map<string, ValidationRequest[]>();
        for (const value of form.orders) {
          const [programId = '', orderNumber = ''] = value.split('|');
          const list = byProgram.get(programId) ?? [];
          list.push({
            orderNumber,
            decision: form.decision,
            reason: form.decision === 'decline' ? (form.reason ?? '') : undefined,
          });
          byProgram.set(programId, list);
        }
        if (byProgram.size === 0)
          throw new DomainError(
            'no_selection',
            context.t('advertiserTransaction.selectAtLeastOneTransaction'),
          );
        return runValidation(context, advertiserId, byProgram);
      },
      '/advertiser/transactions',
    );
  });

  app.post('/advertiser/transactions/upload', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    if (wantsJson) {
      // The page's script (fetch, not a navigation): the rows' outcomes as JSON, for it to show.
      const form = parseForm(UPLOAD_FORM, request.body);
      const requests = parseValidationCsv(form.csv);
      const own = (await programsOf(advertiserId)).some((p) => p.id === form.programId);
      if (!own) throw new HttpError('unknown_program', 'no such program among your programs');
      const results = await network.validation.validate(
        form.programId,
        requests,
        `user:${context.session!.user.id}`,
        network.now(),
      );
      // Each row also in the reader's words, for the page's script to show.
      return {
        results: results.map((r) => ({
          ...r,
          text: resultText(r, context.locale, network.cache.program(form.programId)?.terms),
          badge: resultStatus(r),
          badgeText: statusText(resultStatus(r), context.locale),
        })),
      };
    }
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.transactions'),
      (message) => transactionsPage(context, advertiserId, undefined, message),
      async () => {
        const form = parseForm(UPLOAD_FORM, request.body);
        let requests: ValidationRequest[];
        try {
          requests = parseValidationCsv(form.csv);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          throw new DomainError(
            error.code,
            context.t('advertiserTransaction.theFirstLineMustName'),
          );
        }
        return runValidation(context, advertiserId, new Map([[form.programId, requests]]));
      },
      '/advertiser/transactions',
    );
  });
}

/** The transactions list's filters. */
const TRANSACTIONS_QUERY = z.object({
  status: z.string().optional(),
  order: z.string().optional(),
});

/** Validating the ticked transactions (`programId|orderNumber` each) with one decision. */
const VALIDATE_FORM = z.object({
  decision: z.enum(['approve', 'decline'], { error: 'decision: expected approve or decline' }),
  reason: z.string().optional(),
  orders: z.array(z.string()).default([]),
});

/** A validation CSV (`orderNumber,decision,reason`) for one program, pasted or read by the script. */
const UPLOAD_FORM = z.object({ programId: z.string(), csv: z.string() });
