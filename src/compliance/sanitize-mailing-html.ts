import sanitizeHtml from 'sanitize-html';

/** Tags a marketing email is made of: text, links, images, tables and inline styling. */
const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'div'];

/**
 * A mailing's HTML made safe to preview for its reviewer (AE-P1), by an allow-list parser, not
 * by patterns: tags and attributes outside the list are dropped, entities are decoded before
 * URL schemes are checked (`jav&#x61;script:` is javascript:), text split around a removed tag
 * never re-forms one, and only http(s) and mailto links survive. Remote images are not loaded
 * (a tracking pixel would tell the sender who reviewed it, and when): each is replaced by a
 * box naming its address; inline `data:` images stay. The portal shows the result in a
 * sandboxed iframe (no scripts) as well.
 */
export function sanitizeMailingHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['align', 'valign', 'colspan', 'rowspan', 'width', 'bgcolor'],
      th: ['align', 'valign', 'colspan', 'rowspan', 'width', 'bgcolor'],
      table: ['width', 'cellpadding', 'cellspacing', 'border', 'align', 'bgcolor'],
      font: ['color', 'size', 'face'],
      '*': ['style', 'align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    // Styles may colour and lay out, never load anything (url(), expression(), @import).
    allowedStyles: {
      '*': Object.fromEntries(
        [
          'color',
          'background-color',
          'font-size',
          'font-weight',
          'font-family',
          'font-style',
          'text-align',
          'text-decoration',
          'line-height',
          'width',
          'max-width',
          'height',
          'margin',
          'padding',
          'border',
          'display',
        ].map((property) => [property, [/^[^()\\;:]*$/]]),
      ),
    },
    transformTags: {
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (/^data:image\/(png|gif|jpe?g|webp);base64,/i.test(src)) return { tagName, attribs };
        return {
          tagName: 'span',
          attribs: { style: 'display: inline-block; border: 1px dashed #999; padding: 2px' },
          text: `[image not loaded: ${(attribs.alt || src).slice(0, 200)}]`,
        };
      },
    },
  });
}
