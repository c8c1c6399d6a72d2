import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import {
  emptySetup,
  termsFromSetup,
  type ProgramSetupInput,
} from '../domain/terms/program-setup.js';
import { setupSource } from '../programs/setup-source.js';
import type { DraftContent } from '../services/program-drafts-service.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, notice } from './layout.js';
import { redirectAfterPost, sendPage } from './respond.js';
import { parseForm, parseParams, pathIds, typedValues } from './form-input.js';
import { formatDate } from './format.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { previewOf, refusalOf } from './advertiser-terms-pages.js';
import { setupButtons, setupForm, setupFromForm, type FormIssue } from './program-setup-form.js';
import { TERMS_GUIDE_PATH } from './guides.js';
import { registerLiveSetupPages } from './program-setup-edit-pages.js';

const NEW_PATH = '/advertiser/programs/new';
const draftPath = (draftId: string) => `/advertiser/drafts/${encodeURIComponent(draftId)}`;

/** What a setup or YAML form asks for; `remove` only on a draft. */
const ACTION = z.object({
  action: z.enum(['preview', 'draft', 'create', 'remove']).default('create'),
});

/**
 * New programs in the advertiser's console (issue 27, item 4): the guided form (what most
 * programs need; it writes the terms file), the YAML editor for everything else, and drafts:
 * saved without publishing, listed in the console, edited in the form they were written in, and
 * submitted to the network's review when ready. A draft is its advertiser's alone (another's
 * draft id is not found) and a publisher or a visitor gets neither page nor form.
 */
export function registerProgramSetupPages(app: FastifyInstance, network: Network): void {
  registerLiveSetupPages(app, network);

  const intro = (context: WebContext, yamlHref: string | undefined) =>
    html`<p class="muted">${context.t('programSetup.intro')}</p>
      <p>
        ${context.t('programSetup.guide')}
        <a href="${TERMS_GUIDE_PATH}">${context.t('programSetup.guideLink')}</a>
      </p>
      ${yamlHref === undefined ? '' : html`<p><a href="${yamlHref}">${context.t('programSetup.yamlLink')}</a></p>`}`;

  /** The guided form's page (new, or a draft written with it). */
  const guidedPage = (
    context: WebContext,
    draft: { id: string; name: string } | undefined,
    input: ProgramSetupInput,
    issues: readonly FormIssue[] = [],
    result: SafeHtml | string = '',
  ) => {
    const action = draft === undefined ? NEW_PATH : draftPath(draft.id);
    return html`<h1>${titleOf(context, draft)}</h1>
      ${intro(context, draft === undefined ? `${NEW_PATH}/yaml` : `${action}?yaml=1`)} ${result}
      ${setupForm(context, action, input, issues)} ${draft ? removeForm(context, draft.id) : ''}`;
  };

  /** The YAML editor's page (new, or a draft). */
  const yamlPage = (
    context: WebContext,
    draft: { id: string; name: string; guided: boolean } | undefined,
    source: string,
    result: SafeHtml | string = '',
  ) => {
    const action = draft === undefined ? NEW_PATH : draftPath(draft.id);
    return html`<h1>
        ${draft === undefined ? context.t('programSetup.yamlTitle') : titleOf(context, draft)}
      </h1>
      <p class="muted">
        ${context.t(draft === undefined ? 'advertiserTerms.newProgramIntro' : 'programSetup.yamlDraftIntro')}
      </p>
      <p>
        ${context.t('programSetup.guide')}
        <a href="${TERMS_GUIDE_PATH}">${context.t('programSetup.guideLink')}</a> ·
        <a href="${draft === undefined || !draft.guided ? NEW_PATH : action}"
          >${context.t('programSetup.formLink')}</a
        >
      </p>
      ${draft?.guided ? notice('warning', context.t('programSetup.yamlDraftNote')) : ''} ${result}
      <form method="post" action="${action}" class="stack card wide">
        ${csrfField(context)}
        <label for="terms">${context.t('advertiserTerms.termsYaml')}</label>
        <textarea name="terms" id="terms" rows="28" spellcheck="false" class="mono">
${source}</textarea>
        ${setupButtons(context)}
      </form>
      ${draft ? removeForm(context, draft.id) : ''}`;
  };

  app.get(NEW_PATH, async (request, reply) => {
    const context = await webContext(network, request, reply);
    advertiserOf(context);
    const user = context.session!.user;
    return sendPage(
      reply,
      context,
      context.t('programSetup.title'),
      guidedPage(context, undefined, {
        ...emptySetup(),
        contactName: user.name,
        contactEmail: user.email,
      }),
    );
  });

  app.get(`${NEW_PATH}/yaml`, async (request, reply) => {
    const context = await webContext(network, request, reply);
    advertiserOf(context);
    return sendPage(
      reply,
      context,
      context.t('programSetup.yamlTitle'),
      yamlPage(context, undefined, await network.programTerms.example()),
    );
  });

  app.get('/advertiser/drafts/:draftId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { draftId } = parseParams(pathIds('draftId'), request);
    const draft = await network.programDrafts.getOrThrow(advertiserId, draftId);
    const asYaml = draft.setup === null || (request.query as { yaml?: unknown }).yaml === '1';
    return sendPage(
      reply,
      context,
      titleOf(context, draft),
      asYaml
        ? yamlPage(context, draft, draft.source)
        : guidedPage(context, draft, draft.setup ?? emptySetup()),
    );
  });

  const post = async (
    context: WebContext,
    reply: Parameters<typeof sendPage>[0],
    body: unknown,
    draftId: string | undefined,
  ) => {
    const advertiserId = advertiserOf(context);
    const actor = `user:${context.session!.user.id}`;
    const draft =
      draftId === undefined
        ? undefined
        : await network.programDrafts.getOrThrow(advertiserId, draftId);
    const typed = typedValues(body);
    const yaml = typed.terms !== undefined;
    const setup = yaml ? null : setupFromForm(body);
    const title = draft === undefined ? context.t('programSetup.title') : titleOf(context, draft);
    /** The page again, as posted: 400 when refused, 200 for a preview. */
    const again = (issues: readonly FormIssue[], result: SafeHtml | string, status: number) =>
      sendPage(
        reply,
        context,
        title,
        setup === null
          ? yamlPage(context, draft, typed.terms ?? '', result)
          : guidedPage(context, draft, setup, issues, result),
        status,
      );
    try {
      const { action } = parseForm(ACTION, body);
      if (action === 'remove') {
        if (draft === undefined) throw new DomainError('invalid_body', 'action: nothing to delete');
        await network.programDrafts.remove(advertiserId, draft.id, actor, context.now);
        return redirectAfterPost(
          network,
          reply,
          '/advertiser',
          notice('success', context.t('programSetup.removed', { name: draft.name })),
        );
      }
      let content: DraftContent;
      if (setup === null) content = { source: typed.terms ?? '', setup: null };
      else {
        const written = termsFromSetup(setup, isoDateOfDayNumber(utcDayNumber(context.now)));
        if (written.terms === undefined) return again(written.issues, '', 400);
        content = { source: setupSource(written.terms), setup };
      }
      if (action === 'preview')
        return again(
          [],
          previewOf(context, 'new', await network.programTerms.preview(content.source, 'draft')),
          200,
        );
      if (action === 'draft') {
        const id = await network.programDrafts.save(
          advertiserId,
          draft?.id,
          content,
          actor,
          context.now,
        );
        return redirectAfterPost(
          network,
          reply,
          draftPath(id),
          notice('success', context.t('programSetup.saved')),
        );
      }
      const created =
        draft === undefined
          ? await network.programTerms.create(advertiserId, content.source, { actor }, context.now)
          : await network.programDrafts.submit(advertiserId, draft.id, content, actor, context.now);
      await network.refreshIfChanged();
      return redirectAfterPost(
        network,
        reply,
        `/advertiser/terms/${encodeURIComponent(created.program.id)}`,
        notice('success', context.t('programSetup.submitted', { name: created.program.name })),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (setup !== null && error.code === 'program_exists')
        return again([{ field: 'id', problem: 'taken' }], '', 400);
      return again([], refusalOf(context, error), 400);
    }
  };

  app.post(NEW_PATH, async (request, reply) =>
    post(await webContext(network, request, reply), reply, request.body, undefined),
  );

  app.post('/advertiser/drafts/:draftId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { draftId } = parseParams(pathIds('draftId'), request);
    return post(context, reply, request.body, draftId);
  });
}

