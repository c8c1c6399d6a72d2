import { statusBadge, statusText } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { ACTION_KINDS, type ActionKind } from '../services/enforcement-service.js';
import { sanitizeMailingHtml } from '../compliance/sanitize-mailing-html.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage, type Form } from './respond.js';
import { csrfField, notice } from './layout.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { centsOf, deadline, KIND_TEXT, text } from './compliance-page-parts.js';

/**
 * Compliance for the advertiser: the review queue of flags, enforcement actions (AE-E1), claim decisions (AE-E3) and the Email Approval tool (AE-P1).
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
      if (action.claim_id)
        attachments.set(action.claim_id, await network.claims.attachmentsOf(action.claim_id));
    const uniquePublishers = [...new Map(publishers.map((p) => [p.id, p])).values()];
    return html`<h1>${context.l('Compliance', 'Compliance')}</h1>
      ${message ?? ''}
      <h2>${context.l('Review queue', 'Te beoordelen')}</h2>
      ${queue.length === 0 ? html`<p class="muted">${context.l('No open flags.', 'Geen open signaleringen.')}</p>` : ''}
      ${queue.map(
        (entry) =>
          html`<section class="card">
            <h3>
              ${entry.publisherName} · ${entry.open} ${context.l('open', 'open')} · ${entry.high}
              ${context.l('high', 'hoog')}
            </h3>
            <p>
              ${Object.entries(entry.byDetector).map(([detector, count]) => html`<span class="badge">${detector}: ${count}</span> `)}
            </p>
            <table>
              <tbody>
                ${entry.examples.map(
                  (example) =>
                    html`<tr>
                      <td>
                        <code>${example.rule}</code> ${example.detector}
                        <span class="badge ${example.severity === 'high' ? 'declined' : 'pending'}"
                          >${example.severity}</span
                        >
                      </td>
                      <td class="mono">${JSON.stringify(example.evidence)}</td>
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
                            ${context.l('Confirm', 'Bevestigen')}
                          </button>
                          <button name="outcome" value="dismissed" class="secondary">
                            ${context.l('Dismiss', 'Afwijzen')}
                          </button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`,
      )}
      <h2>
        ${context.l('Record an enforcement action (AE-E1)', 'Handhavingsmaatregel vastleggen (AE-E1)')}
      </h2>
      <form method="post" action="/advertiser/enforcement" class="stack card">
        ${csrfField(context)}
        <label
          >Publisher
          <select name="publisherId">
            ${uniquePublishers.map((p) => html`<option value="${p.id}">${p.name} (${statusText(p.status, context.locale)})</option>`)}
          </select></label
        >
        <label
          >${context.l('Program', 'Programma')}
          <select name="programId">
            ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
          </select></label
        >
        <label
          >${context.l('Action', 'Maatregel')}
          <select name="kind">
            ${ACTION_KINDS.map((kind) => html`<option value="${kind}">${context.l(...KIND_TEXT[kind])}</option>`)}
          </select></label
        >
        <label
          >${context.l('Rule breached', 'Geschonden regel')}
          <input name="rule" placeholder="AE-P4" required
        /></label>
        <label
          >${context.l('Evidence', 'Bewijs')}
          <textarea name="evidence" rows="3" required></textarea>
        </label>
        <label
          >${context.l('Amount in EUR (deductions)', 'Bedrag in EUR (inhoudingen)')}
          <input name="amount" inputmode="decimal" placeholder="12.50"
        /></label>
        <label
          >${context.l('Cure before (cure periods)', 'Herstellen vóór (herstelperiodes)')}
          <input type="date" name="cureDeadline"
        /></label>
        <button type="submit">${context.l('Record and notify', 'Vastleggen en melden')}</button>
      </form>
      <h2>${context.l('Actions and claims', 'Maatregelen en bezwaren')}</h2>
      <table>
        <thead>
          <tr>
            <th>Publisher</th>
            <th>${context.l('Action', 'Maatregel')}</th>
            <th>${context.l('Claim deadline', 'Bezwaartermijn')}</th>
            <th>${context.l('Claim', 'Bezwaar')}</th>
          </tr>
        </thead>
        <tbody>
          ${actions.map(
            (action) =>
              html`<tr>
                <td>${action.publisher_name}</td>
                <td>
                  ${context.l(...KIND_TEXT[action.kind as ActionKind])} <code>${action.rule}</code>
                  ${statusBadge(action.status, context.locale)}
                  <div class="muted">${action.evidence}</div>
                  ${action.status === 'active' && (action.kind === 'withhold' || action.kind === 'restriction' || action.kind === 'cure_period') ? html`<form method="post" action="/advertiser/enforcement/${action.id}/lift" class="inline">${csrfField(context)}<button class="secondary">${context.l('Lift', 'Opheffen')}</button></form>` : ''}
                </td>
                <td>${deadline(action.claim_deadline_at)}</td>
                <td>
                  ${
                    action.claim_id
                      ? html`<div>${action.claim_text}</div>
                          ${(attachments.get(action.claim_id) ?? []).map((file) => html`<div><a href="/claims/${action.claim_id}/attachments/${file.id}">${file.filename}</a></div>`)}
                          <div>
                            ${context.l('decide by', 'beslissen vóór')}
                            ${deadline(action.decision_due_at)} ·
                            ${statusBadge(action.claim_status, context.locale)}
                          </div>
                          ${
                            action.claim_status === 'submitted'
                              ? html`<form
                                  method="post"
                                  action="/advertiser/claims/${action.claim_id}"
                                  class="stack"
                                >
                                  ${csrfField(context)}<label
                                    >${context.l('Decision and reasons', 'Beslissing en motivering')}
                                    <textarea name="decision" rows="2" required></textarea>
                                  </label>
                                  <div>
                                    <button name="outcome" value="upheld">
                                      ${context.l('Uphold (reverse the action)', 'Toewijzen (maatregel terugdraaien)')}
                                    </button>
                                    <button name="outcome" value="rejected" class="secondary">
                                      ${context.l('Reject', 'Afwijzen')}
                                    </button>
                                  </div>
                                </form>`
                              : html`<div>${action.decision ?? ''}</div>`
                          }`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${context.l('Email Approval tool (AE-P1)', 'Email Approval tool (AE-P1)')}</h2>
      <form method="post" action="/advertiser/email-access" class="inline card">
        ${csrfField(context)}
        <select name="publisherId">
          ${uniquePublishers.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
        </select>
        <select name="programId">
          ${programs.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
        </select>
        <button name="grant" value="yes">${context.l('Grant access', 'Toegang geven')}</button>
        <button name="grant" value="no" class="secondary">
          ${context.l('Revoke', 'Intrekken')}
        </button>
      </form>
      ${mailings.map(
        (m) =>
          html`<section class="card">
            <h3>${m.subject} ${statusBadge(m.status, context.locale)}</h3>
            <p>
              ${new Date(m.planned_send_at).toISOString().slice(0, 16)} UTC · ${m.audience_size}
              ${context.l('recipients', 'ontvangers')} · ${m.audience_source}
            </p>
            <iframe
              sandbox=""
              title="preview"
              style="width:100%;height:18rem;border:1px solid #dde2ea;background:#fff"
              srcdoc="${sanitizeMailingHtml(m.html_body)}"
            ></iframe>
            ${
              m.status === 'submitted'
                ? html`<form method="post" action="/advertiser/mailings/${m.id}" class="stack">
                    ${csrfField(context)}<label
                      >${context.l('Comments', 'Opmerkingen')} <input name="comments"
                    /></label>
                    <div>
                      <button name="outcome" value="approve">
                        ${context.l('Approve', 'Goedkeuren')}
                      </button>
                      <button name="outcome" value="reject" class="secondary">
                        ${context.l('Reject', 'Afwijzen')}
                      </button>
                    </div>
                  </form>`
                : html`<p>
                    ${m.comments ?? ''} ${m.link_param ? html`<code>m=${m.link_param}</code>` : ''}
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

  const advertiserPost = (
    path: string,
    act: (
      context: WebContext,
      advertiserId: string,
      form: Form,
      params: Record<string, string>,
    ) => Promise<string>,
  ) =>
    app.post(path, async (request, reply) => {
      const context = await webContext(network, request, reply);
      const advertiserId = advertiserOf(context);
      return answerForm(
        reply,
        context,
        'Compliance',
        (message) => advertiserPage(context, advertiserId, message),
        async () =>
          notice(
            'success',
            await act(
              context,
              advertiserId,
              request.body as Form,
              request.params as Record<string, string>,
            ),
          ),
      );
    });

  const actor = (context: WebContext) => `user:${context.session!.user.id}`;
  advertiserPost('/advertiser/violations/:id', async (context, advertiserId, form, params) => {
    const outcome = text(form, 'outcome') === 'dismissed' ? 'dismissed' : 'confirmed';
    await network.violations.review(
      params.id!,
      await network.complianceViews.programIdsOf(advertiserId),
      outcome,
      actor(context),
      network.now(),
    );
    return `${params.id}: ${outcome}`;
  });

  advertiserPost('/advertiser/enforcement', async (context, advertiserId, form) => {
    const programId = text(form, 'programId');
    const publisherId = text(form, 'publisherId');
    await network.complianceViews.assertScope(advertiserId, programId, publisherId);
    const amount = text(form, 'amount');
    const cure = text(form, 'cureDeadline');
    const action = await network.enforcement.record({
      kind: text(form, 'kind') as ActionKind,
      publisherId,
      programId,
      rule: text(form, 'rule'),
      evidence: text(form, 'evidence'),
      actor: actor(context),
      nowMs: network.now(),
      amountMinor: amount === '' ? undefined : centsOf(amount),
      cureDeadlineAt: cure === '' ? undefined : Date.parse(`${cure}T23:59:59Z`),
    });
    return `${action.id}: ${action.kind} ${context.l('recorded; the publisher is notified and may object until', 'vastgelegd; de publisher is op de hoogte en kan bezwaar maken tot')} ${deadline(action.claim_deadline_at)}`;
  });

  advertiserPost(
    '/advertiser/enforcement/:id/lift',
    async (context, advertiserId, _form, params) => {
      const action = (await network.complianceViews.actionsOfAdvertiser(advertiserId)).find(
        (a) => a.id === params.id,
      );
      if (action === undefined)
        throw new DomainError('unknown_action', 'no such action in your programs');
      await network.enforcement.reverse(action.id, actor(context), network.now(), 'lifted');
      return `${action.id}: ${context.l('lifted', 'opgeheven')}`;
    },
  );

  advertiserPost('/advertiser/claims/:id', async (context, advertiserId, form, params) => {
    const outcome = text(form, 'outcome') === 'upheld' ? 'upheld' : 'rejected';
    await network.claims.decide(
      params.id!,
      advertiserId,
      outcome,
      text(form, 'decision'),
      actor(context),
      network.now(),
    );
    return `${params.id}: ${outcome}`;
  });

  advertiserPost('/advertiser/email-access', async (context, advertiserId, form) => {
    const programId = text(form, 'programId');
    const publisherId = text(form, 'publisherId');
    await network.complianceViews.assertScope(advertiserId, programId, publisherId);
    if (text(form, 'grant') === 'yes')
      await network.mailings.grantAccess(programId, publisherId, actor(context), network.now());
    else await network.mailings.revokeAccess(programId, publisherId, actor(context), network.now());
    return context.l('Email access updated.', 'E-mailtoegang bijgewerkt.');
  });

  advertiserPost('/advertiser/mailings/:id', async (context, advertiserId, form, params) => {
    const outcome = text(form, 'outcome') === 'approve' ? 'approve' : 'reject';
    const mailing = await network.mailings.decide(
      params.id!,
      await network.complianceViews.programIdsOf(advertiserId),
      outcome,
      text(form, 'comments'),
      actor(context),
      network.now(),
    );
    return `${mailing.subject}: ${statusText(mailing.status, context.locale)}`;
  });
}
