import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { DomainError } from '../domain/errors.js';
import { utcDayNumber } from '../domain/dates.js';
import type { SimulationResult } from '../domain/engine/simulate-terms.js';
import { html, trusted, type SafeHtml } from './html.js';
import { answerForm, redirectAfterPost, sendPage } from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds, typedValues } from './form-input.js';
import { checksumExample } from '../tracking/pixel-report.js';
import { csrfField, notice } from './layout.js';
import { statusBadge } from './status-badge.js';
import { formatAmountText, formatDate, formatRate } from './format.js';
import { barLineChart } from './svg-chart.js';
import { refusalText } from './refusal-text.js';
import { translate } from './i18n.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { programPage } from './public-pages.js';
import { groupName, type ProgramTerms } from '../domain/terms/compile-terms.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { TermsFile } from '../domain/terms/terms-schema.js';
import { guidedSetupOf } from '../programs/setup-source.js';

/**
 * The advertiser's terms editor: the current file in a text area, a simulation of a draft on
 * the orders already recorded (tables and a chart), and publishing it as a new version. A file
 * that breaks the schema is refused with the line of each problem.
 */
export function registerAdvertiserTermsPages(app: FastifyInstance, network: Network): void {
  const termsOf = async (context: WebContext, programId: string) => {
    const row = await network.advertiserViews.currentTermsOf(programId, advertiserOf(context));
    if (row === undefined)
      throw new HttpError('unknown_program', `no program "${programId}" among your programs`);
    return row;
  };

  const reviewOf = async (context: WebContext, programId: string) =>
    reviewNote(
      context,
      (await network.programReviews.ofAdvertiser(advertiserOf(context))).find(
        (review) => review.programId === programId,
      ),
    );

  const page = async (
    context: WebContext,
    programId: string,
    row: { name: string; slug: string; loadedAt: number },
    source: string,
    result: SafeHtml | string = '',
    review: SafeHtml | string = '',
  ) => {
    const fee = await network.networkFees.ofProgramOrThrow(programId, advertiserOf(context));
    return html`<h1>${context.t('nav.terms')}: ${row.name}</h1>
      ${review}
      <p>
        <a href="/programs/${row.slug}">${context.t('advertiserAccount.publicProgramPage')}</a>
        ${guidedLink(context, programId, network.cache.program(programId)?.terms.file)} ·
        <a href="/advertiser/tracking/${programId}">${context.t('tracking.link')}</a> ·
        ${context.t('advertiserAccount.loaded')} ${formatDate(row.loadedAt, context.locale)}
      </p>
      <p class="network-fee">
        ${context.t('networkFees.ofProgram', {
          rate: formatRate(fee.networkFeeRate, context.locale),
        })}
      </p>
      <p class="muted">${context.t('advertiserTerms.intro')}</p>
      ${leadTrackingNote(context, network.cache.program(programId))} ${result}
      ${checksumCard(context, network.cache.program(programId))}
      ${termsForm(context, `/advertiser/terms/${programId}`, source, ['simulate', 'preview', 'publish'])}`;
  };

  app.get('/advertiser/terms/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const row = await termsOf(context, programId);
    return sendPage(
      reply,
      context,
      context.t('nav.terms'),
      await page(context, programId, row, row.source, '', await reviewOf(context, programId)),
    );
  });

  // The pixel's checksum secret, made (or removed) from the console: shown once, with how the
  // confirmation page's server computes the checksum from it.
  app.post('/advertiser/terms/:programId/checksum-secret', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const row = await termsOf(context, programId);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.terms'),
      async (message) =>
        page(context, programId, row, row.source, message, await reviewOf(context, programId)),
      async () => {
        const { action } = parseForm(CHECKSUM_FORM, request.body);
        const set = await network.pixelChecksums.set(
          programId,
          action === 'remove' ? null : 'generate',
          `user:${context.session!.user.id}`,
          context.now,
          advertiserOf(context),
        );
        await network.refreshIfChanged();
        if (set.secret === null) return notice('success', context.t('checksum.removed'));
        return notice(
          'success',
          html`${context.t('checksum.generated')}
            <p><code class="mono">${set.secret}</code></p>
            <p>${context.t('checksum.example', checksumExample(set.secret))}</p>`,
        );
      },
      termsPath(programId),
    );
  });

  app.post('/advertiser/terms/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const row = await termsOf(context, programId);
    // A refused file stays in the editor as typed, with the line of each problem.
    const source = typedValues(request.body).terms ?? '';
    let result: SafeHtml;
    try {
      const form = parseForm(TERMS_FORM, request.body);
      if (form.action === 'publish') {
        return await publishTerms(network, reply, context, { programId, slug: row.slug }, source);
      } else if (form.action === 'preview') {
        result = previewOf(
          context,
          programId,
          await network.programTerms.preview(form.terms, row.slug),
        );
      } else {
        const to = utcDayNumber(context.now);
        result = simulationView(
          context,
          network.cache.program(programId)?.terms,
          await network.simulations.simulate(
            row.slug,
            { source: form.terms, name: `${row.slug} (draft)` },
            { fromMs: (to - 29) * 86_400_000, toMs: (to + 1) * 86_400_000 },
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result = refusalOf(context, error);
      return sendPage(
        reply,
        context,
        context.t('nav.terms'),
        await page(context, programId, row, source, result, await reviewOf(context, programId)),
        400,
      );
    }
    // A preview or a simulation changes nothing: the page shows it for the file as posted.
    return sendPage(
      reply,
      context,
      context.t('nav.terms'),
      await page(context, programId, row, source, result, await reviewOf(context, programId)),
    );
  });
}

/**
 * Publishes terms for one of the advertiser's programs (ProgramTermsService.applyTo: never
 * back-dated, never the network fee) and answers 303 to its terms page saying what changed.
 */
export async function publishTerms(
  network: Network,
  reply: FastifyReply,
  context: WebContext,
  program: { programId: string; slug: string },
  source: string,
) {
  const applied = await network.programTerms.applyTo(
    program.slug,
    source,
    { actor: `user:${context.session!.user.id}` },
    context.now,
  );
  await network.refreshIfChanged();
  return redirectAfterPost(
    network,
    reply,
    termsPath(program.programId),
    notice(
      'success',
      applied.changed
        ? context.t('advertiserTerms.published', { termsId: applied.termsId })
        : context.t('advertiserTerms.unchanged'),
    ),
  );
}

/** The guided form's edit of a program, offered for terms the form says whole. */
function guidedLink(context: WebContext, programId: string, file: TermsFile | undefined) {
  return file !== undefined && guidedSetupOf(file) !== undefined
    ? html`· <a href="${termsPath(programId)}/setup">${context.t('programSetup.editLink')}</a>`
    : '';
}

/** The terms editor's page of a program (its GET): where its forms answer to. */
const termsPath = (programId: string) => `/advertiser/terms/${encodeURIComponent(programId)}`;

/** The terms editor's form: the file, and what to do with it (the API's simulation body). */
const TERMS_FORM = BODIES.simulation.pick({ terms: true }).extend({
  action: z.enum(['simulate', 'preview', 'publish']).default('simulate'),
});

/** The pixel checksum card: make (or rotate) the secret, or remove it. */
const CHECKSUM_FORM = z.object({
  action: z.enum(['generate', 'remove']).default('generate'),
});

/**
 * Where the advertiser sets up tracking for leads (NET-R3, NET-R4): a lead pixel pays only with
 * a checksum, and whether the program has the secret to make one. Nothing for a program
 * without lead events.
 */
function leadTrackingNote(context: WebContext, program: CachedProgram | undefined): SafeHtml {
  if (program === undefined || ![...program.terms.events.values()].some((e) => e.kind === 'lead'))
    return html``;
  return notice(
    program.checksumSecret === null ? 'warning' : 'success',
    html`${context.t('advertiserTerms.leadsTracking')}
      <strong
        >${
          program.checksumSecret === null
            ? context.t('advertiserTerms.leadsWithoutSecret', {
                programId: program.id,
                slug: program.slug,
              })
            : context.t('advertiserTerms.leadsWithSecret')
        }</strong
      >`,
  );
}

/** The terms text area and its actions; the last action is the main one. */
function termsForm(
  context: WebContext,
  action: string,
  source: string,
  actions: readonly ('simulate' | 'preview' | 'publish' | 'create')[],
): SafeHtml {
  return html`<form method="post" action="${action}" class="stack card wide">
    ${csrfField(context)}
    <label class="sr-only" for="terms">${context.t('advertiserTerms.termsYaml')}</label>
    <textarea name="terms" id="terms" rows="28" spellcheck="false" class="mono">${source}</textarea>
    <p>
      ${actions.map(
        (name, index) =>
          html`<button
            type="submit"
            name="action"
            value="${name}"
            ${index < actions.length - 1 ? html` class="secondary"` : ''}
          >
            ${context.t(`advertiserTerms.${name}`)}
          </button> `,
      )}
    </p>
  </form>`;
}

/** A refused file: each schema problem with its line and path, or the refusal in words. */
/**
 * What the refusal's values say in the reader's language, above its issues (terms_backdated:
 * the earliest moment a new version may start); nothing when the code's words need more.
 */
function issuesSummary(context: WebContext, error: DomainError): SafeHtml | string {
  if (Object.keys(error.values).length === 0) return '';
  const text = translate(context.locale, `refusal.${error.code}`, error.values);
  return /\{\w+\}/.test(text) ? '' : html`<p class="refusal-summary">${text}</p>`;
}

export function refusalOf(context: WebContext, error: DomainError): SafeHtml {
  return notice(
    'error',
    error.issues.length > 0
      ? html`${context.t('advertiserTerms.refused')} ${issuesSummary(context, error)}
          <ul>
            ${error.issues.map(
              (issue) =>
                html`<li>
                  ${issue.line !== undefined ? html`<strong>${context.t('advertiserTerms.line', { line: issue.line })}</strong> · ` : ''}<code>${issue.path}</code>:
                  ${issue.message}
                </li>`,
            )}
          </ul>`
      : refusalText(error, context.locale),
  );
}

/** The program page as publishers would read it under the draft. */
export function previewOf(context: WebContext, programId: string, terms: ProgramTerms): SafeHtml {
  return html`<section class="card preview">
    <p class="muted">${context.t('advertiserTerms.previewIntro')}</p>
    ${programPage(context, { id: programId, slug: terms.id, terms })}
  </section>`;
}

function simulationView(
  context: WebContext,
  terms: ProgramTerms | undefined,
  result: SimulationResult,
): SafeHtml {
  const money = (amount: string, currency = result.currency) =>
    formatAmountText(amount, currency, context.locale);
  const publishers = result.byPublisher.slice(0, 12);
  return html`<section class="card">
    ${notice(
      'success',
      context.t('advertiserTerms.result', {
        orders: result.orders,
        lines: result.lines,
        current: money(result.current.total),
        draft: money(result.draft.total),
        difference: money(result.difference),
      }),
    )}
    ${trusted(
      barLineChart(
        publishers.map((p) => ({
          label: p.publisherId,
          bar: Number(p.current),
          line: Number(p.draft),
        })),
        {
          title: context.t('advertiserTerms.chart'),
          barLabel: context.t('advertiserTerms.now'),
          lineLabel: context.t('advertiserTerms.draft'),
          formatLine: (value) => value.toFixed(2),
        },
      ),
    )}
    ${comparisonTable(
      context,
      [context.t('advertiserTerms.group'), context.t('advertiserTerms.lines')],
      result.byGroup.map((g) => ({
        name: html`${groupName(terms, g.group, context.locale)}`,
        count: g.lines,
        amounts: [g.current, g.draft, g.difference].map((amount) => money(amount, g.currency)),
      })),
    )}
    ${comparisonTable(
      context,
      [context.t('advertiserTerms.publisher'), context.t('advertiserTerms.orders')],
      publishers.map((p) => ({
        name: html`<span class="mono">${p.publisherId}</span>`,
        count: p.orders,
        amounts: [p.current, p.draft, p.difference].map((amount) => money(amount)),
      })),
    )}
  </section>`;
}

/** One simulation table: a name and a count per row, then now, the draft and the difference. */
function comparisonTable(
  context: WebContext,
  [name, count]: [string, string],
  rows: readonly { name: SafeHtml; count: number; amounts: string[] }[],
): SafeHtml {
  return html`<table tabindex="0">
    <thead>
      <tr>
        <th>${name}</th>
        <th>${count}</th>
        <th>${context.t('advertiserTerms.now')}</th>
        <th>${context.t('advertiserTerms.draft')}</th>
        <th>${context.t('advertiserTerms.difference')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <td>${row.name}</td>
            <td>${row.count}</td>
            ${row.amounts.map((amount) => html`<td>${amount}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A program's review in the advertiser's console: a badge, and why when it was refused. */
export function reviewNote(
  context: WebContext,
  review: { review: string; reason: string | null } | undefined,
): SafeHtml | string {
  if (review === undefined || review.review === 'approved') return '';
  return html`<span class="program-review">
    ${statusBadge(review.review, context.locale)}
    ${
      review.review === 'refused'
        ? context.t('programReview.refusedNote', { reason: review.reason ?? '' })
        : context.t('programReview.inReviewNote')
    }
  </span>`;
}

/**
 * The program's pixel checksum secret: whether it is set, and a form that generates a new one
 * (the old one stops verifying at once) or removes it.
 */
function checksumCard(context: WebContext, program: CachedProgram | undefined): SafeHtml {
  if (program === undefined) return html``;
  const set = program.checksumSecret !== null;
  return html`<form
    method="post"
    action="/advertiser/terms/${program.id}/checksum-secret"
    class="card stack checksum-secret"
  >
    ${csrfField(context)}
    <h2>${context.t('checksum.title')}</h2>
    <p>${context.t(set ? 'checksum.isSet' : 'checksum.notSet')}</p>
    <p>
      <button type="submit" name="action" value="generate" ${set ? html` class="secondary"` : ''}>
        ${context.t(set ? 'checksum.rotate' : 'checksum.generate')}
      </button>
      ${
        set
          ? html`<button type="submit" name="action" value="remove" class="secondary">
              ${context.t('checksum.remove')}
            </button>`
          : ''
      }
    </p>
  </form>`;
}
