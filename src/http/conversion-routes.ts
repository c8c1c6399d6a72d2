import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import type { ConversionResult } from '../services/conversion-service.js';
import { ReportRefusedError } from '../services/order-recorder.js';
import { sessionCookieName } from './click-route.js';
import { HttpError } from './http-errors.js';
import { queryText } from './query-params.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Tradedoubler's reportInfo: product lines `f1=<sku>&f2=<name>&f3=<price>&f4=<qty>|…`, plus our
 * extension fields f5 category, f6 seller country, f7 store (defaults: uncategorised, CN,
 * aliexpress). A pixel order is pending: the advertiser's completion report decides (AE-Q1).
 */
function itemsFromReportInfo(reportInfo: string): Record<string, unknown>[] {
  return reportInfo
    .split('|')
    .filter((part) => part.trim() !== '')
    .map((part, index) => {
      const fields = new URLSearchParams(part);
      const quantity = fields.get('f4');
      if (quantity !== null && !/^\d{1,7}$/.test(quantity)) {
        throw new HttpError(
          400,
          'invalid_parameter',
          `reportInfo line ${index + 1} f4 (quantity): expected a whole number, got "${quantity}"`,
        );
      }
      return {
        sku: fields.get('f1') ?? '',
        ...(fields.get('f2') !== null ? { name: fields.get('f2') } : {}),
        unitPrice: fields.get('f3') ?? '',
        quantity: quantity === null ? 1 : Number(quantity),
        category: fields.get('f5') ?? 'uncategorised',
        sellerCountry: fields.get('f6') ?? 'CN',
        store: fields.get('f7') ?? 'aliexpress',
      };
    });
}

function apiResponse(reply: FastifyReply, result: ConversionResult): FastifyReply {
  return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
}

export function registerConversionRoutes(app: FastifyInstance, network: Network): void {
  const count = (channel: string, result: ConversionResult) =>
    network.metrics.conversions.inc({
      channel,
      outcome: result.outcome,
      attribution: result.attribution.status === 'attributed' ? 'attributed' : 'unattributed',
    });

  app.get('/report', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const programId = queryText(query, 'organization');
    if (!programId)
      throw new HttpError(400, 'invalid_parameter', 'organization: the program id is required');
    const orderNumber = queryText(query, 'orderNumber');
    const orderValue = queryText(query, 'orderValue');
    const currency = queryText(query, 'currency');
    const voucher = queryText(query, 'voucher');
    const reportInfo = queryText(query, 'reportInfo', 16_384);
    const tduid = queryText(query, 'tduid');
    const items =
      reportInfo !== undefined && reportInfo !== ''
        ? itemsFromReportInfo(reportInfo)
        : [
            {
              sku: 'order',
              unitPrice: orderValue ?? '',
              quantity: 1,
              category: 'uncategorised',
              sellerCountry: 'CN',
              store: 'aliexpress',
            },
          ];
    const document = {
      orderNumber: orderNumber ?? '',
      placedAt: new Date(network.now()).toISOString(),
      currency: currency ?? '',
      status: 'pending',
      ...(voucher ? { vouchers: voucher.split(',').filter(Boolean) } : {}),
      items,
    };
    const fromCookie =
      tduid === undefined ? readCookie(request, sessionCookieName(programId)) : undefined;
    let result: ConversionResult;
    try {
      result = await network.conversions.report(
        programId,
        document,
        { tduid: tduid ?? fromCookie, source: tduid !== undefined ? 'tduid' : 'cookie' },
        { source: 'pixel', actor: 'pixel' },
        network.now(),
      );
    } catch (error) {
      if (error instanceof ReportRefusedError)
        network.metrics.conversions.inc({
          channel: 'pixel',
          outcome: 'refused',
          attribution: 'unknown',
        });
      throw error;
    }
    count('pixel', result);
    // The pixel is anonymous: its answer says accepted and nothing about the order (its click,
    // site or commission are the advertiser's and the publisher's business).
    if ((request.headers.accept ?? '').includes('application/json'))
      return reply.code(202).header('cache-control', 'no-store').send({ status: 'accepted' });
    return reply.code(200).type('image/gif').header('cache-control', 'no-store').send(PIXEL);
  });

  const authenticate = (request: FastifyRequest, programId: string) =>
    authenticateAdvertiser(network, request, programId);

  app.post('/api/v1/programs/:programId/orders', async (request, reply) => {
    const { programId } = request.params as { programId: string };
    const owner = await authenticate(request, programId);
    const result = await network.conversions.report(
      programId,
      request.body,
      { tduid: undefined, source: 'tduid' },
      { source: 'api', actor: `api:${owner.keyId}` },
      network.now(),
    );
    count('api', result);
    return apiResponse(reply, result);
  });

  app.patch('/api/v1/programs/:programId/orders/:orderNumber', async (request, reply) => {
    const { programId, orderNumber } = request.params as { programId: string; orderNumber: string };
    const owner = await authenticate(request, programId);
    const result = await network.conversions.update(
      programId,
      orderNumber,
      request.body,
      { source: 'api', actor: `api:${owner.keyId}` },
      network.now(),
    );
    count('api_update', result);
    return apiResponse(reply, result);
  });
}
