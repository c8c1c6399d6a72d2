import type { FastifyInstance } from 'fastify';
import { deadlineMayApprove } from '../domain/orders/report-proof.js';
import type { Network } from '../server/network.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { declineReasonOf } from '../domain/validation/decline-reasons.js';
import { toCsv } from '../documents/csv.js';
import {
  parseValidationCsv,
  type ValidationOutcome,
  type ValidationRequest,
} from '../services/validation-service.js';
import { statusOfCode } from '../domain/error-codes.js';
import { HttpError } from './http-errors.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { ORDER_ROUTES as ROUTES } from './contracts/orders.js';
import { routesOf } from './route.js';
import { invoiceAnswer } from './invoice-routes.js';

const MAX_ROWS = 10_000;

function toRequest(value: unknown, where: string): ValidationRequest {
  if (typeof value !== 'object' || value === null)
    throw new HttpError(
      'invalid_body',
      `${where}: expected an object { orderNumber, decision, reason }`,
    );
  const row = value as Record<string, unknown>;
  if (typeof row.orderNumber !== 'string' || row.orderNumber === '')
    throw new HttpError('invalid_body', `${where}.orderNumber: expected the order number`);
  return {
    orderNumber: row.orderNumber,
    decision: row.decision as ValidationRequest['decision'],
    reason: typeof row.reason === 'string' && row.reason !== '' ? row.reason : undefined,
  };
}

/**
 * Validation by advertisers: approve or decline one order, many (JSON or a CSV upload, with a
 * result per row), the transactions list with each validation deadline, and their invoices.
 */
export function registerValidationRoutes(app: FastifyInstance, network: Network): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  const route = routesOf(app, network);

  route(
    ROUTES.postProgramsByProgramIdOrdersByOrderNumberValidation,
    async ({ params, body }, request, reply) => {
      const { programId, orderNumber } = params;
      const owner = await authenticateAdvertiser(network, request, programId);
      const decision = toRequest(
        { ...(typeof body === 'object' && body !== null ? body : {}), orderNumber },
        'body',
      );
      const [outcome] = await network.validation.validate(
        programId,
        [decision],
        `api:${owner.keyId}`,
        network.now(),
      );
      if (outcome === undefined || !outcome.ok)
        return reply
          .code(outcome === undefined ? 400 : statusOfCode(outcome.code))
          .send({ code: outcome?.code, message: outcome?.message });
      return outcome;
    },
  );

  route(
    ROUTES.postProgramsByProgramIdValidations,
    async ({ params: { programId }, body }, request) => {
      const owner = await authenticateAdvertiser(network, request, programId);
      let requests: ValidationRequest[];
      if (typeof body === 'string') requests = parseValidationCsv(body);
      else {
        const list =
          typeof body === 'object' && body !== null && 'validations' in body
            ? body.validations
            : undefined;
        if (!Array.isArray(list))
          throw new HttpError(
            'invalid_body',
            'send { "validations": [{ "orderNumber", "decision", "reason" }, …] } or a CSV (Content-Type: text/csv)',
          );
        requests = list.map((row, index) => toRequest(row, `validations[${index}]`));
      }
      if (requests.length > MAX_ROWS)
        throw new HttpError(
          'too_many_rows',
          `at most ${MAX_ROWS} rows per request; split the file`,
        );
      const results: ValidationOutcome[] = await network.validation.validate(
        programId,
        requests,
        `api:${owner.keyId}`,
        network.now(),
      );
      const ok = results.filter((row) => row.ok).length;
      return { summary: { rows: results.length, ok, refused: results.length - ok }, results };
    },
  );

  route(
    ROUTES.getProgramsByProgramIdTransactions,
    async ({ params: { programId }, query }, request, reply) => {
      await authenticateAdvertiser(network, request, programId);
      const { status, limit } = query;
      const rows = (await network.validation.transactionsOfProgram(programId, status, limit)).map(
        (row) => ({
          orderNumber: row.orderNumber,
          placedAt: new Date(row.placedAt).toISOString(),
          commissionId: row.commissionId,
          publisherId: row.publisherId,
          siteId: row.siteId,
          kind: row.kind,
          amount: formatMinorUnits(row.amountMinor, 2),
          currency: row.currency,
          status: row.status,
          reason: row.reason,
          declineReason: row.status === 'declined' ? declineReasonOf(row.reason) : null,
          rule: row.rule,
          validationDueAt:
            row.validationDueAt === null ? null : new Date(row.validationDueAt).toISOString(),
          invoiceId: row.invoiceId,
          reportedBy: row.source,
          reportFlags: reportFlagsOf(row.source, row.reportDetails),
          openFlags: row.openFlags,
        }),
      );
      if (query.format === 'csv') {
        const header = Object.keys(rows[0] ?? { orderNumber: '' });
        return reply.type('text/csv; charset=utf-8').send(
          toCsv(
            header,
            rows.map((row) => Object.values(row)),
          ),
        );
      }
      return { transactions: rows };
    },
  );

  route(ROUTES.getProgramsByProgramIdInvoices, async ({ params: { programId } }, request) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    const invoices = await network.invoices.list({ advertiserId: owner.advertiserId, programId });
    return { invoices: invoices.map(invoiceAnswer) };
  });
}

/**
 * The pixel reader's flags of an order, a refused checksum, from orders.report_details, and
 * `unsigned_fields` for a pixel order without a v05 full checksum (no deadline approves it,
 * NET-R6).
 */
function reportFlagsOf(source: string, details: string | null): string[] {
  const unsigned = deadlineMayApprove(source, details) ? [] : ['unsigned_fields'];
  if (details === null) return unsigned;
  const parsed = JSON.parse(details) as { flags?: string[]; checksum?: string };
  return [
    ...(parsed.flags ?? []),
    ...(parsed.checksum === 'mismatch' ? ['checksum_mismatch'] : []),
    ...(parsed.checksum === 'lines_mismatch' ? ['lines_value_mismatch'] : []),
    ...unsigned,
  ];
}
