import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import type { EndpointOwner } from '../domain/webhooks/endpoint-rules.js';
import { EVENTS_OF_ROLE, POSTBACK_EVENTS } from '../domain/webhooks/endpoint-rules.js';
import { POSTBACK_MACROS, TRACKER_PRESETS } from '../domain/webhooks/postback-macros.js';
import type { EndpointView } from '../services/webhooks-service.js';
import { WEBHOOK_BODIES } from '../http/contracts/webhooks.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { parseForm, parseParams, parseQuery, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatDate } from './format.js';
import { INTEGRATIONS_GUIDE_PATH } from './guides.js';
import { advertiserOf, publisherOf, webContext, type WebContext } from './web-context.js';

type Kind = 'webhook' | 'postback';
const presetQuery = z.object({
  preset: z.enum(['voluum', 'keitaro', 'binom', 'redtrack']).optional(),
});

/**
 * Integrations (issue 28), for publishers and advertisers alike: webhook endpoints (the secret
 * shown once), each with a test button and its delivery log; a publisher's postbacks to its
 * tracker, with presets for Voluum, Keitaro, Binom and RedTrack.
 */
export function registerIntegrationPages(app: FastifyInstance, network: Network): void {
  for (const role of ['publisher', 'advertiser'] as const) {
    const base = `/${role}/integrations`;
    const ownerOf = (context: WebContext): EndpointOwner => ({
      role,
      id: role === 'publisher' ? publisherOf(context) : advertiserOf(context),
    });
    const title = (context: WebContext) => context.t('integrations.title');

    const listPage = async (context: WebContext, request: FastifyRequest, message?: SafeHtml) => {
      const owner = ownerOf(context);
      const hooks = await network.webhooks.list(owner, 'webhook');
      const postbacks = role === 'publisher' ? await network.webhooks.list(owner, 'postback') : [];
      const programs = role === 'publisher' ? await approvedPrograms(network, owner.id) : new Map();
      const { preset } = parseQuery(presetQuery, request);
      return html`<h1>${title(context)}</h1>
        ${message ?? ''}
        <p>
          ${context.t('integrations.intro')}
          <a href="${INTEGRATIONS_GUIDE_PATH}">${context.t('integrations.guideLink')}</a>
        </p>
        <h2>${context.t('integrations.webhooks')}</h2>
        ${endpointTable(context, base, 'webhook', hooks)}
        <form method="post" action="${base}/webhooks" class="stack card">
          ${csrfField(context)}
          <label
            >${context.t('integrations.url')}
            <input name="url" type="url" required maxlength="2000" placeholder="https://"
          /></label>
          ${eventBoxes(context, 'webhook', EVENTS_OF_ROLE[role])}
          <label
            >${context.t('integrations.description')} <input name="description" maxlength="200"
          /></label>
          <button type="submit">${context.t('integrations.add')}</button>
        </form>
        ${
          role === 'publisher'
            ? html`<h2>${context.t('integrations.postbacks')}</h2>
                <p>
                  ${context.t('integrations.postbacksIntro', {
                    macros: POSTBACK_MACROS.map((m) => `{${m}}`).join(' '),
                  })}
                </p>
                ${endpointTable(context, base, 'postback', postbacks, programs)}
                <form method="post" action="${base}/postbacks" class="stack card">
                  ${csrfField(context)}
                  <p>
                    ${context.t('integrations.preset')}:
                    ${Object.keys(TRACKER_PRESETS).map(
                      (name) => html`<a href="${base}?preset=${name}#postback-url">${name}</a> `,
                    )}
                  </p>
                  <label
                    >${context.t('integrations.url')}
                    <input
                      id="postback-url"
                      name="url"
                      required
                      maxlength="2000"
                      value="${preset === undefined ? '' : TRACKER_PRESETS[preset]}"
                  /></label>
                  <label
                    >${context.t('integrations.program')}
                    <select name="programId">
                      <option value="">${context.t('integrations.allPrograms')}</option>
                      ${[...programs].map(
                        ([id, name]) => html`<option value="${id}">${name}</option>`,
                      )}
                    </select></label
                  >
                  ${eventBoxes(context, 'postback', POSTBACK_EVENTS)}
                  <button type="submit">${context.t('integrations.addPostback')}</button>
                </form>`
            : ''
        }`;
    };

    app.get(base, async (request, reply) => {
      const context = await webContext(network, request, reply);
      ownerOf(context);
      return sendPage(reply, context, title(context), await listPage(context, request));
    });

    const post = (
      path: string,
      action: (context: WebContext, request: FastifyRequest) => Promise<SafeHtml>,
    ) =>
      app.post(`${base}${path}`, async (request: FastifyRequest, reply: FastifyReply) => {
        const context = await webContext(network, request, reply);
        ownerOf(context);
        return answerForm(
          network,
          reply,
          context,
          title(context),
          (message) => listPage(context, request, message),
          () => action(context, request),
          base,
        );
      });

    post('/webhooks', async (context, request) => {
      const body = parseForm(WEBHOOK_BODIES.webhook, request.body);
      const made = await network.webhooks.create(ownerOf(context), body, network.now());
      return notice(
        'success',
        html`${context.t('integrations.secretShownOnce')}
          <code id="new-secret">${made.secret}</code>`,
      );
    });
    if (role === 'publisher')
      post('/postbacks', async (context, request) => {
        const body = parseForm(WEBHOOK_BODIES.postback, request.body);
        await network.webhooks.createPostback(ownerOf(context), body, network.now());
        return notice('success', context.t('integrations.postbackAdded'));
      });
    for (const kind of role === 'publisher'
      ? (['webhook', 'postback'] as const)
      : (['webhook'] as const)) {
      post(`/${kind}s/:id/test`, async (context, request) => {
        const { id } = parseParams(pathIds('id'), request);
        const result = await network.webhooks.test(ownerOf(context), id, kind, network.now());
        return result.status === null
          ? notice('warning', context.t('integrations.testFailed', { error: result.error ?? '' }))
          : notice(
              result.delivered ? 'success' : 'warning',
              context.t('integrations.testResult', {
                status: result.status,
                ms: result.durationMs,
              }),
            );
      });
      post(`/${kind}s/:id/delete`, async (context, request) => {
        const { id } = parseParams(pathIds('id'), request);
        await network.webhooks.remove(ownerOf(context), id, kind);
        return notice('success', context.t('integrations.deleted'));
      });
      app.get(`${base}/${kind}s/:id`, async (request, reply) => {
        const context = await webContext(network, request, reply);
        const { id } = parseParams(pathIds('id'), request);
        const owner = ownerOf(context);
        const deliveries = await network.webhooks.deliveries(owner, id, kind);
        const endpoint = (await network.webhooks.list(owner, kind)).find((e) => e.id === id)!;
        const heading = context.t('integrations.deliveriesOf', { url: endpoint.url });
        return sendPage(
          reply,
          context,
          heading,
          html`<h1 class="wrap">${heading}</h1>
            <p><a href="${base}">${context.t('integrations.back')}</a></p>
            <table tabindex="0">
              <thead>
                <tr>
                  <th>${context.t('integrations.event')}</th>
                  <th>${context.t('integrations.status')}</th>
                  <th>${context.t('integrations.attempts')}</th>
                </tr>
              </thead>
              <tbody>
                ${deliveries.map(
                  (d) =>
                    html`<tr>
                      <td>${d.eventType}<br /><span class="mono">${d.eventId}</span></td>
                      <td>${d.status}</td>
                      <td>
                        ${d.attempts.map(
                          (a) =>
                            html`<div class="wrap">
                              ${a.at.slice(0, 19).replace('T', ' ')} · ${a.status ?? '—'} ·
                              ${a.durationMs} ms ${a.error ?? a.excerpt.slice(0, 120)}
                            </div>`,
                        )}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
        );
      });
    }
    post('/webhooks/:id/enable', async (context, request) => {
      const { id } = parseParams(pathIds('id'), request);
      await network.webhooks.update(ownerOf(context), id, { enabled: true }, network.now());
      return notice('success', context.t('integrations.enabledAgain'));
    });
  }
}

