import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Network } from '../server/network.js';
import { html, type SafeHtml } from './html.js';
import { notice } from './layout.js';
import { sendPage } from './respond.js';
import { invoicingForm, postInvoicingForm } from './invoicing-form.js';
import { publisherOf, webContext, type WebContext } from './web-context.js';

/**
 * The publisher's invoicing details (self-billing: the network writes the publisher's invoice
 * with them): legal name, address, VAT and chamber of commerce number.
 */
export function registerPublisherInvoicingPages(app: FastifyInstance, network: Network): void {
  const page = async (
    reply: FastifyReply,
    context: WebContext,
    values: Parameters<typeof invoicingForm>[2],
    message?: SafeHtml,
    status = 200,
  ) => {
    // How the statements are taxed with the details on file (not what was just typed).
    const view = await network.invoicingDetails.publisherView(publisherOf(context), context.now);
    const now =
      view.vatTreatment === null
        ? ''
        : view.vatTreatment === 'domestic'
          ? context.t('invoicing.nowDomestic', { rate: view.vatRate ?? '?' })
          : view.vatTreatment === 'reverse_charge'
            ? context.t('invoicing.nowReverseCharge')
            : context.t('invoicing.nowNotABusiness');
    return sendPage(
      reply,
      context,
      context.t('invoicing.title'),
      html`<h1>${context.t('invoicing.title')}</h1>
        ${message ?? ''}
        <p>${context.t('invoicing.publisherIntro')}</p>
        ${now === '' ? '' : html`<p><strong>${now}</strong></p>`}
        ${
          view.vatNumber !== null && !view.vatNumberVerified
            ? notice('warning', context.t('invoicing.unverifiedNote'))
            : ''
        }
        ${invoicingForm(context, '/publisher/invoicing', values, { vatNumberRequired: false })}`,
      status,
    );
  };

  app.get('/publisher/invoicing', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const details = await network.invoicingDetails.ofPublisher(publisherOf(context));
    const incomplete = details.street === null || details.postalCode === null;
    return page(
      reply,
      context,
      details,
      incomplete ? notice('warning', context.t('invoicing.publisherMissing')) : undefined,
    );
  });

  app.post('/publisher/invoicing', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return postInvoicingForm(network, request, reply, context, {
      path: '/publisher/invoicing',
      save: (input, actor) =>
        network.invoicingDetails.setPublisher(publisherId, input, actor, context.now),
      page: (values, message, status) => page(reply, context, values, message, status),
    });
  });
}
