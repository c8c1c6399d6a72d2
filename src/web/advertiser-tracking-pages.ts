import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { baseUrl } from '../http/base-url.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import { checksumExample } from '../tracking/pixel-report.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { notice } from './layout.js';
import { requireRole, webContext, type WebContext } from './web-context.js';
import { statusText } from './status-badge.js';
import { trackingGuide, type TrackingFacts } from './tracking-guide.js';
import { integrationStatus, NO_CATEGORY, testConversions } from './tracking-status.js';

/** The checksum form: make (or rotate) the secret, or remove it. */
const CHECKSUM_FORM = z.object({ action: z.enum(['generate', 'remove']).default('generate') });

/** The test order form: its value (a decimal as the order API takes it) and event. */
const TEST_ORDER_FORM = z.object({
  orderValue: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,4})?$/, 'orderValue: an amount such as 249.95'),
  event: z.string().trim().max(64).optional(),
  /** The test line's category; empty: none (the pixel's `uncategorised`, the catch-all group). */
  category: z
    .string()
    .trim()
    .regex(/^([a-z0-9][a-z0-9_-]{0,63})?$/, 'category: a category id such as "laptops", or none')
    .optional(),
});

/**
 * The tracking setup page of a program (issue 27, item 2): what a webshop developer integrates
 * from (first-party script, pixel, order API, checksum, refusals) with this program's id and
 * the network's address filled in, the integration status, and test conversions that are never
 * paid. The program's advertiser uses it; the network admin may read it.
 */