function titleOf(context: WebContext, draft: { name: string } | undefined): string {
  return draft === undefined
    ? context.t('programSetup.title')
    : context.t('programSetup.draftTitle', { name: draft.name });
}

/** Deleting a draft asks first (a disclosure), as revoking a key does. */
function removeForm(context: WebContext, draftId: string): SafeHtml {
  return html`<details class="confirm">
    <summary>${context.t('programSetup.remove')}</summary>
    <form method="post" action="${draftPath(draftId)}">
      ${csrfField(context)}
      <p>${context.t('programSetup.removeConfirm')}</p>
      <button type="submit" name="action" value="remove">
        ${context.t('programSetup.remove')}
      </button>
    </form>
  </details>`;
}

/** The advertiser's drafts on its overview: each opens in the form it was written in. */
export async function draftsList(
  network: Network,
  context: WebContext,
  advertiserId: string,
): Promise<SafeHtml | string> {
  const drafts = await network.programDrafts.list(advertiserId);
  if (drafts.length === 0) return '';
  return html`<h2>${context.t('programSetup.drafts')}</h2>
    <p class="muted">${context.t('programSetup.draftsIntro')}</p>
    <ul class="drafts">
      ${drafts.map(
        (draft) =>
          html`<li>
            <a href="${draftPath(draft.id)}">${draft.name}</a> ·
            <span class="mono">${draft.slug}</span>
            ·
            ${context.t('programSetup.savedAt', { date: formatDate(draft.updatedAt, context.locale) })}
          </li>`,
      )}
    </ul>`;
}
