import type { FastifyInstance } from 'fastify';
import { networkFeeRateFromForm } from '../domain/payments/network-fee.js';
import type { Network } from '../server/network.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { formatRate } from './format.js';
import { requireRole, webContext, type WebContext } from './web-context.js';

/**
 * The network admin's network fees: every program's rate with a form to change it (the
 * network's setting; advertisers see it on their terms page and cannot change it).
 */
export function registerAdminNetworkFeePages(app: FastifyInstance, network: Network): void {
  const render = async (context: WebContext, message: SafeHtml | string = '') => {
    const fees = await network.networkFees.list();
    return html`<h1>${context.t('nav.networkFees')}</h1>
      <p class="muted">${context.t('networkFees.intro')}</p>
      ${message}
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('networkFees.program')}</th>
            <th class="num">${context.t('networkFees.rate')}</th>
            <th>${context.t('networkFees.newRate')}</th>
          </tr>
        </thead>
        <tbody>
          ${fees.map(
            (fee) =>
              html`<tr class="network-fee">
                <td>${fee.name} <span class="mono muted">${fee.slug}</span></td>
                <td class="num">${formatRate(fee.networkFeeRate, context.locale)}</td>
                <td>
                  <form method="post" action="/admin/network-fees/${fee.programId}">
                    ${csrfField(context)}
                    <input
                      name="networkFeeRate"
                      aria-label="${context.t('networkFees.newRateOf', { program: fee.name })}"
                      value="${fee.networkFeeRate}"
                      inputmode="decimal"
                      required
                      size="6"
                    />
                    <button type="submit">${context.t('networkFees.save')}</button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };

  app.get('/admin/network-fees', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return sendPage(reply, context, context.t('nav.networkFees'), await render(context));
  });

  app.post('/admin/network-fees/:programId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const { programId } = parseParams(pathIds('programId'), request);
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.networkFees'),
      (message) => render(context, message),
      async () => {
        const { networkFeeRate } = parseForm(BODIES.networkFee, request.body);
        const changed = await network.networkFees.set(
          programId,
          networkFeeRateFromForm(networkFeeRate),
          `user:${context.session!.user.id}`,
          context.now,
        );
        return notice(
          'success',
          context.t('networkFees.changed', {
            program: changed.name,
            before: formatRate(changed.previousRate, context.locale),
            after: formatRate(changed.networkFeeRate, context.locale),
          }),
        );
      },
      '/admin/network-fees',
    );
  });
}
