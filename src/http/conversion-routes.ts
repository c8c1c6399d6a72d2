import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { DomainError } from '../domain/errors.js';
import { reportRefusalsOf, type ReportRefusalCode } from '../domain/orders/parse-order.js';
import {
  checksumMatches,
  fullChecksumMatches,
  PixelReportError,
  readPixelReport,
  type PixelReport,
} from '../tracking/pixel-report.js';
import { readTradedoublerQuery } from '../tracking/tradedoubler-query.js';
import { linesAddUpToCheckedValue } from '../domain/orders/checksum-binding.js';
import type { ChecksumVerdict } from '../domain/orders/report-proof.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import type { ConversionResult } from '../services/conversion-service.js';
import { sessionCookieName } from './click-route.js';
import { HttpError } from './http-errors.js';
import { explainReason } from '../domain/engine/reasons.js';
import { reasonFactsOf, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { ORDER_ROUTES } from './contracts/orders.js';
import { routesOf } from './route.js';

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
 * The answer to an order report: the result, and why the order earns less than its full rate in
 * words (English, the API's language) with the program's rule and its own facts, e.g. which
 * currencies it accepts.
 */
function apiResponse(
  reply: FastifyReply,
  result: ConversionResult,
  terms: ProgramTerms | undefined,
): FastifyReply {
  const facts = terms === undefined ? undefined : reasonFactsOf(terms);
  const explanations = result.quote.reasons.map((code) => ({
    code,
    rule: terms?.reasonRules[code] ?? null,
    message: explainReason(code, 'en', facts),
  }));
  return reply.code(result.outcome === 'created' ? 201 : 200).send({ ...result, explanations });
}

/**
 * What the program's checksum secret says of a pixel report (NET-R1): no secret, a valid
 * affnet full checksum (`v05`: every priced field signed), a valid Tradedoubler checksum (`v04`:
 * number and value) whose value also covers the priced lines, a missing or wrong checksum, or a
 * valid v04 one whose value the reportInfo or basket lines do not add up to. A lead is paid its
 * fixed amount, whatever its lines. Stored as report_details.checksum (domain/orders/report-proof).
 */
function checksumVerdict(
  secret: string | null,
  report: PixelReport,
  lead: boolean,
): ChecksumVerdict {
  if (secret === null) return 'not_required';
  if (report.checksum.sent?.trim().toLowerCase().startsWith('v05'))
    return fullChecksumMatches(secret, report.checksum) ? 'signed' : 'mismatch';
  if (!checksumMatches(secret, report.checksum)) return 'mismatch';
  if (
    !lead &&
    report.reportedPrices !== undefined &&
    !linesAddUpToCheckedValue(report.reportedPrices, report.checksum.valueMinor)
  )
    return 'lines_mismatch';
  return 'valid';
}

const REFUSAL_OF_CHECKSUM: Partial<Record<ChecksumVerdict, ReportRefusalCode>> = {
  mismatch: 'checksum_mismatch',
  lines_mismatch: 'lines_value_mismatch',
};

export function registerConversionRoutes(app: FastifyInstance, network: Network): void {
  const count = (channel: string, result: ConversionResult) =>
    network.metrics.conversions.inc({
      channel,
      outcome: result.outcome,
      // A test conversion (a test click id) is counted apart: it is never an order.
      attribution: ['attributed', 'test'].includes(result.attribution.status)
        ? result.attribution.status
        : 'unattributed',
    });

  /** An accepted report for the tracking page (a test conversion is kept there already). */
  const noteSeen = (programId: string, channel: 'pixel' | 'api', result: ConversionResult) => {
    if (result.attribution.status === 'test') return;
    network.integration.seen(
      programId,
      channel,
      result.orderNumber,
      reportRefusalsOf(result.quote.reasons)[0],
      network.now(),
    );
  };

  /** A refused pixel report: counted by reason, then answered as an error. */
  const refuse = (reason: string, error: unknown): never => {
    network.metrics.pixelRefused.inc({ reason });
    network.metrics.conversions.inc({
      channel: 'pixel',
      outcome: 'refused',
      attribution: 'unknown',
    });
    throw error;
  };

  // The first-party tracking script, for the advertiser to copy to its own domain.
  const firstParty = readFileSync(join(packageRoot(), 'assets', 'first-party.js'), 'utf8');
  app.get('/tracking/first-party.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(firstParty),
  );

  // Tradedoubler's pixel as integrations send it: both URL forms, any case (docs/tracking.md).
  app.get('/report', async (request, reply) => {
    const question = request.url.indexOf('?');
    const query = readTradedoublerQuery(question < 0 ? '' : request.url.slice(question + 1));
    const programId = query.values.get('organization');
    const program = programId === undefined ? undefined : network.cache.program(programId);
    // A refusal of a known program's report is noted for its tracking page (in memory).
    const noteRefusal = (error: DomainError) => {
      if (program !== undefined)
        network.integration.refused(
          program.id,
          'pixel',
          query.values.get('ordernumber') ?? query.values.get('leadnumber'),
          error.code,
          error.message,
          network.now(),
        );
    };
    let report: PixelReport;
    try {
      report = readPixelReport(
        query,
        program?.terms.currency ?? 'EUR',
        program?.terms.file.pixelLineDefaults,
      );
    } catch (error) {
      if (error instanceof PixelReportError) {
        noteRefusal(error);
        return refuse(error.code, new HttpError(error.code, error.message));
      }
      throw error;
    }
    const refusals: ReportRefusalCode[] = [];
    const declared =
      report.details.event === null ? undefined : program?.terms.events.get(report.details.event);
    const checksum = checksumVerdict(
      program?.checksumSecret ?? null,
      report,
      report.lead || declared?.kind === 'lead',
    );
    const refusal = REFUSAL_OF_CHECKSUM[checksum];
    if (refusal !== undefined) {
      refusals.push(refusal);
      network.metrics.pixelRefused.inc({ reason: refusal });
    }
    // A lead needs a lead event of the program (NET-R2); a sale with an unknown event is
    // refused by the engine from the document's event.
    if (report.lead && declared?.kind !== 'lead') refusals.push('unknown_event');
    if (
      refusals.includes('unknown_event') ||
      (declared === undefined && report.details.event !== null && program?.terms.events.size)
    )
      network.metrics.pixelRefused.inc({ reason: 'unknown_event' });
    // NET-R3: a fixed fee per lead by pixel only with a checksum the advertiser's server made;
    // anyone can send a lead pixel (a tduid or cookie proves a click, never a sign-up).
    if (declared?.kind === 'lead' && checksum === 'not_required') {
      refusals.push('lead_unverified');
      network.metrics.pixelRefused.inc({ reason: 'lead_unverified' });
    }
    const fromCookie =
      report.tduid === undefined
        ? readCookie(request, sessionCookieName(report.programId))
        : undefined;
    let result: ConversionResult;
    try {
      result = await network.conversions.report(
        report.programId,
        {
          ...report.document,
          ...(report.details.event !== null ? { event: report.details.event } : {}),
          placedAt: new Date(network.now()).toISOString(),
        },
        {
          tduid: report.tduid ?? fromCookie,
          source: report.tduid !== undefined ? 'tduid' : 'cookie',
        },
        { source: 'pixel', actor: 'pixel' },
        network.now(),
        { refusals, details: { ...report.details, lead: report.lead, checksum } },
      );
    } catch (error) {
      if (error instanceof DomainError) {
        noteRefusal(error);
        return refuse(error.code, error);
      }
      throw error;
    }
    count('pixel', result);
    noteSeen(report.programId, 'pixel', result);
    // The pixel is anonymous: its answer says accepted and nothing about the order (its click,
    // site or commission are the advertiser's and the publisher's business).
    if (report.iframe)
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          '<!doctype html><html><head><meta charset="utf-8"><title></title></head><body></body></html>',
        );
    if ((request.headers.accept ?? '').includes('application/json'))
      return reply.code(202).header('cache-control', 'no-store').send({ status: 'accepted' });
    return reply.code(200).type('image/gif').header('cache-control', 'no-store').send(PIXEL);
  });

  const authenticate = (request: FastifyRequest, programId: string) =>
    authenticateAdvertiser(network, request, programId);

  const route = routesOf(app, network);
  route(ORDER_ROUTES.postProgramsByProgramIdOrders, async ({ params, body }, request, reply) => {
    const { programId } = params;
    const owner = await authenticate(request, programId);
    let result: ConversionResult;
    try {
      result = await network.conversions.report(
        programId,
        body,
        { tduid: undefined, source: 'tduid' },
        { source: 'api', actor: `api:${owner.keyId}` },
        network.now(),
      );
    } catch (error) {
      // The advertiser's own refused report, for its tracking page (never an anonymous one).
      if (error instanceof DomainError && network.cache.program(programId) !== undefined) {
        const number = (body as { orderNumber?: unknown } | null)?.orderNumber;
        network.integration.refused(
          programId,
          'api',
          typeof number === 'string' ? number : undefined,
          error.code,
          error.message,
          network.now(),
        );
      }
      throw error;
    }
    count('api', result);
    noteSeen(programId, 'api', result);
    return apiResponse(reply, result, network.cache.program(programId)?.terms);
  });

  route(
    ORDER_ROUTES.patchProgramsByProgramIdOrdersByOrderNumber,
    async ({ params, body }, request, reply) => {
      const { programId, orderNumber } = params;
      const owner = await authenticate(request, programId);
      const result = await network.conversions.update(
        programId,
        orderNumber,
        body,
        { source: 'api', actor: `api:${owner.keyId}` },
        network.now(),
      );
      count('api_update', result);
      return apiResponse(reply, result, network.cache.program(programId)?.terms);
    },
  );
}