export function registerAdvertiserTrackingPages(app: FastifyInstance, network: Network): void {
  /** The program, if the viewer may see it: its advertiser, or the admin (read only). */
  const programOf = (context: WebContext, programId: string) => {
    const role = context.session?.user.role;
    const session = requireRole(context, role === 'admin' ? 'admin' : 'advertiser');
    const program = network.cache.program(programId);
    if (
      program === undefined ||
      (role !== 'admin' && program.advertiserId !== session.user.advertiserId)
    )
      throw new HttpError('unknown_program', `no program "${programId}" among your programs`);
    return { program, admin: role === 'admin' };
  };

  const factsOf = (
    context: WebContext,
    request: FastifyRequest,
    program: CachedProgram,
  ): TrackingFacts => {
    const terms = program.terms;
    const events = [...terms.events.values()];
    const sale = events.find((event) => event.kind === 'sale');
    const lead = events.find((event) => event.kind === 'lead');
    const latest = terms.versions.at(-1);
    const category =
      latest?.groups.flatMap((group) => [...(group.categories ?? [])])[0] ?? 'uncategorised';
    const tracking = terms.file.tracking;
    return {
      program,
      name: terms.file.name,
      base: baseUrl(network, request),
      saleEvent: sale?.id,
      leadEvent: lead === undefined ? undefined : { id: lead.id, name: lead.name },
      events: events.map(
        (event) =>
          `${event.id} (${event.name}, ${context.t(event.kind === 'sale' ? 'programs.typeSale' : 'programs.typeLead')})`,
      ),
      currency: [...(latest?.orderCurrencies ?? [])][0] ?? terms.currency,
      currencies: [...(latest?.orderCurrencies ?? [terms.currency])],
      category,
      cookieDays:
        tracking.type === 'cookie'
          ? tracking.cookieDays
          : Math.max(1, Math.ceil(tracking.sessionWindowHours / 24)),
      testClick: network.testClicks.issue(program.id),
    };
  };

  const render = async (
    context: WebContext,
    request: FastifyRequest,
    programId: string,
    message: SafeHtml | string = '',
  ) => {
    const { program, admin } = programOf(context, programId);
    const facts = factsOf(context, request, program);
    const status = await network.integration.status(program.id);
    return html`<h1>${context.t('tracking.title')}: ${facts.name}</h1>
      ${message}
      <p class="muted">${context.t('tracking.intro')}</p>
      <dl class="facts">
        <dt>${context.t('tracking.programId')}</dt>
        <dd><code>${program.id}</code></dd>
        <dt>${context.t('tracking.network')}</dt>
        <dd><code>${facts.base}</code></dd>
      </dl>
      ${program.review === 'approved' ? '' : notice('warning', context.t('tracking.notApproved'))}
      ${admin ? notice('warning', context.t('tracking.adminNote')) : ''}
      ${integrationStatus(context, program, status)}
      ${testConversions(context, facts, status.tests, admin)}
      ${trackingGuide(context, facts, admin)}`;
  };

  const path = (programId: string) => `/advertiser/tracking/${encodeURIComponent(programId)}`;

  app.get('/advertiser/tracking/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { programId } = parseParams(pathIds('programId'), request);
    return sendPage(
      reply,
      context,
      context.t('tracking.title'),
      await render(context, request, programId),
    );
  });

  /** A form of the advertiser's own: the program, or the refusal (also to the admin). */
  const ownProgram = (context: WebContext, programId: string) => {
    const { program, admin } = programOf(context, programId);
    if (admin)
      throw new HttpError(
        'forbidden',
        'the program’s advertiser sets up its tracking, not the admin',
      );
    return program;
  };

  /** A form of the tracking page: 303 back to it with `action`'s notice, or 400 with the refusal. */
  const form = (
    name: string,
    action: (
      context: WebContext,
      request: FastifyRequest,
      program: CachedProgram,
    ) => Promise<SafeHtml>,
  ) =>
    app.post(`/advertiser/tracking/:programId/${name}`, async (request, reply) => {
      const context = await webContext(network, request, reply);
      const { programId } = parseParams(pathIds('programId'), request);
      const program = ownProgram(context, programId);
      return answerForm(
        network,
        reply,
        context,
        context.t('tracking.title'),
        (message) => render(context, request, programId, message),
        () => action(context, request, program),
        path(programId),
      );
    });

  // The checksum secret, made (or removed) here: shown once, with a worked example of it.
  form('checksum-secret', async (context, request, program) => {
    const { action } = parseForm(CHECKSUM_FORM, request.body);
    const set = await network.pixelChecksums.set(
      program.id,
      action === 'remove' ? null : 'generate',
      `user:${context.session!.user.id}`,
      context.now,
      program.advertiserId,
    );
    await network.refreshIfChanged();
    if (set.secret === null) return notice('success', context.t('checksum.removed'));
    const facts = factsOf(context, request, program);
    return notice(
      'success',
      html`${context.t('tracking.secretGenerated')}
        <p><code class="mono">${set.secret}</code></p>
        <p>
          ${context.t(
            'checksum.example',
            checksumExample(set.secret, { currency: facts.currency, event: facts.saleEvent ?? '' }),
          )}
        </p>`,
    );
  });

  // A test order from the page itself: a test click and an order of one line (of the category
  // chosen, or none) reported with it, priced as a real one and kept with the program's test
  // conversions, never as an order.
  form('test-order', async (context, request, program) => {
    const input = parseForm(TEST_ORDER_FORM, request.body);
    const facts = factsOf(context, request, program);
    const event = input.event || facts.saleEvent;
    const result = await network.conversions.report(
      program.id,
      {
        orderNumber: `TEST-${context.now.toString(36).toUpperCase()}`,
        placedAt: new Date(context.now).toISOString(),
        currency: facts.currency,
        status: 'pending',
        clickId: facts.testClick,
        ...(event === undefined ? {} : { event }),
        items: [
          {
            sku: 'TEST-1',
            name: 'Test',
            // No category chosen: none, priced by the catch-all group as any such line is.
            category: input.category || NO_CATEGORY,
            unitPrice: input.orderValue,
            quantity: 1,
            ...program.terms.file.pixelLineDefaults,
          },
        ],
      },
      { tduid: undefined, source: 'tduid' },
      { source: 'api', actor: `user:${context.session!.user.id}` },
      context.now,
    );
    return notice(
      'success',
      context.t('tracking.testSent', {
        orderNumber: result.orderNumber,
        total: `${result.quote.total ?? '–'} ${program.terms.currency}`,
        status: statusText(result.quote.status, context.locale),
      }),
    );
  });
}
