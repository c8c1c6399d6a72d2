import type { InvoicingInput } from '../domain/payments/invoicing-details.js';
import { csrfField } from './layout.js';
import { html, type SafeHtml } from './html.js';
import type { WebContext } from './web-context.js';

const FIELDS = [
  ['legalName', 'invoicing.legalName', 'organization'],
  ['street', 'invoicing.street', 'street-address'],
  ['postalCode', 'invoicing.postalCode', 'postal-code'],
  ['city', 'invoicing.city', 'address-level2'],
  ['country', 'invoicing.country', 'country'],
  ['vatNumber', 'invoicing.vatNumber', 'off'],
  ['cocNumber', 'invoicing.cocNumber', 'off'],
] as const;

type Values = { [K in keyof InvoicingInput]?: string | null | undefined };

/**
 * The invoicing details form (legal name, address, VAT and chamber of commerce number) of the
 * network's Month end page and the publisher's Invoicing details page.
 */
export function invoicingForm(
  context: WebContext,
  action: string,
  values: Values,
  options: { vatNumberRequired: boolean },
): SafeHtml {
  return html`<form method="post" action="${action}" class="card">
    ${csrfField(context)}
    <div class="grid">
      ${FIELDS.map(
        ([name, label, autocomplete]) =>
          html`<label
            >${context.t(label)}${
              name === 'vatNumber' && !options.vatNumberRequired
                ? html` <span class="muted">${context.t('invoicing.vatNumberOptional')}</span>`
                : ''
            }
            <input
              name="${name}"
              value="${values[name] ?? ''}"
              autocomplete="${autocomplete}"
              ${
                name === 'cocNumber' || (name === 'vatNumber' && !options.vatNumberRequired)
                  ? ''
                  : 'required'
              }
          /></label>`,
      )}
    </div>
    <button type="submit">${context.t('invoicing.save')}</button>
  </form>`;
}
