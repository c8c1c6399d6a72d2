import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { adminToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { OPERATIONS, openApiDocument, type DocOperation } from '../../src/http/openapi.js';

type Parameter = { name: string; in: string; required?: boolean; schema?: { pattern?: string } };

const parametersOf = (op: DocOperation, where: 'path' | 'query') =>
  (op.parameters as readonly Parameter[]).filter((parameter) => parameter.in === where);

/** Stable error codes: lower-case words joined by `_`. */
const CODE = /^[a-z]+(_[a-z]+)*$/;

/**
 * Every operation of the API document, called with a malformed path id and a malformed query
 * by the role it is for (so credentials do not answer first): a 4xx with a stable code and a
 * message naming the parameter, never a 500.
 */
describeEachEngine(
  'malformed path ids and query parameters: 4xx with a stable code, never 500',
  (context) => {
    let t: TestNetwork;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestNetwork(context().store);
      await t.app.ready();
      const login = async (email: string, password: string) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { email, password },
        });
        expect(response.statusCode).toBe(201);
        return response.json().token as string;
      };
      tokens.publisher = await login(t.demo.publisher.email, t.demo.publisher.password);
      tokens.user = tokens.publisher;
      tokens.advertiser = await login(t.demo.advertiser.email, t.demo.advertiser.password);
      tokens.apiKey = t.demo.advertiserApiKey;
      tokens.admin = await adminToken(t);
      // Logging out ends the token it is called with: that operation gets one of its own.
      tokens.logout = await login(t.demo.publisher.email, t.demo.publisher.password);
    });
    afterAll(async () => {
      await t.app.close();
    });

    const call = (op: DocOperation, path: string, query = '') => {
      const token =
        op.method === 'delete' && op.path === '/api/v1/sessions/current'
          ? tokens.logout
          : tokens[op.auth];
      return t.app.inject({
        method: op.method.toUpperCase() as 'GET',
        url: `${path}${query}`,
        headers: op.auth === 'none' ? {} : { authorization: `Bearer ${token}` },
        payload: op.requestBody ? {} : undefined,
      });
    };
    /** The operation's path with a valid-looking value for every parameter but `bad`. */
    const pathWith = (op: DocOperation, bad?: { name: string; value: string }) =>
      op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        name === bad?.name
          ? bad.value
          : name === 'programId'
            ? t.demo.programId
            : `x_unknown_${name}`,
      );
    const refused = (
      label: string,
      response: { statusCode: number; json(): unknown },
      name?: string,
    ) => {
      expect([label, response.statusCode >= 400 && response.statusCode < 500]).toEqual([
        label,
        true,
      ]);
      const body = response.json() as { code?: unknown; message?: unknown };
      expect([label, typeof body.code === 'string' && CODE.test(body.code)]).toEqual([label, true]);
      expect([label, typeof body.message]).toEqual([label, 'string']);
      if (name !== undefined) {
        expect([label, body.code]).toEqual([label, 'invalid_parameter']);
        expect([label, String(body.message)]).toEqual([label, expect.stringContaining(`${name}:`)]);
      }
    };

    it('documents every path parameter as required, and each parameter with a schema', () => {
      const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
      for (const op of OPERATIONS) {
        const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const operation = paths[op.path]?.[op.method] as { parameters?: Parameter[] };
        const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect([op.path, inPath.map((p) => p.name)]).toEqual([op.path, names]);
        for (const parameter of operation.parameters ?? []) {
          expect([op.path, parameter.name, parameter.schema]).toEqual([
            op.path,
            parameter.name,
            expect.any(Object),
          ]);
          if (parameter.in === 'path') expect(parameter.required).toBe(true);
        }
      }
    });

    it('refuses a path id outside its pattern (400 invalid_parameter) or too long (414)', async () => {
      let checked = 0;
      for (const op of OPERATIONS) {
        for (const parameter of parametersOf(op, 'path')) {
          checked++;
          const label = `${op.method} ${op.path} ${parameter.name}`;
          const long = await call(
            op,
            pathWith(op, { name: parameter.name, value: 'x'.repeat(300) }),
          );
          refused(`${label} (300 characters)`, long);
          const spaced = await call(
            op,
            pathWith(op, { name: parameter.name, value: 'not%20an%20id' }),
          );
          // An id has a pattern; an order number is the advertiser's own text.
          refused(
            `${label} (not an id)`,
            spaced,
            parameter.schema?.pattern === undefined ? undefined : parameter.name,
          );
        }
      }
      expect(checked).toBeGreaterThan(25);
    });

    it('refuses a query parameter given twice, of the wrong type or too long (400 invalid_parameter)', async () => {
      const bad = `abc${'x'.repeat(300)}`;
      let checked = 0;
      for (const op of OPERATIONS) {
        for (const parameter of parametersOf(op, 'query')) {
          checked++;
          const label = `${op.method} ${op.path} ?${parameter.name}`;
          refused(
            `${label} twice`,
            await call(op, pathWith(op), `?${parameter.name}=1&${parameter.name}=2`),
            parameter.name,
          );
          refused(
            `${label} malformed`,
            await call(op, pathWith(op), `?${parameter.name}=${bad}`),
            parameter.name,
          );
        }
      }
      expect(checked).toBeGreaterThan(25);
    });

    it('never answers 500 to a query it does not take (limit=abc given twice)', async () => {
      for (const op of OPERATIONS) {
        const response = await call(op, pathWith(op), '?limit=abc&limit=def');
        expect([op.method, op.path, response.statusCode < 500]).toEqual([op.method, op.path, true]);
      }
    });
  },
);
