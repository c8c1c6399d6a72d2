import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, redirectAfterPost, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatDate } from './format.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';

/**
 * The advertiser's API keys (create, shown once; revoke); the terms editor is in
 * advertiser-terms-pages.ts.
 */
export function registerAdvertiserAccountPages(app: FastifyInstance, network: Network): void {
  const keysPage = async (context: WebContext, advertiserId: string, message?: SafeHtml) => {
    const keys = await network.apiKeys.list(advertiserId);
    return html`<h1>${context.t('nav.keys')}</h1>
      ${message ?? ''}
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('advertiserAccount.name')}</th>
            <th>${context.t('advertiserAccount.prefix')}</th>
            <th>${context.t('advertiserAccount.created')}</th>
            <th>${context.t('advertiserAccount.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${keys.map(
            (key) =>
              html`<tr>
                <td>${key.name}</td>
                <td class="mono">ak_${key.prefix}_…</td>
                <td>${formatDate(key.createdAt, context.locale)}</td>
                <td>
                  ${key.revokedAt === null ? html`<span class="badge approved">${context.t('advertiserAccount.active')}</span>` : html`<span class="badge declined">${context.t('advertiserAccount.revoked')}</span>`}
                </td>
                <td>
                  ${
                    key.revokedAt === null
                      ? html`<details class="confirm">
                          <summary>${context.t('advertiserAccount.revoke')}</summary>
                          <form method="post" action="/advertiser/keys/${key.id}/revoke">
                            ${csrfField(context)}
                            <p>${context.t('advertiserAccount.revokeWarning')}</p>
                            <button type="submit">
                              ${context.t('advertiserAccount.revokeConfirm')}
                            </button>
                          </form>
                        </details>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="post" action="/advertiser/keys" class="stack card">
        ${csrfField(context)}
        <label
          >${context.t('advertiserAccount.nameOfTheNewKey')}
          <input name="name" required maxlength="60"
        /></label>
        <button type="submit">${context.t('advertiserAccount.createKey')}</button>
      </form>`;
  };

  app.get('/advertiser/keys', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(
      reply,
      context,
      context.t('nav.keys'),
      await keysPage(context, advertiserOf(context)),
    );
  });

  app.post('/advertiser/keys', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.keys'),
      (message) => keysPage(context, advertiserId, message),
      async () => {
        const { name } = parseForm(BODIES.apiKey, request.body);
        const created = await network.apiKeys.create(
          advertiserId,
          name,
          `user:${context.session!.user.id}`,
          network.now(),
        );
        // Shown once, on the page the post redirects to (the flash is encrypted, read once).
        return notice(
          'success',
          html`${context.t('advertiserAccount.yourNewKeyShownOnce')}
            <code id="new-key">${created.key}</code>`,
        );
      },
      '/advertiser/keys',
    );
  });

  app.post('/advertiser/keys/:id/revoke', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { id } = parseParams(pathIds('id'), request);
    if (!(await network.apiKeys.revoke(advertiserId, id, network.now())))
      throw new HttpError('unknown_key', `no active key "${id}" among yours`);
    return redirectAfterPost(
      network,
      reply,
      '/advertiser/keys',
      notice('success', context.t('advertiserAccount.keyRevoked')),
    );
  });
}
