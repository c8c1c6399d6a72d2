/**
 * The JSON API as an OpenAPI 3.1 document, served at /api/openapi.json and rendered at
 * /api/docs, generated from the route declarations (`contracts/`): the same schemas `route()`
 * checks the input with. A test holds it to the routes the app registers (no route
 * undocumented, no documented route missing), so it cannot drift.
 */
import { z } from 'zod';
import { ROLE_REFUSAL, type Answer, type Auth, type RouteContract } from './contracts/contract.js';
import { ROUTE_CONTRACTS } from './contracts/index.js';
import { TRACKING_ENDPOINTS } from './contracts/tracking.js';
import { ANSWER_COMPONENTS, BODY_COMPONENTS } from './contracts/components.js';
import { webhookEventsDocument } from './contracts/webhook-events.js';

export type { Auth } from './contracts/contract.js';

const AUTH_TEXT: Record<Auth, string> = {
  none: 'No authentication.',
  apiKey: 'Advertiser API key (`Authorization: Bearer ak_…`) or an advertiser session token.',
  advertiser: 'Session token of an advertiser user (`POST /api/v1/sessions`).',
  publisher: 'Session token of a publisher user (`POST /api/v1/sessions`).',
  admin: 'Session token of the network admin (`POST /api/v1/sessions`).',
  user: 'Session token of any user.',
};

const COMPONENT_URI = (id: string) => `#/components/schemas/${id}`;

/** zod's JSON Schema without the bounds every integer has (±2^53 − 1): they say nothing. */
const JSON_SCHEMA_OPTIONS = {
  unrepresentable: 'any',
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    if (jsonSchema.type !== 'integer') return;
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  },
} as const;

/** A zod schema as the document's JSON Schema: a registered shape by name, others inline. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const registry = io === 'input' ? BODY_COMPONENTS : ANSWER_COMPONENTS;
  const name = registry.get(schema)?.id;
  if (name !== undefined) return { $ref: COMPONENT_URI(name) };
  const json = z.toJSONSchema(schema, { io, ...JSON_SCHEMA_OPTIONS }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The components of a registry, each in the document's dialect (no `$schema`, no `$id`). */
function componentsOf(
  registry: typeof ANSWER_COMPONENTS,
  io: 'input' | 'output',
): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    ...JSON_SCHEMA_OPTIONS,
    uri: COMPONENT_URI,
  }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

/** One operation as the document describes it, from its declaration. */
export interface DocOperation {
  readonly method: RouteContract['method'];
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly parameters: readonly Record<string, unknown>[];
  readonly requestBody?: Record<string, unknown>;
  readonly answers: Readonly<Record<number, Answer & { json?: Record<string, unknown> }>>;
}

/** Each property of a params or query object as an OpenAPI parameter (`in: path|query`). */
function parametersOf(
  where: 'path' | 'query',
  schema: z.ZodObject | undefined,
): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      // OpenAPI 3.1: a path parameter is always required.
      ...(where === 'path' || json.required?.includes(name) ? { required: true } : {}),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function fromContract(contract: RouteContract): DocOperation {
  const answers = Object.fromEntries(
    Object.entries(contract.answers).map(([status, answer]) => {
      const full: Answer = typeof answer === 'string' ? { description: answer } : answer;
      return [
        status,
        { ...full, ...(full.schema ? { json: jsonSchemaOf(full.schema, 'output') } : {}) },
      ];
    }),
  );
  return {
    method: contract.method,
    path: contract.path,
    tag: contract.tag,
    summary: contract.summary,
    auth: contract.auth,
    parameters: [
      ...parametersOf('path', contract.params),
      ...parametersOf('query', contract.query),
    ],
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: {
              ...(contract.bodyNotJson
                ? {}
                : { 'application/json': { schema: jsonSchemaOf(contract.body, 'input') } }),
              ...Object.fromEntries(
                (contract.bodyTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]),
              ),
            },
          },
        }
      : {}),
    answers,
  };
}

/** Every operation of the JSON API, in the order the document lists them. */
export const OPERATIONS: readonly DocOperation[] = ROUTE_CONTRACTS.map(fromContract);

/**
 * `/click` and `/report`, documented after the JSON API: Tradedoubler's URL shapes, read by a
 * tolerant reader rather than `route()` (contracts/tracking.ts).
 */
export const TRACKING_OPERATIONS: readonly DocOperation[] =
  Object.values(TRACKING_ENDPOINTS).map(fromContract);

/** `post /api/v1/programs/{programId}/orders` → `postProgramsOrders` (unique per route). */
export function operationIdOf(op: Pick<DocOperation, 'method' | 'path'>): string {
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
function commonResponses(op: DocOperation): Record<number, string> {
  const responses: Record<number, string> = {};
  if (op.parameters.length) responses[400] = 'A parameter that is not understood';
  if (op.auth !== 'none') responses[401] = 'No, unknown or expired credentials';
  if (op.auth !== 'none' && op.auth !== 'user') responses[403] = ROLE_REFUSAL;
  if (op.requestBody) {
    responses[413] = 'The body is larger than 1 MiB';
    responses[415] = 'The body is not JSON';
  }
  responses[503] = 'The database is not reachable; retry after Retry-After seconds';
  return responses;
}

/** One documented answer: an error, a typed JSON body, another media type, or no content. */
function answerOf(
  status: number,
  answer: Answer & { json?: Record<string, unknown> },
): Record<string, unknown> {
  if (status >= 400)
    return {
      description: answer.description,
      content: { 'application/json': { schema: { $ref: COMPONENT_URI('Error') } } },
    };
  const content: Record<string, unknown> = {};
  if (answer.json) content['application/json'] = { schema: answer.json };
  for (const type of answer.types ?? [])
    content[type] = {
      schema:
        type === 'application/pdf' ? { type: 'string', format: 'binary' } : { type: 'string' },
    };
  return Object.keys(content).length
    ? { description: answer.description, content }
    : { description: answer.description };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...OPERATIONS, ...TRACKING_OPERATIONS]) {
    const answers: Record<number, Answer & { json?: Record<string, unknown> }> = {
      ...Object.fromEntries(
        Object.entries(commonResponses(op)).map(([status, description]) => [
          status,
          { description },
        ]),
      ),
      ...op.answers,
    };
    (paths[op.path] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: AUTH_TEXT[op.auth],
      ...(op.auth === 'none' ? { security: [] } : {}),
      ...(op.parameters.length ? { parameters: op.parameters } : {}),
      operationId: operationIdOf(op),
      ...(op.requestBody ? { requestBody: op.requestBody } : {}),
      responses: Object.fromEntries(
        Object.entries(answers).map(([status, answer]) => [
          status,
          answerOf(Number(status), answer),
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
        ...componentsOf(ANSWER_COMPONENTS, 'output'),
        ...componentsOf(BODY_COMPONENTS, 'input'),
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
    webhooks: webhookEventsDocument(),
  };
}
