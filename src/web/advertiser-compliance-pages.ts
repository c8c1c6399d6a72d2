import { statusBadge, statusText } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { ACTION_KINDS, type ActionKind } from '../services/enforcement-service.js';
import { sanitizeMailingHtml } from '../compliance/sanitize-mailing-html.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { isMessageKey, type MessageKey } from './i18n.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { calendarOf, centsOf, deadline } from './compliance-page-parts.js';

/**
 * Compliance for the advertiser: the review queue of flags, enforcement actions, claim decisions and the Email Approval tool (AliExpress: AE-E1, AE-E3, AE-P1).
 */
export function registerAdvertiserCompliancePages(app: FastifyInstance, network: Network): void {
  const advertiserPage = async (context: WebContext, advertiserId: string, message?: SafeHtml) => {
    const programs = await network.complianceViews.programsOf(advertiserId);
    const programIds = programs.map((program) => program.id);
    const queue = await network.violations.queue(programIds);
    const publishers = await network.complianceViews.publishersOf(advertiserId);
    const actions = await network.complianceViews.actionsOfAdvertiser(advertiserId);
    const mailings = await network.mailings.ofPrograms(programIds);
    const attachments = new Map<string, { id: string; filename: string }[]>();
    for (const action of actions)
      if (action.claim)
        attachments.set(action.claim.id, await network.claims.attachmentsOf(action.claim.id));
    const uniquePublishers = [...new Map(publishers.map((p) => [p.id, p])).values()];
    // The rules a breach can cite: those of the advertiser's own programs' policies.
    const programRules = [
      ...new Set(
        programs.flatMap(
          (p) =>
            network.cache.program(p.id)?.terms.file.policies.map((policy) => policy.rule) ?? [],
        ),
      ),
    ].sort();
    return html`<h1>${context.t('advertiserCompliance.compliance')}</h1>
      ${message ?? ''}
      <h2>${context.t('advertiserCompliance.reviewQueue')}</h2>
      ${queue.length === 0 ? html`<p class="muted">${context.t('advertiserCompliance.noOpenFlags')}</p>` : ''}
      ${queue.map(
        (entry) =>
          html`<section class="card">
            <h3>
              ${entry.publisherName} · ${entry.open} ${context.t('advertiserCompliance.open')} ·
              ${entry.high} ${context.t('advertiserCompliance.high')}
            </h3>
            <p>
              ${Object.entries(entry.byDetector).map(([detector, count]) => html`<span class="badge">${detectorWords(context, detector)}: ${count}</span> `)}
            </p>
            <table tabindex="0">
              <tbody>
                ${entry.examples.map(
                  (example) =>
                    html`<tr>
                      <td>
                        <code>${example.rule}</code> ${detectorWords(context, example.detector)}
                        <code>${example.detector}</code>
                        <span class="badge ${example.severity === 'high' ? 'declined' : 'pending'}"
                          >${isMessageKey(`severity.${example.severity}`) ? context.t(`severity.${example.severity}` as MessageKey) : example.severity}</span
                        >
                      </td>
                      <td>${evidenceFacts(context, example.evidence, example.orderNumber)}</td>
                      <td>
                        <form
                          method="post"
                          action="/advertiser/violations/${example.id}"
                          class="inline"
                        >
                          ${csrfField(context)}<button
                            name="outcome"
                            value="confirmed"
                            class="secondary"
                          >
                            ${context.t('advertiserCompliance.confirm')}
                          </button>
                          <button name="outcome" value="dismissed" class="secondary">
                            ${context.t('advertiserCompliance.dismiss')}
                          </button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`,
      )}
      <h2>${context.t('advertiserCompliance.recordAnEnforcementAction')}</h2>
      <form method="post" action="/advertiser/enforcement" class="stack card">
        ${csrfField(context)}
        <label
          >Publisher
          <select name="publisherId">
            ${uniquePublishers.map((p) => html`<option value="${p.id}">${p.name} (${statusText(p.status, context.locale)})</option>`)}
          </select></label
        >
        <label
          >${context.t('advertiserCompliance.program')}
          <select name="programId">
            ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
          </select></label
        >
        <label
          >${context.t('advertiserCompliance.action')}
          <select name="kind">
            ${ACTION_KINDS.map((kind) => html`<option value="${kind}">${context.t(`kind.${kind}`)}</option>`)}
          </select></label
        >
        <label
          >${context.t('advertiserCompliance.ruleBreached')}
          <input name="rule" list="program-rules" required
        /></label>
        <datalist id="program-rules">
          ${programRules.map((rule) => html`<option value="${rule}"></option>`)}
        </datalist>
        <label
          >${context.t('advertiserCompliance.evidence')}
          <textarea name="evidence" rows="3" required></textarea>
        </label>
        <label
          >${context.t('advertiserCompliance.amountInEurDeductions')}
          <input name="amount" inputmode="decimal" placeholder="12.50"
        /></label>
        <label
          >${context.t('advertiserCompliance.cureBeforeCurePeriods')}
          <input type="date" name="cureDeadline"
        /></label>
        <button type="submit">${context.t('advertiserCompliance.recordAndNotify')}</button>
      </form>
      <h2>${context.t('advertiserCompliance.actionsAndClaims')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>Publisher</th>
            <th>${context.t('advertiserCompliance.action')}</th>
            <th>${context.t('advertiserCompliance.claimDeadline')}</th>
            <th>${context.t('advertiserCompliance.claim')}</th>
          </tr>
        </thead>
        <tbody>
          ${actions.map(
            (action) =>
              html`<tr>
                <td>${action.publisherName}</td>
                <td>
                  ${context.t(`kind.${action.kind as ActionKind}`)} <code>${action.rule}</code>
                  ${statusBadge(action.status, context.locale)}
                  <div class="muted">${action.evidence}</div>
                  ${action.status === 'active' ? html`<form method="post" action="/advertiser/enforcement/${action.id}/lift" class="inline">${csrfField(context)}<button class="secondary">${context.t('advertiserCompliance.lift')}</button></form>` : ''}
                </td>
                <td>${deadline(action.claimDeadlineAt, calendarOf(network, action.programId))}</td>
                <td>
                  ${
                    action.claim
                      ? html`<div>${action.claim.text}</div>
                          ${(attachments.get(action.claim.id) ?? []).map((file) => html`<div><a href="/claims/${action.claim?.id}/attachments/${file.id}">${file.filename}</a></div>`)}
                          <div>
                            ${context.t('advertiserCompliance.decideBy')}
                            ${deadline(action.claim.decisionDueAt, calendarOf(network, action.programId))}
                            · ${statusBadge(action.claim.status, context.locale)}
                          </div>
                          ${
                            action.claim.status === 'submitted'
                              ? html`<form
                                  method="post"
                                  action="/advertiser/claims/${action.claim.id}"
                                  class="stack"
                                >
                                  ${csrfField(context)}<label
                                    >${context.t('advertiserCompliance.decisionAndReasons')}
                                    <textarea name="decision" rows="2" required></textarea>
                                  </label>
                                  <div>
                                    <button name="outcome" value="upheld">
                                      ${context.t('advertiserCompliance.upholdReverseTheAction')}
                                    </button>
                                    <button name="outcome" value="rejected" class="secondary">
                                      ${context.t('advertiserCompliance.reject')}
                                    </button>
                                  </div>
                                </form>`
                              : html`<div>${action.claim.decision ?? ''}</div>`
                          }`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${context.t('advertiserCompliance.emailApprovalTool')}</h2>
      <form method="post" action="/advertiser/email-access" class="inline card">
        ${csrfField(context)}
        <select name="publisherId" aria-label="Publisher">
          ${uniquePublishers.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
        </select>
        <select name="programId" aria-label="${context.t('advertiserCompliance.program')}">
          ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
        </select>
        <button name="grant" value="yes">${context.t('advertiserCompliance.grantAccess')}</button>
        <button name="grant" value="no" class="secondary">
          ${context.t('advertiserCompliance.revoke')}
        </button>
      </form>
      ${mailings.map(
        (m) =>
          html`<section class="card">
            <h3>${m.subject} ${statusBadge(m.status, context.locale)}</h3>
            <p>
              ${new Date(m.plannedSendAt).toISOString().slice(0, 16)} UTC · ${m.audienceSize}
              ${context.t('advertiserCompliance.recipients')} · ${m.audienceSource}
            </p>
            <iframe
              sandbox=""
              title="${context.t('advertiserCompliance.mailingPreview')}"
              style="width:100%;height:18rem;border:1px solid #dde2ea;background:#fff"
              srcdoc="${sanitizeMailingHtml(m.htmlBody)}"
            ></iframe>
            ${
              m.status === 'submitted'
                ? html`<form method="post" action="/advertiser/mailings/${m.id}" class="stack">
                    ${csrfField(context)}<label
                      >${context.t('advertiserCompliance.comments')} <input name="comments"
                    /></label>
                    <div>
                      <button name="outcome" value="approve">
                        ${context.t('advertiserCompliance.approve')}
                      </button>
                      <button name="outcome" value="reject" class="secondary">
                        ${context.t('advertiserCompliance.reject')}
                      </button>
                    </div>
                  </form>`
                : html`<p>
                    ${m.comments ?? ''} ${m.linkParam ? html`<code>m=${m.linkParam}</code>` : ''}
                  </p>`
            }
          </section>`,
      )}`;
  };

  app.get('/advertiser/compliance', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(
      reply,
      context,
      'Compliance',
      await advertiserPage(context, advertiserOf(context)),
    );
  });

  /**
   * A compliance form: its body parsed by `body` (the API's schema for the same decision), its
   * path's ids by `params`; done, back to the compliance page with the outcome.
   */
  const advertiserPost = <B extends z.ZodType, P extends z.ZodType>(
    path: string,
    schemas: { body: B; params: P },
    act: (
      context: WebContext,
      advertiserId: string,
      form: z.output<B>,
      params: z.output<P>,
    ) => Promise<string>,
  ) =>
    app.post(path, async (request, reply) => {
      const context = await webContext(network, request, reply);
      const advertiserId = advertiserOf(context);
      const params = parseParams(schemas.params, request);
      return answerForm(
        network,
        reply,
        context,
        'Compliance',
        (message) => advertiserPage(context, advertiserId, message),
        async () =>
          notice(
            'success',
            await act(context, advertiserId, parseForm(schemas.body, request.body), params),
          ),
        '/advertiser/compliance',
      );
    });

  const none = z.object({});
  const byId = pathIds('id');
  const actor = (context: WebContext) => `user:${context.session!.user.id}`;
  advertiserPost(
    '/advertiser/violations/:id',
    { body: BODIES.violationReview, params: byId },
    async (context, advertiserId, { outcome }, params) => {
      await network.violations.review(
        params.id,
        await network.complianceViews.programIdsOf(advertiserId),
        outcome,
        actor(context),
        network.now(),
      );
      return `${params.id}: ${outcome}`;
    },
  );

  // The API's enforcement body; the cure deadline comes from a date field (the end of that day).
  advertiserPost(
    '/advertiser/enforcement',
    { body: BODIES.enforcement, params: none },
    async (context, advertiserId, form) => {
      const { programId, publisherId } = form;
      await network.complianceViews.assertScope(advertiserId, programId, publisherId);
      const amount = form.amount?.trim() ?? '';
      const cure = form.cureDeadline?.trim() ?? '';
      const action = await network.enforcement.record({
        kind: form.kind.trim() as ActionKind,
        publisherId,
        programId,
        rule: form.rule.trim(),
        evidence: form.evidence.trim(),
        actor: actor(context),
        nowMs: network.now(),
        amountMinor: amount === '' ? undefined : centsOf(amount),
        cureDeadlineAt: cure === '' ? undefined : Date.parse(`${cure}T23:59:59Z`),
      });
      return `${action.id}: ${action.kind} ${context.t('advertiserCompliance.recordedThePublisherIsNotified')} ${deadline(action.claimDeadlineAt, calendarOf(network, action.programId))}`;
    },
  );

  advertiserPost(
    '/advertiser/enforcement/:id/lift',
    { body: none, params: byId },
    async (context, advertiserId, _form, params) => {
      const action = (await network.complianceViews.actionsOfAdvertiser(advertiserId)).find(
        (a) => a.id === params.id,
      );
      if (action === undefined)
        throw new DomainError('unknown_action', 'no such action in your programs');
      await network.enforcement.reverse(action.id, actor(context), network.now(), 'lifted');
      return `${action.id}: ${context.t('advertiserCompliance.lifted')}`;
    },
  );

  advertiserPost(
    '/advertiser/claims/:id',
    { body: BODIES.claimDecision, params: byId },
    async (context, advertiserId, form, params) => {
      await network.claims.decide(
        params.id,
        advertiserId,
        form.outcome,
        form.decision.trim(),
        actor(context),
        network.now(),
      );
      return `${params.id}: ${form.outcome}`;
    },
  );

  advertiserPost(
    '/advertiser/email-access',
    { body: BODIES.emailAccess, params: none },
    async (context, advertiserId, { programId, publisherId, grant }) => {
      await network.complianceViews.assertScope(advertiserId, programId, publisherId);
      if (grant)
        await network.mailings.grantAccess(programId, publisherId, actor(context), network.now());
      else
        await network.mailings.revokeAccess(programId, publisherId, actor(context), network.now());
      return context.t('advertiserCompliance.emailAccessUpdated');
    },
  );

  advertiserPost(
    '/advertiser/mailings/:id',
    { body: BODIES.mailingDecision, params: byId },
    async (context, advertiserId, form, params) => {
      const mailing = await network.mailings.decide(
        params.id,
        await network.complianceViews.programIdsOf(advertiserId),
        form.outcome,
        form.comments?.trim() ?? '',
        actor(context),
        network.now(),
      );
      return `${mailing.subject}: ${statusText(mailing.status, context.locale)}`;
    },
  );
}

/** A detector's flags in words (the code of an unknown detector as it is). */
function detectorWords(context: WebContext, detector: string): string {
  const key = `detector.${detector}`;
  return isMessageKey(key) ? context.t(key) : detector;
}

/** Words for the evidence keys the detectors write (others are shown as written). */
const EVIDENCE_WORDS: Record<string, [string, string]> = {
  secondsAfterClick: ['seconds after the click', 'seconden na de klik'],
  minimum: ['minimum', 'minimum'],
  ipHash: ['address (hashed)', 'adres (gehasht)'],
  note: ['why', 'waarom'],
  clicksInAMinute: ['clicks in a minute', 'kliks in een minuut'],
  limit: ['limit', 'grens'],
  referrerHost: ['came from', 'kwam van'],
  markers: ['signs', 'kenmerken'],
  secFetchDest: ['loaded as', 'geladen als'],
  secFetchMode: ['request mode', 'verzoekmodus'],
  userAgent: ['browser', 'browser'],
  mailing: ['mailing', 'mailing'],
  problem: ['problem', 'probleem'],
  clicks: ['clicks', 'kliks'],
  orders: ['orders', 'bestellingen'],
  threshold: ['threshold', 'drempel'],
  click: ['click', 'klik'],
  at: ['at', 'om'],
  hour: ['hour', 'uur'],
  event: ['event', 'gebeurtenis'],
  conversionsOnClick: ['conversions on this click', 'conversies op deze klik'],
  conversionsInAnHour: ['conversions in an hour', 'conversies in een uur'],
  per: ['counted per', 'geteld per'],
};

/**
 * A flag's evidence as readable facts (label: value), with the order it is about linked to the
 * order's transactions, so two flags of two orders never look like duplicates.
 */
function evidenceFacts(
  context: WebContext,
  evidence: unknown,
  orderNumber: string | null,
): SafeHtml {
  const facts =
    typeof evidence === 'object' && evidence !== null && !Array.isArray(evidence)
      ? Object.entries(evidence as Record<string, unknown>).filter(
          ([, value]) => value !== null && value !== undefined && value !== '',
        )
      : [];
  const word = (key: string) =>
    EVIDENCE_WORDS[key]?.[context.locale === 'nl' ? 1 : 0] ??
    key.replace(/([A-Z])/g, ' $1').toLowerCase();
  const text = (value: unknown) =>
    Array.isArray(value)
      ? value.join(', ')
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return html`<dl class="facts">
    ${
      orderNumber === null
        ? ''
        : html`<dt>${context.t('advertiserCompliance.order')}</dt>
            <dd>
              <a href="/advertiser/transactions?order=${encodeURIComponent(orderNumber)}"
                >${orderNumber}</a
              >
            </dd>`
    }
    ${facts.map(
      ([key, value]) =>
        html`<dt>${word(key)}</dt>
          <dd>${text(value)}</dd>`,
    )}
  </dl>`;
}
