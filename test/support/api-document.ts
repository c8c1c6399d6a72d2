import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
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
 * Checks a real answer against the schema the API document gives for it (path template,
 * method, status), so the document never says one thing while the server sends another.
 */
export function answerChecker(): (
  path: string,
  method: string,
  status: number,
  body: unknown,
) => void {
  const document = openApiDocument() as unknown as ApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module's default export.
  (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  ajv.addSchema({ $id: 'api', components: document.components });
  return (path, method, status, body) => {
    const schema = document.paths[path]![method]!.responses[String(status)]!.content![
      'application/json'
    ]!.schema as { $ref: string };
    const validate = ajv.compile({ $ref: `api${schema.$ref}` });
    const valid = validate(body);
    expect(validate.errors ?? [], `${method} ${path} ${status}`).toEqual([]);
    expect(valid).toBe(true);
  };
}
