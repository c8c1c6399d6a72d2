import { html, type SafeHtml } from './html.js';
import type { AdView } from '../services/ads-service.js';
import type { WebContext } from './web-context.js';

/** An ad's kind and what it shows: "Text link · “words”" or "Banner 300×250". */
export function adSummary(context: WebContext, ad: AdView): SafeHtml {
  return ad.kind === 'banner'
    ? html`${context.t('ads.banner')} ${ad.width}×${ad.height}`
    : html`${context.t('ads.textLink')} · “${ad.text ?? ''}”`;
}

/**
 * A banner as the network serves it, scaled down to fit the page (a 970 wide billboard on a
 * phone), with its own alt text: what a publisher's page will show.
 */
export function bannerPreview(ad: AdView): SafeHtml | '' {
  if (ad.imagePath === null) return '';
  return html`<img
    class="banner-preview"
    src="${ad.imagePath}"
    width="${ad.width ?? ''}"
    height="${ad.height ?? ''}"
    alt="${ad.alt ?? ''}"
    style="max-width:100%;height:auto"
  />`;
}
