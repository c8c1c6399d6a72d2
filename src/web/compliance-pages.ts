import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { DomainError } from '../domain/errors.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import { ACTION_KINDS, type ActionKind } from '../services/enforcement-service.js';
import { sanitizeMailingHtml } from '../compliance/sanitize-mailing-html.js';
import type { Attachment } from '../services/claims-service.js';
import { auditCsv } from '../services/audit-log.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, field, sendPage, type Form } from './respond.js';

/** A form field as trimmed text. */
const text = (form: Form, name: string) => field(form, name).trim();
import { csrfField, notice } from './layout.js';
import { formatMoney } from './format.js';
import {
  advertiserOf,
  publisherOf,
  requireRole,
  verifyCsrf,
  webContext,
  type WebContext,
} from './web-context.js';

/** A deadline with its Hong Kong local time: both sides see the same instant. */
function deadline(ms: number | null): string {
  if (ms === null) return '';
  const hk = new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
  return `${hk} HKT (${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/** Reads a multipart form: text fields and files (the claim form with evidence). */
async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Form; files: Attachment[] }> {
  if (!request.isMultipart())
    throw new HttpError(
      415,
      'unsupported_media_type',
      'send this form as multipart/form-data (it carries the evidence files)',
    );
  const fields: Form = {};
  const files: Attachment[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.filename && content.byteLength > 0)
        files.push({ filename: part.filename, contentType: part.mimetype, content });
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}

/** "12.50" → 1250; anything that is not a plain euro amount → NaN (refused by the service). */
function centsOf(text: string): number {
  const value = parseDecimal(text.replace(',', '.'));
  return (value && toMinorUnits(value, 2)) ?? Number.NaN;
}

const KIND_TEXT: Record<ActionKind, [string, string]> = {
  warning: ['Written warning (AE-E1 a)', 'Schriftelijke waarschuwing (AE-E1 a)'],
  cure_period: ['Cure period (AE-E1 b)', 'Herstelperiode (AE-E1 b)'],
  withhold: ['Withhold payments (AE-E1 c)', 'Betalingen inhouden (AE-E1 c)'],
  deduction: ['Deduct an amount (AE-E1 d)', 'Bedrag inhouden (AE-E1 d)'],
  termination: ['Terminate the account (AE-E1 e)', 'Account beëindigen (AE-E1 e)'],
  restriction: ['Restrict collaboration (AE-E1 f)', 'Samenwerking beperken (AE-E1 f)'],
  registration_bar: [
    'Bar future registration (AE-E1 g)',
    'Toekomstige registratie blokkeren (AE-E1 g)',
  ],
};

/**
 * Compliance in the portal: the publisher's actions, claims and mailings; the advertiser's
 * review queue, enforcement, claim decisions and Email Approval tool; the admin's audit log.
 */
export function registerCompliancePages(app: FastifyInstance, network: Network): void {
  const publisherPage = async (context: WebContext, publisherId: string, message?: SafeHtml) => {
    const actions = await network.enforcement.ofPublisher(publisherId);
    const access = await network.mailings.accessOf(publisherId);
    const mailings = await network.mailings.ofPublisher(publisherId);
    const now = network.now();
    return html`<h1>${context.l('Compliance', 'Compliance')}</h1>
      ${message ?? ''}
      <h2>${context.l('Enforcement actions', 'Handhavingsmaatregelen')}</h2>
      ${actions.length === 0 ? html`<p class="muted">${context.l('None. Keep it that way: read the program rules.', 'Geen. Houd dat zo: lees de programmaregels.')}</p>` : ''}
      ${actions.map(
        (action) =>
          html`<section class="card">
            <h3>
              ${context.l(...KIND_TEXT[action.kind as ActionKind])}
              <span class="badge ${action.status}">${action.status}</span>
            </h3>
            <p>
              ${context.l('Rule', 'Regel')} <code>${action.rule}</code> ·
              ${new Date(action.created_at).toISOString().slice(0, 10)}${action.amount_minor ? html` · ${formatMoney(action.amount_minor, 'EUR', context.locale)}` : ''}${action.deadline_at ? html` · ${context.l('cure before', 'herstel vóór')} ${deadline(action.deadline_at)}` : ''}
            </p>
            <p>${context.l('Evidence', 'Bewijs')}: ${action.evidence}</p>
            ${
              action.claim_id
                ? html`<p>
                    ${context.l('Your claim', 'Je bezwaar')}:
                    <span class="badge ${action.claim_status ?? ''}">${action.claim_status}</span> ·
                    ${context.l('decision due', 'beslissing uiterlijk')}
                    ${deadline(action.decision_due_at)}${action.decision ? html` · ${action.decision}` : ''}
                  </p>`
                : action.status === 'active' &&
                    action.claim_deadline_at !== null &&
                    now < action.claim_deadline_at
                  ? html`<form
                      method="post"
                      action="/publisher/claims"
                      enctype="multipart/form-data"
                      class="stack"
                    >
                      ${csrfField(context)}<input
                        type="hidden"
                        name="actionId"
                        value="${action.id}"
                      />
                      <p>
                        ${context.l('You may object in writing, with evidence, until', 'Je kunt schriftelijk bezwaar maken, met bewijs, tot')}
                        <strong>${deadline(action.claim_deadline_at)}</strong> (AE-E2).
                      </p>
                      <label
                        >${context.l('Your objection', 'Je bezwaar')}
                        <textarea name="text" rows="4" required minlength="20"></textarea>
                      </label>
                      <label
                        >${context.l('Evidence (PDF, images, text; up to 5 files of 5 MiB)', 'Bewijs (pdf, afbeeldingen, tekst; tot 5 bestanden van 5 MiB)')}
                        <input type="file" name="files" multiple
                      /></label>
                      <button type="submit">
                        ${context.l('Submit claim', 'Bezwaar indienen')}
                      </button>
                    </form>`
                  : html`<p class="muted">
                      ${context.l('The claim window closed on', 'De bezwaartermijn sloot op')}
                      ${deadline(action.claim_deadline_at)}.
                    </p>`
            }
          </section>`,
      )}
      <h2>${context.l('Email Approval tool (AE-P1)', 'Email Approval tool (AE-P1)')}</h2>
      ${
        access.length === 0
          ? html`<p class="muted">
              ${context.l('No access yet: the advertiser grants it per program. Mailing without an approved preview is not allowed.', 'Nog geen toegang: de adverteerder geeft die per programma. Mailen zonder goedgekeurde preview is niet toegestaan.')}
            </p>`
          : html`<form method="post" action="/publisher/mailings" class="stack card">
              ${csrfField(context)}
              <label
                >${context.l('Program', 'Programma')}
                <select name="programId">
                  ${access.map((a) => html`<option value="${a.id}">${a.name}</option>`)}
                </select></label
              >
              <label>${context.l('Subject', 'Onderwerp')} <input name="subject" required /></label>
              <label>HTML <textarea name="htmlBody" rows="6" required></textarea></label>
              <label
                >${context.l('Planned send (UTC)', 'Geplande verzending (UTC)')}
                <input type="datetime-local" name="plannedSendAt" required
              /></label>
              <label
                >${context.l('Audience size', 'Aantal ontvangers')}
                <input type="number" name="audienceSize" min="1" required
              /></label>
              <label
                >${context.l('Audience source', 'Herkomst adressen')}
                <input name="audienceSource" required
              /></label>
              <button type="submit">${context.l('Submit preview', 'Preview indienen')}</button>
            </form>`
      }
      <table>
        <thead>
          <tr>
            <th>${context.l('Subject', 'Onderwerp')}</th>
            <th>${context.l('Send', 'Verzending')}</th>
            <th>${context.l('Status', 'Status')}</th>
            <th>${context.l('Link parameter', 'Linkparameter')}</th>
            <th>${context.l('Comments', 'Opmerkingen')}</th>
          </tr>
        </thead>
        <tbody>
          ${mailings.map(
            (m) =>
              html`<tr>
                <td>${m.subject}</td>
                <td>${new Date(m.planned_send_at).toISOString().slice(0, 16)}</td>
                <td><span class="badge ${m.status}">${m.status}</span></td>
                <td>${m.link_param ? html`<code>m=${m.link_param}</code>` : ''}</td>
                <td>${m.comments ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };

  app.get('/publisher/compliance', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(
      reply,
      context,
      'Compliance',
      await publisherPage(context, publisherOf(context)),
    );
  });

  app.post('/publisher/claims', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { fields, files } = await readMultipart(request);
    verifyCsrf(context, fields);
    return answerForm(
      reply,
      context,
      'Compliance',
      (message) => publisherPage(context, publisherId, message),
      async () => {
        const claim = await network.claims.submit(
          {
            publisherId,
            actionId: text(fields, 'actionId'),
            text: text(fields, 'text'),
            attachments: files,
          },
          network.now(),
        );
        return notice(
          'success',
          `${context.l('Claim submitted; the advertiser decides by', 'Bezwaar ingediend; de adverteerder beslist uiterlijk')} ${deadline(claim.decision_due_at)} (AE-E3).`,
        );
      },
      201,
    );
  });

  app.post('/publisher/mailings', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    verifyCsrf(context, request.body);
    const form = request.body as Form;
    return answerForm(
      reply,
      context,
      'Compliance',
      (message) => publisherPage(context, publisherId, message),
      async () => {
        await network.mailings.submit(
          {
            publisherId,
            programId: text(form, 'programId'),
            subject: text(form, 'subject'),
            htmlBody: text(form, 'htmlBody'),
            plannedSendAt: Date.parse(`${text(form, 'plannedSendAt')}Z`),
            audienceSize: Number(text(form, 'audienceSize')),
            audienceSource: text(form, 'audienceSource'),
          },
          network.now(),
        );
        return notice(
          'success',
          context.l('Preview submitted for approval.', 'Preview ingediend ter goedkeuring.'),
        );
      },
      201,
    );
  });

  app.get('/claims/:claimId/attachments/:attachmentId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const session = context.session;
    if (session === undefined)
      throw new HttpError(401, 'login_required', 'log in to see this file');
    const { claimId, attachmentId } = request.params as { claimId: string; attachmentId: string };
    const file = await network.complianceViews.attachment(
      { publisherId: session.user.publisher_id, advertiserId: session.user.advertiser_id },
      claimId,
      attachmentId,
    );
    if (file === undefined)
      throw new HttpError(404, 'unknown_attachment', 'no such attachment among your claims');
    return reply
      .type(file.content_type)
      .header('content-disposition', `attachment; filename="${file.filename.replace(/"/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(file.content));
  });

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
            ${uniquePublishers.map((p) => html`<option value="${p.id}">${p.name} (${p.status})</option>`)}
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
                  <span class="badge ${action.status}">${action.status}</span>
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
                            <span class="badge ${action.claim_status ?? ''}"
                              >${action.claim_status}</span
                            >
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
            <h3>${m.subject} <span class="badge ${m.status}">${m.status}</span></h3>
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
      verifyCsrf(context, request.body);
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
    return `${mailing.subject}: ${mailing.status}`;
  });

  app.get('/admin/audit', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const query = request.query as Record<string, string | undefined>;
    const rows = await network.complianceViews.audit({
      action: query.action,
      limit: query.format === 'csv' ? 100_000 : 500,
    });
    if (query.format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(rows));
    const overdue = await network.claims.overdue(network.now());
    const body = html`<h1>${context.l('Audit log', 'Auditlog')}</h1>
      ${overdue.length > 0 ? notice('warning', html`${context.l('Claims past their decision deadline (AE-E3)', 'Bezwaren over hun beslistermijn (AE-E3)')}: ${overdue.map((c) => html`<div>${c.id} · ${c.program_id} · ${deadline(c.decision_due_at)}</div>`)}`) : ''}
      <form method="get" class="card">
        <label
          >${context.l('Action starts with', 'Actie begint met')}
          <input name="action" value="${query.action ?? ''}" placeholder="enforcement."
        /></label>
        <button class="secondary">${context.l('Filter', 'Filter')}</button>
        <a
          href="/admin/audit?format=csv${query.action ? `&action=${encodeURIComponent(query.action)}` : ''}"
          >CSV</a
        >
      </form>
      <table>
        <thead>
          <tr>
            <th>${context.l('When', 'Wanneer')}</th>
            <th>${context.l('Who', 'Wie')}</th>
            <th>${context.l('What', 'Wat')}</th>
            <th>${context.l('Subject', 'Onderwerp')}</th>
            <th>${context.l('Details', 'Details')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td>${new Date(row.created_at).toISOString().slice(0, 19)}</td>
                <td class="mono">${row.actor}</td>
                <td>${row.action}</td>
                <td class="mono">${row.subject_type} ${row.subject_id ?? ''}</td>
                <td class="mono">${row.details}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, context.l('Audit log', 'Auditlog'), body);
  });
}
