import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type Issue } from '../domain/errors.js';

/** An error with an HTTP status, a stable code and a message that says what to fix. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** The one catalogue of domain error codes and the status each gets at the HTTP edge. */
const STATUS_OF_CODE: Record<string, number> = {
  invalid_order: 400,
  program_exists: 409,
  payout_run_not_exported: 409,
  invalid_change: 400,
  invalid_click_id: 400,
  invalid_terms: 400,
  terms_too_large: 413,
  simulation_busy: 429,
  unknown_program: 404,
  program_not_approved: 409,
  order_not_found: 404,
  commission_locked: 409,
  report_refused: 409,
  attribution_locked: 409,
  unknown_invoice: 404,
  unknown_payout_run: 404,
  unknown_site: 404,
  unknown_publisher: 404,
  unknown_application: 404,
  unknown_action: 404,
  unknown_violation: 404,
  unknown_claim: 404,
  unknown_mailing: 404,
  unknown_order: 404,
  unknown_commission: 404,
  unknown_statement: 404,
  unknown_ad: 404,
  email_taken: 409,
  already_applied: 409,
  period_not_ended: 409,
  network_invoicing_details_missing: 409,
  no_vat_rate: 409,
  nothing_to_pay: 409,
  payout_run_in_progress: 409,
  registration_barred: 403,
  password_change_required: 403,
  wrong_password: 403,
  publisher_restricted: 403,
  account_not_active: 403,
  token_used: 410,
  token_expired: 410,
};

export interface ErrorBody {
  code: string;
  message: string;
  issues?: readonly Issue[];
}

/** PostgreSQL SQLSTATEs and socket codes that mean "the database is away", not a bad request. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown (restart, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'SQLITE_BUSY',
  'WRITER_EXITED', // the writer thread ended with requests in flight
]);

/** True when `error` says the database cannot be reached right now: retry later, not fix input. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/.test(
      message,
    )
  );
}

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * True when PostgreSQL aborted the transaction to settle a conflict with another one (40P01
 * deadlock, 40001 serialization failure): nothing of it is stored, and the same request
 * succeeds when sent again.
 */
export function isLockConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

function toBody(error: unknown): { status: number; body: ErrorBody } | undefined {
  if (isLockConflict(error)) {
    return {
      status: 503,
      body: {
        code: 'database_conflict',
        message: `the database aborted this request to settle a conflict with another one; nothing of it was stored: retry in ${RETRY_AFTER_SECONDS} seconds (a repeated report or decision is applied once)`,
      },
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: {
        code: 'database_unavailable',
        message: `the database is not reachable right now; retry in ${RETRY_AFTER_SECONDS} seconds (a repeated report or decision is applied once)`,
      },
    };
  }
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: {
        code: error.code,
        message: error.message,
        ...(error.issues.length ? { issues: error.issues } : {}),
      },
    };
  }
  if (error instanceof DomainError) {
    // A domain error is about the input: 400 unless the catalogue says otherwise.
    return {
      status: STATUS_OF_CODE[error.code] ?? 400,
      body: {
        code: error.code,
        message: error.message,
        ...(error.issues.length ? { issues: error.issues } : {}),
      },
    };
  }
  const fastify = error as FastifyError;
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          code: 'body_too_large',
          message: 'the request body is larger than 1 MiB: send fewer orders per request',
        },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { code: 'unsupported_media_type', message: 'send the body as application/json' },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: {
          code: 'invalid_json',
          message: 'the body is empty: send an order document as JSON',
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: { code: 'invalid_json', message: `the body is not valid JSON: ${fastify.message}` },
      };
    default:
      if (fastify.statusCode === 400 && (error as Error).name === 'SyntaxError') {
        return {
          status: 400,
          body: {
            code: 'invalid_json',
            message: `the body is not valid JSON: ${(error as Error).message}`,
          },
        };
      }
      return undefined;
  }
}

/** Renders an error as an HTML page for a browser, or undefined to answer with JSON. */
export type HtmlErrorPage = (
  status: number,
  body: ErrorBody,
  request: FastifyRequest,
) => string | undefined;

/**
 * Fastify error handler: known errors become status + {code, message}; the rest a logged 500.
 * Browser pages (not /api) get the same status, code and message as an HTML page.
 */
export function createErrorHandler(htmlPage?: HtmlErrorPage) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    const known = toBody(error);
    if (!known) request.log.error({ err: error }, 'unhandled error');
    else if (error instanceof DomainError && typeof error.values.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(error.values.retryAfterSeconds));
    else if (known.status === 503) {
      request.log.warn({ err: error }, 'database unavailable or in conflict');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }
    const { status, body } = known ?? {
      status: 500,
      body: {
        code: 'internal_error',
        message: 'something went wrong on our side; it has been logged',
      },
    };
    const page =
      htmlPage !== undefined &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html')
        ? htmlPage(status, body, request)
        : undefined;
    if (page !== undefined) {
      void reply.code(status).type('text/html; charset=utf-8').send(page);
      return;
    }
    void reply.code(status).type('application/json').send(body);
  };
}

export const handleError = createErrorHandler();
