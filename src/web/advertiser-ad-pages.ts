import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Network } from '../server/network.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { csrfField, notice } from './layout.js';
import { formatDate } from './format.js';
import { parseForm, parseParams, parseQuery, pathIds, typedValues } from './form-input.js';
import { advertiserOf, verifyCsrf, webContext, type WebContext } from './web-context.js';
import { readMultipart } from './compliance-page-parts.js';
import { adSummary, bannerPreview } from './ad-parts.js';
import { TextAdRequest } from '../http/contracts/ads.js';
import { parseBannerSize, STANDARD_BANNER_SIZES } from '../domain/ads/banner-sizes.js';
import type { AdView } from '../services/ads-service.js';

const PROGRAM_QUERY = z.object({ program: z.string().optional() });
const PROGRAM_FIELD = z.object({ program: z.string().min(1) });
const TEXT_FORM = TextAdRequest.omit({ kind: true });

/**
 * The advertiser's ads, per program: the list (banners previewed, retired ones marked) with a
 * retire button each, and the forms for a new text link and a new banner (uploaded: the network
 * stores and serves the image). Only the advertiser's own programs; every refusal is shown in
 * the reader's language with nothing stored and the form as typed.
 */
export function registerAdvertiserAdPages(app: FastifyInstance, network: Network): void {
  /** The advertiser's programs and the one asked for (the first when none or not theirs). */
  const programsOf = async (advertiserId: string, asked: string | undefined) => {
    const programs = await network.advertiserViews.programsOf(advertiserId);
    return { programs, selected: programs.find((p) => p.id === asked) ?? programs[0] };
  };

  const render = async (
    context: WebContext,
    advertiserId: string,
    asked: string | undefined,
    typed: Record<string, string> = {},
    message?: SafeHtml,
  ): Promise<SafeHtml> => {
    const { programs, selected } = await programsOf(advertiserId, asked);
    if (selected === undefined)
      return html`<h1>${context.t('ads.title')}</h1>
        <p class="muted">${context.t('ads.noPrograms')}</p>`;
    const ads = await network.ads.ofProgram(advertiserId, selected.id);
    const rule = network.cache.program(selected.id)?.terms.file.tracking.deeplinking;
    const landingHint = rule?.allowed
      ? context.t('ads.landingHint', { domains: rule.domains.join(', ') })
      : context.t('ads.noDeeplinks');
    const value = (name: string) => typed[name] ?? '';
    /** Both kinds' last fields: the landing page (if deep links are allowed) and a name. */
    const landingAndName = (id: string) =>
      html`<label
          >${context.t('ads.landingUrl')}
          <input
            name="landingUrl"
            type="url"
            value="${value('landingUrl')}"
            aria-describedby="${id}"
            ${rule?.allowed ? '' : html` disabled`}
          />
          <span class="muted" id="${id}">${landingHint}</span></label
        ><label
          >${context.t('ads.name')} <input name="name" maxlength="100" value="${value('name')}"
        /></label>`;
    /** A required plain-text field with its hint (the words linked, a banner's alt text). */
    const plainField = (name: string, max: number, label: string, hint: string) =>
      html`<label
        >${label}
        <input
          name="${name}"
          required
          maxlength="${max}"
          value="${value(name)}"
          aria-describedby="${name}-hint"
        />
        <span class="muted" id="${name}-hint">${hint}</span></label
      >`;
    const size = value('size') || '300x250';
    return html`<h1>${context.t('ads.title')}</h1>
      ${message ?? ''}
      <p>${context.t('ads.intro')}</p>
      <form method="get" class="stack card">
        <label
          >${context.t('ads.program')}
          <select name="program">
            ${programs.map(
              (p) =>
                html`<option value="${p.id}" ${p.id === selected.id ? html` selected` : ''}>
                  ${p.name}
                </option>`,
            )}
          </select></label
        >
        <button type="submit" class="secondary">${context.t('ads.show')}</button>
      </form>
      <h2>${selected.name}</h2>
      ${ads.length === 0 ? html`<p class="muted">${context.t('ads.noAds')}</p>` : ''}
      ${ads.map((ad) => adCard(context, ad))}
      <section class="card" aria-labelledby="new-text-link">
        <h2 id="new-text-link">${context.t('ads.newTextLink')}</h2>
        <form method="post" action="/advertiser/ads/text" class="stack">
          ${csrfField(context)}
          <input type="hidden" name="program" value="${selected.id}" />
          ${plainField('text', 100, context.t('ads.text'), context.t('ads.textHint'))}
          ${landingAndName('text-landing-hint')}
          <button type="submit">${context.t('ads.addTextLink')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="new-banner">
        <h2 id="new-banner">${context.t('ads.newBanner')}</h2>
        <form
          method="post"
          action="/advertiser/ads/banner"
          enctype="multipart/form-data"
          class="stack"
        >
          ${csrfField(context)}
          <input type="hidden" name="program" value="${selected.id}" />
          <label
            >${context.t('ads.image')}
            <input
              name="image"
              type="file"
              required
              accept="image/png,image/jpeg,image/gif,image/webp"
              aria-describedby="image-hint"
            />
            <span class="muted" id="image-hint">${context.t('ads.imageHint')}</span></label
          >
          <label
            >${context.t('ads.size')}
            <select name="size" aria-describedby="size-hint">
              ${STANDARD_BANNER_SIZES.map((s) => {
                const key = `${s.width}x${s.height}`;
                // The IAB's names are the trade's English words in every language.
                return html`<option value="${key}" lang="en" ${key === size ? html` selected` : ''}>
                  ${s.width}×${s.height} ${s.name}
                </option>`;
              })}
              <option value="custom" ${size === 'custom' ? html` selected` : ''}>
                ${context.t('ads.customSize')}
              </option>
            </select>
            <span class="muted" id="size-hint">${context.t('ads.sizeHint')}</span></label
          >
          <label
            >${context.t('ads.width')}
            <input name="width" type="number" min="10" max="2000" value="${value('width')}"
          /></label>
          <label
            >${context.t('ads.height')}
            <input name="height" type="number" min="10" max="2000" value="${value('height')}"
          /></label>
          ${plainField('alt', 150, context.t('ads.alt'), context.t('ads.altHint'))}
          ${landingAndName('banner-landing-hint')}
          <button type="submit">${context.t('ads.addBanner')}</button>
        </form>
      </section>`;
  };

  app.get('/advertiser/ads', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { program } = parseQuery(PROGRAM_QUERY, request);
    return sendPage(
      reply,
      context,
      context.t('ads.title'),
      await render(context, advertiserId, program),
    );
  });

  /** Adds an ad from a form; refused, the page again with why and the form as typed. */
  const add = (
    context: WebContext,
    reply: Parameters<typeof answerForm>[1],
    form: Record<string, unknown>,
    input: () => Parameters<Network['ads']['create']>[2],
  ) => {
    const advertiserId = advertiserOf(context);
    const typed = typedValues(form);
    const programId = typed.program ?? '';
    return answerForm(
      network,
      reply,
      context,
      context.t('ads.title'),
      (message) => render(context, advertiserId, programId, typed, message),
      async () => {
        parseForm(PROGRAM_FIELD, form);
        const ad = await network.ads.create(
          advertiserId,
          programId,
          input(),
          `user:${context.session!.user.id}`,
          network.now(),
        );
        await network.refreshIfChanged();
        return notice('success', context.t('ads.created', { name: ad.name }));
      },
      `/advertiser/ads?program=${encodeURIComponent(programId)}`,
    );
  };

  app.post('/advertiser/ads/text', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const form = (request.body ?? {}) as Record<string, unknown>;
    return add(context, reply, form, () => ({ kind: 'text', ...parseForm(TEXT_FORM, form) }));
  });

  app.post('/advertiser/ads/banner', async (request, reply) => {
    const context = await webContext(network, request, reply);
    advertiserOf(context);
    const { fields, files } = await readMultipart(request);
    verifyCsrf(context, fields);
    return add(context, reply, fields, () => {
      const text = (name: string) => (typeof fields[name] === 'string' ? fields[name].trim() : '');
      const size =
        text('size') === 'custom'
          ? { width: Number(text('width') || NaN), height: Number(text('height') || NaN) }
          : (parseBannerSize(text('size')) ?? { width: NaN, height: NaN });
      const file = files[0];
      return {
        kind: 'banner',
        name: text('name'),
        ...size,
        alt: text('alt'),
        landingUrl: text('landingUrl'),
        image: { contentType: file?.contentType, bytes: file?.content ?? new Uint8Array() },
      };
    });
  });

  app.post('/advertiser/ads/:adId/retire', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { adId } = parseParams(pathIds('adId'), request);
    const typed = typedValues(request.body);
    const programId = typed.program ?? '';
    return answerForm(
      network,
      reply,
      context,
      context.t('ads.title'),
      (message) => render(context, advertiserId, programId, {}, message),
      async () => {
        const { ad, changed } = await network.ads.retire(
          advertiserId,
          programId,
          adId,
          `user:${context.session!.user.id}`,
          network.now(),
        );
        await network.refreshIfChanged();
        return notice(
          'success',
          context.t(changed ? 'ads.retiredDone' : 'ads.alreadyRetired', { name: ad.name }),
        );
      },
      `/advertiser/ads?program=${encodeURIComponent(programId)}`,
    );
  });
}

