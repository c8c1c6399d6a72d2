import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, mailLinkBase, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm } from './form-input.js';
import { csrfField, notice } from './layout.js';
import { requireRole, webContext, type WebContext } from './web-context.js';

/** The network admin invites an advertiser's user (a new advertiser, or another user of one). */
export function registerAdminAdvertiserPages(app: FastifyInstance, network: Network): void {
  const form = (context: WebContext, message: SafeHtml | string = '') =>
    html`<h1>${context.t('nav.advertisers')}</h1>
      <p class="muted">${context.t('adminAdvertisers.intro')}</p>
      ${message}
      <form method="post" action="/admin/advertisers/invitations" class="stack card">
        ${csrfField(context)}
        <label
          >${context.t('adminAdvertisers.advertiser')}
          <input name="advertiser" required maxlength="120"
        /></label>
        <label
          >${context.t('adminAdvertisers.email')} <input type="email" name="email" required
        /></label>
        <label>${context.t('adminAdvertisers.name')} <input name="name" maxlength="100" /></label>
        <label
          >${context.t('adminAdvertisers.language')}
          <select name="locale">
            <option value="nl" lang="nl">Nederlands</option>
            <option value="en" lang="en">English</option>
          </select></label
        >
        <button type="submit">${context.t('adminAdvertisers.invite')}</button>
      </form>`;

  app.get('/admin/advertisers', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return sendPage(reply, context, context.t('nav.advertisers'), form(context));
  });

  app.post('/admin/advertisers/invitations', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.advertisers'),
      async (message) => form(context, message),
      async () => {
        const invited = await network.advertiserInvites.invite(
          parseForm(BODIES.advertiserInvite, request.body),
          mailLinkBase(network, request),
          `user:${context.session!.user.id}`,
          context.now,
        );
        return notice('success', context.t('adminAdvertisers.invited', { email: invited.email }));
      },
      '/admin/advertisers',
    );
  });
}
