import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { html, type SafeHtml } from './html.js';
import { baseUrl, sendPage } from './respond.js';
import { notice } from './layout.js';
import { parseQuery } from './form-input.js';
import { refusalText } from './refusal-text.js';
import { publisherOf, webContext } from './web-context.js';
import { adSummary, bannerPreview } from './ad-parts.js';

const LINKS_QUERY = z.object({
  membership: z.string().optional(),
  ad: z.string().optional(),
  epi: z.string().optional(),
  epi2: z.string().optional(),
  url: z.string().optional(),
});

/**
 * The publisher's link builder: a program and site it is approved with, one of the program's
 * active ads (banners shown as they will look), sub ids and an optional deep link; the link and
 * the HTML to paste (a banner as an img with its size and alt text). A refusal (a deep link off
 * the program's domains, a bad sub id) says why, in the reader's language, and shows no link.
 */
export function registerPublisherLinkPages(app: FastifyInstance, network: Network): void {
  app.get('/publisher/links', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const query = parseQuery(LINKS_QUERY, request);
    const approved = await network.publisherViews.approvedMemberships(publisherId);
    const choice =
      query.membership ?? (approved[0] ? `${approved[0].programId}:${approved[0].siteId}` : '');
    const [programId = '', siteId = ''] = choice.split(':');
    const ads = approved.some((row) => row.programId === programId)
      ? await network.ads.active(programId)
      : [];
    const ad = ads.find((candidate) => candidate.id === query.ad) ?? ads[0];
    const epi = (query.epi ?? '').trim();
    const epi2 = (query.epi2 ?? '').trim();
    const deeplink = (query.url ?? '').trim();
    let result: SafeHtml | string = '';
    let status = 200;
    if (approved.length > 0 && ad !== undefined) {
      try {
        const link = await network.links.build(
          publisherId,
          { programId, siteId, adId: ad.id, epi, epi2, url: deeplink },
          baseUrl(network, request),
        );
        result = html`<section class="card stack" aria-labelledby="your-link">
          <h2 id="your-link">${context.t('publisher.yourLink')}</h2>
          <label>URL <input id="link-url" readonly value="${link.url}" style="width:100%" /></label>
          <label
            >HTML
            <textarea id="link-html" readonly rows="4" style="width:100%">${link.html}</textarea>
          </label>
          <h3>${context.t('ads.preview')}</h3>
          <p>
            ${
              ad.kind === 'banner'
                ? bannerPreview(ad)
                : html`<span class="link-preview">${ad.text}</span>`
            }
          </p>
        </section>`;
      } catch (error) {
        // A deep link the program's terms do not allow, a bad sub id: why, in the reader's words.
        if (!(error instanceof DomainError)) throw error;
        status = 400;
        result = notice('error', refusalText(error, context.locale));
      }
    }
    const body = html`<h1>${context.t('publisher.linkBuilder')}</h1>
      ${approved.length === 0 ? notice('warning', html`${context.t('publisher.noApprovedProgramYetApply')} <a href="/publisher/applications">${context.t('nav.applications')}</a>`) : ''}
      ${approved.length > 0 && ads.length === 0 ? notice('warning', context.t('ads.noActiveAds')) : ''}
      <form method="get" class="stack card">
        <label
          >${context.t('publisher.programAndSite')}
          <select name="membership">
            ${approved.map((row) => {
              const value = `${row.programId}:${row.siteId}`;
              return html`<option value="${value}" ${value === choice ? html` selected` : ''}>
                ${row.programName} – ${row.siteName}
              </option>`;
            })}
          </select></label
        >
        ${
          ads.length > 0
            ? html`<fieldset class="ad-choices">
                <legend>${context.t('publisher.ad')}</legend>
                ${ads.map(
                  (candidate) =>
                    html`<label
                      ><input
                        type="radio"
                        name="ad"
                        value="${candidate.id}"
                        ${candidate.id === ad?.id ? html` checked` : ''}
                      />
                      <span
                        ><strong>${candidate.name}</strong>
                        <span class="muted">${adSummary(context, candidate)}</span>
                        ${
                          candidate.kind === 'banner' ? html`<br />${bannerPreview(candidate)}` : ''
                        }</span
                      ></label
                    >`,
                )}
              </fieldset>`
            : ''
        }
        <label
          >epi <input name="epi" value="${epi}" placeholder="${context.t('publisher.yourSubIdEG')}"
        /></label>
        <label>epi2 <input name="epi2" value="${epi2}" /></label>
        <label
          >${context.t('publisher.deeplink')}
          <input
            name="url"
            type="url"
            value="${deeplink}"
            placeholder="${context.t('publisher.deeplinkHint')}"
        /></label>
        <button type="submit">${context.t('publisher.buildLink')}</button>
      </form>
      ${result}`;
    return sendPage(reply, context, context.t('nav.links'), body, status);
  });
}
