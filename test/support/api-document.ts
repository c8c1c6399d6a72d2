import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { openApiDocument } from '../../src/http/openapi.js';

interface ApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
}

/**
 * The errors of a real answer against the schema the API document gives for it (path template,
 * method, status); `undefined` when the document gives it no JSON schema.
 */
function answerValidator(): (
  path: string,
  method: string,
  status: number,
  body: unknown,
) => string[] | undefined {
  const document = openApiDocument() as unknown as ApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module's default export.
  (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  ajv.addSchema({ $id: 'api', components: document.components });
  const compiled = new Map<string, ValidateFunction>();
  return (path, method, status, body) => {
    const schema = document.paths[path]?.[method]?.responses[String(status)]?.content?.[
      'application/json'
    ]?.schema as { $ref: string } | undefined;
    if (schema === undefined) return undefined;
    let validate = compiled.get(schema.$ref);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `api${schema.$ref}` });
      compiled.set(schema.$ref, validate);
    }
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}

/**
 * Checks a real answer against the schema the API document gives for it, so the document never
 * says one thing while the server sends another.
 */
export function answerChecker(): (
  path: string,
  method: string,
  status: number,
  body: unknown,
) => void {
  const validate = answerValidator();
  return (path, method, status, body) => {
    const errors = validate(path, method, status, body);
    expect(errors, `${method} ${path} ${status} is documented`).toBeDefined();
    expect(errors, `${method} ${path} ${status}`).toEqual([]);
  };
}

/**
 * Holds every JSON answer the app gives under /api/v1 to the API document: a successful answer
 * that differs from its documented schema (or has none) becomes a 500 naming the difference, so
 * every API test also tests the document.
 */
export function checkAnswersAgainstDocument(app: FastifyInstance): void {
  const validate = answerValidator();
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/v1/') || reply.statusCode >= 300 || reply.statusCode === 204)
      return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
      return payload;
    const path = route.replace(/:(\w+)/g, '{$1}');
    const method = request.method.toLowerCase();
    const errors = validate(path, method, reply.statusCode, JSON.parse(String(payload)));
    if (errors === undefined || errors.length > 0) {
      reply.code(500);
      return JSON.stringify({
        code: 'undocumented_answer',
        message: `${method} ${path} ${reply.statusCode}: ${errors?.join('; ') ?? 'no documented JSON schema'}`,
      });
    }
    return payload;
  });
}
