/**
 * The JSON API as an OpenAPI 3.1 document, served at /api/openapi.json and rendered at
 * /api/docs. A test holds it to the routes the app registers (no route undocumented, no
 * documented route missing), so it cannot drift.
 */
import type { z } from 'zod';
import { openApiSchemas } from './openapi-schemas.js';
import { bodyJsonSchema } from './api-bodies.js';
import { ACCOUNT_OPERATIONS } from './api-operations/accounts.js';
import { ADVERTISER_OPERATIONS } from './api-operations/advertiser.js';
import { ORDER_OPERATIONS } from './api-operations/orders.js';
import { ADMIN_OPERATIONS } from './api-operations/admin.js';
import { PUBLISHER_OPERATIONS } from './api-operations/publisher.js';
import { COMPLIANCE_OPERATIONS } from './api-operations/compliance.js';
import { PROGRAM_REVIEW_OPERATIONS } from './api-operations/program-review.js';

export type Auth = 'none' | 'apiKey' | 'advertiser' | 'publisher' | 'user';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  query?: Record<string, string>;
  /** The body's schema: the one the route parses it with (`api-bodies.ts`). */
  body?: z.ZodType;
  /** Other media types the body may come in, as text (a terms file as YAML). */
  bodyTypes?: readonly string[];
  /** A shared body schema instead of `body` (components/schemas). */
  bodySchema?: string;
  /** Status → description. */
  responses: Record<number, string>;
  /** Status → a shared answer schema (components/schemas). */
  responseSchemas?: Record<number, string>;
  /** Status → the other media types the answer comes in (`format=csv`, a SEPA file, …). */
  responseTypes?: Record<number, readonly string[]>;
}

const AUTH_TEXT: Record<Auth, string> = {
  none: 'No authentication.',
  apiKey: 'Advertiser API key (`Authorization: Bearer ak_…`) or an advertiser session token.',
  advertiser: 'Session token of an advertiser user (`POST /api/v1/sessions`).',
  publisher: 'Session token of a publisher user (`POST /api/v1/sessions`).',
  user: 'Session token of any user.',
};

export const OPERATIONS: readonly Operation[] = [
  ...ACCOUNT_OPERATIONS,
  ...ADVERTISER_OPERATIONS,
  ...ORDER_OPERATIONS,
  ...ADMIN_OPERATIONS,
  ...PUBLISHER_OPERATIONS,
  ...COMPLIANCE_OPERATIONS,
  ...PROGRAM_REVIEW_OPERATIONS,
];

/** `post /api/v1/programs/{programId}/orders` → `postProgramsOrders` (unique per route). */
export function operationIdOf(op: Pick<Operation, 'method' | 'path'>): string {
  const words = op.path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? `by ${param[1]}` : segment;
    })
    .join(' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return (op.method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')).replace(
    /By(\w)/g,
    'By$1',
  );
}

/** The refusals every operation of its kind can answer, beyond those it lists itself. */
function commonResponses(op: Operation): Record<number, string> {
  const responses: Record<number, string> = {};
  if (op.auth !== 'none') responses[401] = 'No, unknown or expired credentials';
  if (op.auth !== 'none' && op.auth !== 'user')
    responses[403] = 'Credentials of another role, or a one-time password still to replace';
  if (op.body || op.bodySchema) {
    responses[413] = 'The body is larger than 1 MiB';
    responses[415] = 'The body is not JSON';
  }
  responses[503] = 'The database is not reachable; retry after Retry-After seconds';
  return responses;
}

/** One documented answer: an error, a typed JSON body, another media type, or no content. */
function answerOf(op: Operation, status: number, description: string): Record<string, unknown> {
  if (status >= 400)
    return {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  const content: Record<string, unknown> = {};
  const shared = op.responseSchemas?.[status];
  if (shared) content['application/json'] = { schema: { $ref: `#/components/schemas/${shared}` } };
  for (const type of op.responseTypes?.[status] ?? [])
    content[type] = {
      schema:
        type === 'application/pdf' ? { type: 'string', format: 'binary' } : { type: 'string' },
    };
  return Object.keys(content).length ? { description, content } : { description };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
    ];
    (paths[op.path] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: AUTH_TEXT[op.auth],
      ...(op.auth === 'none' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      operationId: operationIdOf(op),
      ...(op.bodySchema || op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: op.bodySchema
                    ? { $ref: `#/components/schemas/${op.bodySchema}` }
                    : bodyJsonSchema(op.body!),
                },
                ...Object.fromEntries(
                  (op.bodyTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]),
                ),
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ ...commonResponses(op), ...op.responses }).map(([status, description]) => [
          status,
          answerOf(op, Number(status), description),
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'affnet API',
      version: '1',
      description:
        'Everything the portal does. Errors are { code, message, issues? } with a stable code and a message that says what to fix.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An advertiser API key (ak_…) or a session token from POST /api/v1/sessions',
        },
      },
      schemas: {
        ...openApiSchemas(),
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
