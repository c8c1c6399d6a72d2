/**
 * Server-rendered HTML with escaping by default: `html\`<p>${name}</p>\`` escapes `name`;
 * nested `html` fragments and arrays of them are inserted as they are. Nothing else is trusted.
 */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Markup we generated ourselves (e.g. an SVG chart), inserted without escaping. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** An http(s) address in running text, up to a space, a quote or an angle bracket. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/**
 * Plain text (an email's body) with its http(s) addresses as links, everything else escaped.
 * Punctuation that ends a sentence is not part of the address; other schemes stay text.
 */
export function linkify(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    parts.push(html`${text.slice(at, match.index)}<a href="${url}" rel="noreferrer">${url}</a>`);
    at = match.index + url.length;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