function eventBoxes(context: WebContext, kind: Kind, events: readonly string[]): SafeHtml {
  return html`<fieldset>
    <legend>${context.t('integrations.events')}</legend>
    ${events.map(
      (event) =>
        html`<label
          ><input type="checkbox" name="events" value="${event}" id="${kind}-${event}" />
          ${event}</label
        >`,
    )}
  </fieldset>`;
}

/** The programs a publisher is approved in, by id, for a postback's program choice. */
async function approvedPrograms(network: Network, publisherId: string) {
  const programs = new Map<string, string>();
  for (const row of await network.publisherViews.approvedMemberships(publisherId))
    programs.set(row.programId, row.programName);
  return programs;
}

function endpointTable(
  context: WebContext,
  base: string,
  kind: Kind,
  endpoints: readonly EndpointView[],
  programs: ReadonlyMap<string, string> = new Map(),
): SafeHtml {
  if (endpoints.length === 0) return html`<p>${context.t('integrations.none')}</p>`;
  return html`<table tabindex="0">
    <thead>
      <tr>
        <th>${context.t('integrations.url')}</th>
        <th>${context.t('integrations.events')}</th>
        <th>${context.t('integrations.status')}</th>
        <th>${context.t('integrations.created')}</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${endpoints.map(
        (e) =>
          html`<tr>
            <td class="mono wrap">${e.url}</td>
            <td>
              ${e.events.join(', ')}
              ${
                kind === 'postback'
                  ? html`<br />${
                        e.programId === null
                          ? context.t('integrations.allPrograms')
                          : (programs.get(e.programId) ?? e.programId)
                      }`
                  : ''
              }
            </td>
            <td>
              ${e.enabled ? html`<span class="badge approved">${context.t('integrations.enabled')}</span>` : html`<span class="badge declined">${context.t('integrations.disabled')}</span> ${e.disabledReason ?? ''}`}
            </td>
            <td>${formatDate(Date.parse(e.createdAt), context.locale)}</td>
            <td>
              <a href="${base}/${kind}s/${e.id}">${context.t('integrations.log')}</a>
              <form method="post" action="${base}/${kind}s/${e.id}/test" class="inline">
                ${csrfField(context)}<button type="submit">
                  ${context.t('integrations.test')}
                </button>
              </form>
              ${
                !e.enabled && kind === 'webhook'
                  ? html`<form
                      method="post"
                      action="${base}/webhooks/${e.id}/enable"
                      class="inline"
                    >
                      ${csrfField(context)}<button type="submit">
                        ${context.t('integrations.enable')}
                      </button>
                    </form>`
                  : ''
              }
              <details class="confirm">
                <summary>${context.t('integrations.delete')}</summary>
                <form method="post" action="${base}/${kind}s/${e.id}/delete">
                  ${csrfField(context)}
                  <button type="submit">${context.t('integrations.deleteConfirm')}</button>
                </form>
              </details>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
