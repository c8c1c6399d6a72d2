import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { statusOfCode, type ErrorCode } from '../domain/error-codes.js';
import { DomainError, type Issue } from '../domain/errors.js';

/**
 * An error of the HTTP edge: a stable code and a message that says what to fix; its status is the
 * one the table of codes gives (src/domain/error-codes.ts).
 */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return statusOfCode(this.code);
  }
}

export interface ErrorBody {
  code: ErrorCode;
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

/** The answer to a refusal: the status the table gives its code, and {code, message, issues}. */
export function answer(
  code: ErrorCode,
  message: string,
  issues: readonly Issue[] = [],
): { status: number; body: ErrorBody } {
  return {
    status: statusOfCode(code),
    body: { code, message, ...(issues.length ? { issues } : {}) },
  };
}

/** The answer to a known error, or undefined for one to log and answer 500. */
export function toBody(error: unknown): { status: number; body: ErrorBody } | undefined {
  if (isLockConflict(error))
    return answer(
      'database_conflict',
      `the database aborted this request to settle a conflict with another one; nothing of it was stored: retry in ${RETRY_AFTER_SECONDS} seconds (a repeated report or decision is applied once)`,
    );
  if (isDatabaseUnavailable(error))
    return answer(
      'database_unavailable',
      `the database is not reachable right now; retry in ${RETRY_AFTER_SECONDS} seconds (a repeated report or decision is applied once)`,
    );
  if (error instanceof HttpError || error instanceof DomainError)
    return answer(error.code, error.message, error.issues);
  const fastify = error as FastifyError;
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return answer(
        'body_too_large',
        'the request body is larger than 1 MiB: send a smaller one (fewer orders or lines per request)',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return answer('unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return answer(
        'invalid_json',
        'the body is empty but says it is JSON: send the JSON document, or no Content-Type without a body',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return answer('invalid_json', `the body is not valid JSON: ${fastify.message}`);
    default:
      if (fastify.statusCode === 400 && (error as Error).name === 'SyntaxError')
        return answer('invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
      return undefined;
  }
}

/** Renders an error as an HTML page for a browser, or undefined to answer with JSON. */
export type HtmlErrorPage = (
  status: number,
  body: ErrorBody,
  request: FastifyRequest,
) => string | undefined | Promise<string | undefined>;

/**
 * Fastify error handler: known errors become status + {code, message}; the rest a logged 500.
 * Browser pages (not /api) get the same status, code and message as an HTML page.
 */
export function createErrorHandler(htmlPage?: HtmlErrorPage) {
  return async (error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const known = toBody(error);
    if (!known) request.log.error({ err: error }, 'unhandled error');
    else if (error instanceof DomainError && typeof error.values.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(error.values.retryAfterSeconds));
    else if (known.status === 503) {
      request.log.warn({ err: error }, 'database unavailable or in conflict');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }
    const { status, body } =
      known ?? answer('internal_error', 'something went wrong on our side; it has been logged');
    const page =
      htmlPage !== undefined &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html')
        ? await htmlPage(status, body, request)
        : undefined;
    if (page !== undefined) {
      void reply.code(status).type('text/html; charset=utf-8').send(page);
      return;
    }
    void reply.code(status).type('application/json').send(body);
  };
}

export const handleError = createErrorHandler();
