import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import type { AdvertiserListPage } from '../services/advertiser-invites-service.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, mailLinkBase, sendPage } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseQuery } from './form-input.js';
import { formatDate } from './format.js';
import { LOCALES, translate } from './i18n.js';
import { csrfField, notice } from './layout.js';
import { requireRole, webContext, type WebContext } from './web-context.js';

/** The list's page (from 1) and an advertiser to invite another user of (the form prefilled). */
const ADVERTISERS_QUERY = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  advertiser: z.string().max(120).optional(),
});

/**
 * The network admin's advertisers: every advertiser (name, users, programs, standing, created),
 * a page at a time, with what the admin can do for each; and the invitation of an advertiser's
 * user (a new advertiser, or another user of one) in the invitee's language, by default the
 * admin's own.
 */
export function registerAdminAdvertiserPages(app: FastifyInstance, network: Network): void {
  const list = (context: WebContext, listed: AdvertiserListPage) => {
    const pageLink = (page: number, key: 'adminAdvertisers.previous' | 'adminAdvertisers.next') =>
      html`<a href="/admin/advertisers?page=${page}" rel="${key.endsWith('next') ? 'next' : 'prev'}"
        >${context.t(key)}</a
      >`;
    return html`<h2>${context.t('adminAdvertisers.listTitle')}</h2>
      ${
        listed.total === 0
          ? html`<p class="muted">${context.t('adminAdvertisers.none')}</p>`
          : html`<table tabindex="0" class="advertisers">
                <thead>
                  <tr>
                    <th>${context.t('adminAdvertisers.columnAdvertiser')}</th>
                    <th class="num">${context.t('adminAdvertisers.users')}</th>
                    <th class="num">${context.t('adminAdvertisers.programs')}</th>
                    <th>${context.t('adminAdvertisers.status')}</th>
                    <th>${context.t('adminAdvertisers.created')}</th>
                    <th>${context.t('adminAdvertisers.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${listed.advertisers.map(
                    (a) =>
                      html`<tr>
                        <td>${a.name} <span class="mono muted">${a.id}</span></td>
                        <td class="num">
                          ${a.users}
                          ${
                            a.invitedUsers > 0
                              ? html`<br /><small class="muted"
                                    >${context.t('adminAdvertisers.invitedUsers', {
                                      count: a.invitedUsers,
                                    })}</small
                                  >`
                              : ''
                          }
                        </td>
                        <td class="num">
                          ${a.programs}
                          ${
                            a.listedPrograms > 0
                              ? html`<br /><small class="muted"
                                    >${context.t('adminAdvertisers.listedPrograms', {
                                      count: a.listedPrograms,
                                    })}</small
                                  >`
                              : ''
                          }
                          ${
                            a.programsInReview > 0
                              ? html`<br /><small class="muted"
                                    >${context.t('adminAdvertisers.programsInReview', {
                                      count: a.programsInReview,
                                    })}</small
                                  >`
                              : ''
                          }
                        </td>
                        <td>
                          <span class="badge ${a.standing}"
                            >${context.t(`adminAdvertisers.standing.${a.standing}`)}</span
                          >
                        </td>
                        <td>${formatDate(a.createdAt, context.locale)}</td>
                        <td>
                          <a
                            href="/admin/advertisers?advertiser=${encodeURIComponent(a.name)}#invite"
                            >${context.t('adminAdvertisers.inviteUser')}</a
                          >
                          ${
                            a.programsInReview > 0
                              ? html` ·
                                  <a href="/admin/program-reviews"
                                    >${context.t('adminAdvertisers.reviewPrograms')}</a
                                  >`
                              : ''
                          }
                          ${
                            a.programs > 0
                              ? html` ·
                                  <a href="/admin/network-fees"
                                    >${context.t('adminAdvertisers.networkFees')}</a
                                  >`
                              : ''
                          }
                          ·
                          <a href="/admin/audit?action=advertiser."
                            >${context.t('adminAdvertisers.auditLog')}</a
                          >
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <p class="pages">
                ${context.t('adminAdvertisers.pageOf', {
                  page: listed.page,
                  pages: listed.pages,
                  total: listed.total,
                })}
                ${listed.page > 1 ? html` · ${pageLink(listed.page - 1, 'adminAdvertisers.previous')}` : ''}
                ${
                  listed.page < listed.pages
                    ? html` · ${pageLink(listed.page + 1, 'adminAdvertisers.next')}`
                    : ''
                }
              </p>`
      }`;
  };

  const render = async (
    context: WebContext,
    page: number,
    message: SafeHtml | string = '',
    advertiser = '',
  ) =>
    html`<h1>${context.t('nav.advertisers')}</h1>
      ${message} ${list(context, await network.advertiserInvites.list(page, context.now))}
      <h2 id="invite">${context.t('adminAdvertisers.inviteTitle')}</h2>
      <p class="muted">${context.t('adminAdvertisers.intro')}</p>
      <form method="post" action="/admin/advertisers/invitations" class="stack card">
        ${csrfField(context)}
        <label
          >${context.t('adminAdvertisers.advertiser')}
          <input name="advertiser" required maxlength="120" value="${advertiser}"
        /></label>
        <label
          >${context.t('adminAdvertisers.email')} <input type="email" name="email" required
        /></label>
        <label>${context.t('adminAdvertisers.name')} <input name="name" maxlength="100" /></label>
        <label
          >${context.t('adminAdvertisers.language')}
          <select name="locale">
            ${LOCALES.map(
              (locale) =>
                html`<option
                  value="${locale}"
                  lang="${locale}"
                  ${locale === context.locale ? 'selected' : ''}
                >
                  ${translate(locale, 'lang.name')}
                </option>`,
            )}
          </select></label
        >
        <button type="submit">${context.t('adminAdvertisers.invite')}</button>
      </form>`;

  app.get('/admin/advertisers', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const query = parseQuery(ADVERTISERS_QUERY, request);
    return sendPage(
      reply,
      context,
      context.t('nav.advertisers'),
      await render(context, query.page ?? 1, '', query.advertiser?.trim() ?? ''),
    );
  });

  app.post('/admin/advertisers/invitations', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.advertisers'),
      async (message) => render(context, 1, message),
      async () => {
        const form = parseForm(BODIES.advertiserInvite, request.body);
        const invited = await network.advertiserInvites.invite(
          // The invitee's language: as chosen, else the admin's own portal language.
          { ...form, locale: form.locale ?? context.locale },
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
