import { statusBadge } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { type ActionKind } from '../services/enforcement-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatMoney } from './format.js';
import { publisherOf, verifyCsrf, webContext, type WebContext } from './web-context.js';
import { calendarOf, deadline, readMultipart } from './compliance-page-parts.js';

/** The claim form's text fields: the API's (its evidence files come as the form's files). */
const CLAIM_FIELDS = BODIES.claim.pick({ actionId: true, text: true });

/** The mailing form: the API's, but the send time as a browser's UTC date-time field sends it. */
const MAILING_FORM = BODIES.mailing.extend({
  plannedSendAt: z.iso
    .datetime({ local: true, error: 'the planned send time, as YYYY-MM-DDTHH:MM UTC' })
    .meta({ description: 'UTC, without an offset' }),
});

/**
 * Compliance for the publisher: enforcement actions against them, claims with evidence (AE-E2), mailings for approval (AE-P1), and a claim's attachments for either party.
 */
export function registerPublisherCompliancePages(app: FastifyInstance, network: Network): void {
  const publisherPage = async (context: WebContext, publisherId: string, message?: SafeHtml) => {
    const actions = await network.enforcement.ofPublisher(publisherId);
    const access = await network.mailings.accessOf(publisherId);
    const mailings = await network.mailings.ofPublisher(publisherId);
    const now = network.now();
    return html`<h1>${context.t('publisherCompliance.compliance')}</h1>
      ${message ?? ''}
      <h2>${context.t('publisherCompliance.enforcementActions')}</h2>
      ${actions.length === 0 ? html`<p class="muted">${context.t('publisherCompliance.noneKeepItThatWay')}</p>` : ''}
      ${actions.map(
        (action) =>
          html`<section class="card">
            <h3>
              ${context.t(`kind.${action.kind as ActionKind}`)}
              ${statusBadge(action.status, context.locale)}
            </h3>
            <p>
              ${context.t('publisherCompliance.rule')} <code>${action.rule}</code> ·
              ${new Date(action.createdAt).toISOString().slice(0, 10)}${action.amountMinor ? html` · ${formatMoney(action.amountMinor, 'EUR', context.locale)}` : ''}${action.cureDeadlineAt ? html` · ${context.t('publisherCompliance.cureBefore')} ${deadline(action.cureDeadlineAt, calendarOf(network, action.programId))}` : ''}
            </p>
            <p>${context.t('publisherCompliance.evidence')}: ${action.evidence}</p>
            ${
              action.claim
                ? html`<p>
                    ${context.t('publisherCompliance.yourClaim')}:
                    ${statusBadge(action.claim.status, context.locale)} ·
                    ${context.t('publisherCompliance.decisionDue')}
                    ${deadline(action.claim.decisionDueAt, calendarOf(network, action.programId))}${action.claim.decision ? html` · ${action.claim.decision}` : ''}
                  </p>`
                : action.status === 'active' &&
                    action.claimDeadlineAt !== null &&
                    now < action.claimDeadlineAt
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
                        ${context.t('publisherCompliance.youMayObjectInWriting')}
                        <strong
                          >${deadline(action.claimDeadlineAt, calendarOf(network, action.programId))}</strong
                        >.
                      </p>
                      <label
                        >${context.t('publisherCompliance.yourObjection')}
                        <textarea name="text" rows="4" required minlength="20"></textarea>
                      </label>
                      <label
                        >${context.t('publisherCompliance.evidencePdfImagesTextUp')}
                        <input type="file" name="files" multiple
                      /></label>
                      <button type="submit">${context.t('publisherCompliance.submitClaim')}</button>
                    </form>`
                  : html`<p class="muted">
                      ${context.t('publisherCompliance.theClaimWindowClosedOn')}
                      ${deadline(action.claimDeadlineAt, calendarOf(network, action.programId))}.
                    </p>`
            }
          </section>`,
      )}
      <h2>${context.t('publisherCompliance.emailApprovalTool')}</h2>
      ${
        access.length === 0
          ? html`<p class="muted">${context.t('publisherCompliance.noAccessYetTheAdvertiser')}</p>`
          : html`<form method="post" action="/publisher/mailings" class="stack card">
              ${csrfField(context)}
              <label
                >${context.t('publisherCompliance.program')}
                <select name="programId">
                  ${access.map((a) => html`<option value="${a.id}">${a.name}</option>`)}
                </select></label
              >
              <label
                >${context.t('publisherCompliance.subject')} <input name="subject" required
              /></label>
              <label>HTML <textarea name="htmlBody" rows="6" required></textarea></label>
              <label
                >${context.t('publisherCompliance.plannedSendUtc')}
                <input type="datetime-local" name="plannedSendAt" required
              /></label>
              <label
                >${context.t('publisherCompliance.audienceSize')}
                <input type="number" name="audienceSize" min="1" required
              /></label>
              <label
                >${context.t('publisherCompliance.audienceSource')}
                <input name="audienceSource" required
              /></label>
              <button type="submit">${context.t('publisherCompliance.submitPreview')}</button>
            </form>`
      }
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherCompliance.subject')}</th>
            <th>${context.t('publisherCompliance.send')}</th>
            <th>${context.t('publisherCompliance.status')}</th>
            <th>${context.t('publisherCompliance.linkParameter')}</th>
            <th>${context.t('publisherCompliance.comments')}</th>
          </tr>
        </thead>
        <tbody>
          ${mailings.map(
            (m) =>
              html`<tr>
                <td>${m.subject}</td>
                <td>${new Date(m.plannedSendAt).toISOString().slice(0, 16)}</td>
                <td>${statusBadge(m.status, context.locale)}</td>
                <td>${m.linkParam ? html`<code>m=${m.linkParam}</code>` : ''}</td>
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
      network,
      reply,
      context,
      'Compliance',
      (message) => publisherPage(context, publisherId, message),
      async () => {
        const claim = await network.claims.submit(
          { publisherId, ...parseForm(CLAIM_FIELDS, fields), attachments: files },
          network.now(),
        );
        return notice(
          'success',
          `${context.t('publisherCompliance.claimSubmittedTheAdvertiserDecides')} ${deadline(claim.decisionDueAt)}.`,
        );
      },
      '/publisher/compliance',
    );
  });

  app.post('/publisher/mailings', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return answerForm(
      network,
      reply,
      context,
      'Compliance',
      (message) => publisherPage(context, publisherId, message),
      async () => {
        const { plannedSendAt, ...form } = parseForm(MAILING_FORM, request.body);
        await network.mailings.submit(
          { publisherId, ...form, plannedSendAt: Date.parse(`${plannedSendAt}Z`) },
          network.now(),
        );
        return notice('success', context.t('publisherCompliance.previewSubmittedForApproval'));
      },
      '/publisher/compliance',
    );
  });

  app.get('/claims/:claimId/attachments/:attachmentId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const session = context.session;
    if (session === undefined) throw new HttpError('login_required', 'log in to see this file');
    const { claimId, attachmentId } = parseParams(pathIds('claimId', 'attachmentId'), request);
    const file = await network.complianceViews.attachment(
      { publisherId: session.user.publisherId, advertiserId: session.user.advertiserId },
      claimId,
      attachmentId,
    );
    if (file === undefined)
      throw new HttpError('unknown_attachment', 'no such attachment among your claims');
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename.replace(/"/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(file.content));
  });
}
