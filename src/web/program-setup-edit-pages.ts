import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import type { TermsFile } from '../domain/terms/terms-schema.js';
import { editedTerms } from '../domain/terms/program-setup-edit.js';
import { guidedSetupOf, setupSource } from '../programs/setup-source.js';
import { html, type SafeHtml } from './html.js';
import { notice } from './layout.js';
import { sendPage } from './respond.js';
import { parseForm, parseParams, pathIds, typedValues } from './form-input.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { previewOf, publishTerms, refusalOf } from './advertiser-terms-pages.js';
import { setupForm, setupFromForm, type FormIssue } from './program-setup-form.js';
import { TERMS_GUIDE_PATH } from './guides.js';

const ACTION = z.object({ action: z.enum(['preview', 'publish']).default('publish') });

const termsPath = (programId: string) => `/advertiser/terms/${encodeURIComponent(programId)}`;
export const liveSetupPath = (programId: string) => `${termsPath(programId)}/setup`;

/**
 * A live program's terms in the guided form (issue 27, item 4): filled in from its current
 * terms, published as any terms are (ProgramTermsService.applyTo: never back-dated, never the
 * network fee, the program's review reopened when its names change). Only the advertiser's own
 * programs, and only terms the form says whole; others are edited in YAML.
 */
export function registerLiveSetupPages(app: FastifyInstance, network: Network): void {
  const programOf = async (context: WebContext, programId: string) => {
    const row = await network.advertiserViews.currentTermsOf(programId, advertiserOf(context));
    if (row === undefined)
      throw new DomainError('unknown_program', `no program "${programId}" among your programs`);
    const terms = await network.terms.ofProgramOrThrow(programId);
    return { row, file: terms.file };
  };
  const tomorrow = (context: WebContext) => isoDateOfDayNumber(utcDayNumber(context.now) + 1);

  /** The edit page: its title, what it does, the guide, then `body`. */
  const send = (
    reply: FastifyReply,
    context: WebContext,
    programId: string,
    file: TermsFile,
    body: SafeHtml | string,
    status = 200,
  ) => {
    const title = context.t('programSetup.editTitle', { name: file.name });
    return sendPage(
      reply,
      context,
      title,
      html`<h1>${title}</h1>
        <p class="muted">${context.t('programSetup.editIntro')}</p>
        <p>
          ${context.t('programSetup.guide')}
          <a href="${TERMS_GUIDE_PATH}">${context.t('programSetup.guideLink')}</a> ·
          <a href="${termsPath(programId)}">${context.t('nav.terms')}</a>
        </p>
        ${body}`,
      status,
    );
  };

  app.get('/advertiser/terms/:programId/setup', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const { file } = await programOf(context, programId);
    const input = guidedSetupOf(file);
    return send(
      reply,
      context,
      programId,
      file,
      input === undefined
        ? notice('warning', context.t('programSetup.notGuided'))
        : setupForm(context, liveSetupPath(programId), input, [], {
            effectiveFrom: tomorrow(context),
          }),
    );
  });

  app.post('/advertiser/terms/:programId/setup', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    const { row, file } = await programOf(context, programId);
    if (guidedSetupOf(file) === undefined)
      throw new DomainError('invalid_body', 'edit these terms in YAML in the terms editor');
    const setup = setupFromForm(request.body);
    const effectiveFrom = (typedValues(request.body).effectiveFrom ?? '').trim();
    const again = (issues: readonly FormIssue[], result: SafeHtml | string, status: number) =>
      send(
        reply,
        context,
        programId,
        file,
        html`${result}
        ${setupForm(context, liveSetupPath(programId), setup, issues, { effectiveFrom })}`,
        status,
      );
    try {
      const { action } = parseForm(ACTION, request.body);
      if (dayNumberOfIsoDate(effectiveFrom) === undefined)
        return again(
          [{ field: 'effectiveFrom', problem: 'date', values: { example: tomorrow(context) } }],
          '',
          400,
        );
      const written = editedTerms(file, setup, effectiveFrom);
      if (written.terms === undefined) return again(written.issues, '', 400);
      // New rates from a day already begun would re-price orders placed under the old ones.
      const newVersion = written.terms.versions.length > file.versions.length;
      if (newVersion && dayNumberOfIsoDate(effectiveFrom)! <= utcDayNumber(context.now))
        throw new DomainError('terms_backdated', `versions: ${effectiveFrom} has begun`);
      const source = setupSource(written.terms);
      if (action === 'preview')
        return again(
          [],
          previewOf(context, programId, await network.programTerms.preview(source, row.slug)),
          200,
        );
      return await publishTerms(network, reply, context, { programId, slug: row.slug }, source);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'terms_backdated')
        return again(
          [
            {
              field: 'effectiveFrom',
              problem: 'backdated',
              values: { earliest: tomorrow(context) },
            },
          ],
          '',
          400,
        );
      return again([], refusalOf(context, error), 400);
    }
  });
}
