import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { BODIES } from '../http/contracts/bodies.js';
import type { ProgramReviewView } from '../services/program-review-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatDate } from './format.js';
import { statusBadge, statusText } from './status-badge.js';
import { requireRole, webContext, type WebContext } from './web-context.js';

/**
 * The network admin's program review (docs/compliance.md, "Program review"): the programs
 * advertisers created, waiting, each with its brand hits and a form to approve or refuse it
 * with a reason; below, the programs decided, which may be reviewed again.
 */
export function registerAdminProgramReviewPages(app: FastifyInstance, network: Network): void {
  const title = (context: WebContext) => context.t('nav.programReviews');

  const queuePage = async (context: WebContext, message: SafeHtml | string = '') => {
    const programs = await network.programReviews.queue('all');
    const waiting = programs.filter((program) => program.review === 'in_review');
    const decided = programs.filter((program) => program.review !== 'in_review');
    return html`<h1>${title(context)}</h1>
      <p class="muted">${context.t('programReview.intro')}</p>
      ${message}
      <h2>${context.t('programReview.waiting')}</h2>
      ${
        waiting.length === 0
          ? html`<p class="muted">${context.t('programReview.none')}</p>`
          : waiting.map((program) => programCard(context, program))
      }
      <h2>${context.t('programReview.decided')}</h2>
      ${decided.map((program) => programCard(context, program))}`;
  };

  app.get('/admin/program-reviews', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return sendPage(reply, context, title(context), await queuePage(context));
  });

  app.post('/admin/programs/:programId/review', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const { programId } = parseParams(pathIds('programId'), request);
    return answerForm(
      network,
      reply,
      context,
      title(context),
      async (message) => queuePage(context, message),
      async () => {
        const view = await network.programReviews.decide(
          programId,
          parseForm(BODIES.programReview, request.body),
          `user:${context.session!.user.id}`,
          context.now,
        );
        await network.refreshIfChanged();
        return notice(
          'success',
          context.t(view.changed ? 'programReview.recorded' : 'programReview.unchanged', {
            name: view.name,
            status: statusText(view.review, context.locale),
          }),
        );
      },
      '/admin/program-reviews',
    );
  });
}

function programCard(context: WebContext, program: ProgramReviewView): SafeHtml {
  const { t } = context;
  return html`<section class="card program-review" data-program="${program.programId}">
    <h3>${program.name} <span class="mono">${program.slug}</span></h3>
    <dl>
      <dt>${t('programReview.status')}</dt>
      <dd>${statusBadge(program.review, context.locale)} ${program.reason ?? ''}</dd>
      <dt>${t('programReview.advertiser')}</dt>
      <dd>${program.advertiser} <span class="mono">${program.advertiserId}</span></dd>
      <dt>${t('programReview.advertiserInTerms')}</dt>
      <dd>${program.advertiserInTerms}</dd>
      <dt>${t('programReview.landingUrl')}</dt>
      <dd class="mono">${program.landingUrl}</dd>
      <dt>${t('programReview.created')}</dt>
      <dd>${formatDate(Date.parse(program.createdAt), context.locale)}</dd>
    </dl>
    <p><a href="/advertiser/tracking/${program.programId}">${t('tracking.link')}</a></p>
    ${
      program.brandMatches.length === 0
        ? html`<p class="muted">${t('programReview.noBrandHits')}</p>`
        : notice(
            'warning',
            html`<span class="brand-hits"
              >${t('programReview.brandHits')}
              ${program.brandMatches.map((m) => `${m.brand} (${m.kind}: “${m.found}” in ${m.field})`).join('; ')}</span
            >`,
          )
    }
    <form method="post" action="/admin/programs/${program.programId}/review" class="stack">
      ${csrfField(context)}
      <fieldset>
        <legend>${t('programReview.decision')}</legend>
        <label
          ><input type="radio" name="decision" value="approved" required />
          ${t('programReview.approve')}</label
        >
        <label
          ><input type="radio" name="decision" value="refused" />
          ${t('programReview.refuse')}</label
        >
      </fieldset>
      <label
        >${t('programReview.reason')} <textarea name="reason" maxlength="1000" rows="2"></textarea>
      </label>
      <button type="submit">${t('programReview.submit')}</button>
    </form>
  </section>`;
}
