import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { NETWORK_STATUSES } from '../domain/compliance/network-standing.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { statusBadge } from './status-badge.js';
import { requireRole, webContext, type WebContext } from './web-context.js';

/**
 * The network admin's publishers: each one's network-wide status with a form to change it, with
 * a reason that goes to the audit log (an advertiser's enforcement reaches its own programs
 * only; standing in the whole network is the network's).
 */
export function registerAdminPublisherPages(app: FastifyInstance, network: Network): void {
  const render = async (context: WebContext, message: SafeHtml | string = '') => {
    const publishers = await network.publisherStanding.list();
    return html`<h1>${context.t('nav.publishers')}</h1>
      <p class="muted">${context.t('adminPublishers.intro')}</p>
      ${message}
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('adminPublishers.publisher')}</th>
            <th>${context.t('adminPublishers.status')}</th>
            <th>${context.t('adminPublishers.change')}</th>
          </tr>
        </thead>
        <tbody>
          ${publishers.map(
            (p) =>
              html`<tr class="publisher-standing">
                <td>${p.name} <span class="mono muted">${p.publisherId}</span> ${p.country}</td>
                <td>${statusBadge(p.status, context.locale)}</td>
                <td>
                  <form method="post" action="/admin/publishers/${p.publisherId}/status">
                    ${csrfField(context)}
                    <select
                      name="status"
                      aria-label="${context.t('adminPublishers.statusOf', { publisher: p.name })}"
                    >
                      ${NETWORK_STATUSES.map(
                        (status) =>
                          html`<option value="${status}" ${status === p.status ? 'selected' : ''}>
                            ${context.t(`status.${status}`)}
                          </option>`,
                      )}
                    </select>
                    <input
                      name="reason"
                      aria-label="${context.t('adminPublishers.reasonOf', { publisher: p.name })}"
                      placeholder="${context.t('adminPublishers.reason')}"
                      required
                    />
                    <button type="submit">${context.t('adminPublishers.save')}</button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };

  app.get('/admin/publishers', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return sendPage(reply, context, context.t('nav.publishers'), await render(context));
  });

  app.post('/admin/publishers/:publisherId/status', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const { publisherId } = parseParams(pathIds('publisherId'), request);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.publishers'),
      (message) => render(context, message),
      async () => {
        const { status, reason } = parseForm(BODIES.networkStatus, request.body);
        const changed = await network.publisherStanding.setNetworkStatus(
          publisherId,
          status,
          reason,
          `user:${context.session!.user.id}`,
          context.now,
        );
        return notice(
          'success',
          context.t('adminPublishers.changed', {
            publisher: changed.name,
            before: context.t(`status.${changed.previousStatus as 'active'}`),
            after: context.t(`status.${changed.status as 'active'}`),
          }),
        );
      },
      '/admin/publishers',
    );
  });
}