/** One ad: its name and status, what it shows (a banner previewed), where it lands, retire. */
function adCard(context: WebContext, ad: AdView): SafeHtml {
  const active = ad.status === 'active';
  return html`<section class="card" data-ad="${ad.id}">
    <h3>
      ${ad.name}
      ${
        active
          ? html`<span class="badge approved">${context.t('ads.active')}</span>`
          : html`<span class="badge declined">${context.t('ads.retired')}</span>`
      }
    </h3>
    <p class="muted">
      ${adSummary(context, ad)} · <span class="mono">${ad.id}</span> ·
      ${formatDate(ad.createdAt, context.locale)}
      ${
        ad.retiredAt === null
          ? ''
          : html` ·
            ${context.t('ads.retiredOn', { date: formatDate(ad.retiredAt, context.locale) })}`
      }
    </p>
    ${ad.kind === 'banner' ? html`<p>${bannerPreview(ad)}</p>` : ''}
    <p>${context.t('ads.landsOn')}: ${ad.landingUrl ?? context.t('ads.programLanding')}</p>
    ${
      active
        ? html`<details class="confirm">
            <summary>${context.t('ads.retire')}</summary>
            <form method="post" action="/advertiser/ads/${ad.id}/retire">
              ${csrfField(context)}
              <input type="hidden" name="program" value="${ad.programId}" />
              <button type="submit">${context.t('ads.retireAd', { name: ad.name })}</button>
            </form>
          </details>`
        : ''
    }
  </section>`;
}
