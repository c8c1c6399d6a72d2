import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InvoicingInput } from '../domain/payments/invoicing-details.js';
import { DomainError } from '../domain/errors.js';
import { BODIES } from '../http/contracts/bodies.js';
import type { Network } from '../server/network.js';
import { csrfField, notice } from './layout.js';
import { html, type SafeHtml } from './html.js';
import { parseForm, typedValues } from './form-input.js';
import { refusalText } from './refusal-text.js';
import { redirectAfterPost } from './respond.js';
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

/**
 * The post of an invoicing details form: `save` keeps what was typed and the page says so after
 * its redirect; a refusal re-renders the form (`page`) with what was typed and what to fix.
 */
export async function postInvoicingForm(
  network: Network,
  request: FastifyRequest,
  reply: FastifyReply,
  context: WebContext,
  options: {
    path: string;
    save: (input: InvoicingInput, actor: string) => Promise<unknown>;
    page: (values: Values, message: SafeHtml, status: number) => Promise<unknown>;
  },
): Promise<unknown> {
  try {
    await options.save(
      parseForm(BODIES.invoicingDetails, request.body),
      `user:${context.session!.user.id}`,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const refusal = notice('error', refusalText(error, context.locale));
    return options.page(typedValues(request.body), refusal, 400);
  }
  return redirectAfterPost(
    network,
    reply,
    options.path,
    notice('success', context.t('invoicing.saved')),
  );
}
