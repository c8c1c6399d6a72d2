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
  invalid_change: 400,
  invalid_click_id: 400,
  invalid_terms: 400,
  unknown_program: 404,
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
  email_taken: 409,
  already_applied: 409,
  period_not_ended: 409,
  nothing_to_pay: 409,
  registration_barred: 403,
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

function toBody(error: unknown): { status: number; body: ErrorBody } | undefined {
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
      if (fastify.statusCode === 429) {
        return {
          status: 429,
          body: {
            code: 'rate_limited',
            message: 'too many attempts from your address; wait a minute and try again',
          },
        };
      }
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
