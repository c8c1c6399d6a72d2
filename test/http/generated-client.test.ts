import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/http/openapi.js';

/**
 * An integrator generates a client from our API document (openapi-typescript, as real
 * integrations do) and writes an order request and reads the answer against it: the document
 * must describe the order well enough for that to compile, and a wrong order must not.
 */
describe('a client generated from the API document', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'affnet-client-'));
    const ast = await openapiTS(openApiDocument() as never);
    await writeFile(join(dir, 'api.ts'), astToString(ast));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const compile = async (source: string) => {
    const file = join(dir, `use-${Math.random().toString(36).slice(2)}.ts`);
    await writeFile(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  const PRELUDE = `import type { paths } from './api.js';
type Orders = paths['/api/v1/programs/{programId}/orders']['post'];
type OrderRequest = Orders['requestBody']['content']['application/json'];
type Created = Orders['responses'][201]['content']['application/json'];
type Change = paths['/api/v1/programs/{programId}/orders/{orderNumber}']['patch']['requestBody']['content']['application/json'];
`;

  it('compiles a real order request and reads its quote and attribution', async () => {
    const errors = await compile(`${PRELUDE}
const order: OrderRequest = {
  orderNumber: 'AE-10001',
  placedAt: '2026-10-05T14:03:00Z',
  currency: 'USD',
  status: 'completed',
  clickId: 'clk_abc.def',
  buyer: { country: 'NL', newBuyer: true },
  vouchers: ['NEWUSER5'],
  items: [{ sku: '1005001234', name: 'USB-C cable', category: 'consumer-electronics',
    unitPrice: '12.50', quantity: 2, discount: '1.00', serviceFee: '2.00', sellerCountry: 'CN',
    store: 'aliexpress', virtual: false, inStock: true, status: 'completed' }],
};
const refund: Change = { items: [{ index: 0, status: 'refunded' }] };
declare const created: Created;
const total: string | null = created.quote.total;
const outcome: 'created' | 'updated' | 'unchanged' = created.outcome;
const site: string | null = created.attribution.siteId;
const rule: string | undefined = created.quote.lines[0]?.rule;
export { order, refund, total, outcome, site, rule };
`);
    expect(errors).toEqual([]);
  });

  it('compiles a validation batch and reads the results, transactions and a report', async () => {
    const errors = await compile(`import type { paths } from './api.js';
type Batch = paths['/api/v1/programs/{programId}/validations']['post'];
const body: Batch['requestBody']['content']['application/json'] = {
  validations: [{ orderNumber: 'AE-1', decision: 'approve' }, { orderNumber: 'AE-2', decision: 'decline', reason: 'returned' }],
};
declare const results: Batch['responses'][200]['content']['application/json'];
const refused: number = results.summary.refused;
const firstOk: boolean | undefined = results.results[0]?.ok;
declare const transactions: paths['/api/v1/programs/{programId}/transactions']['get']['responses'][200]['content']['application/json'];
const due: string | null | undefined = transactions.transactions[0]?.validationDueAt;
declare const report: paths['/api/v1/reports']['get']['responses'][200]['content']['application/json'];
const epc: string | null | undefined = report.rows[0]?.epc;
declare const session: paths['/api/v1/sessions']['post']['responses'][201]['content']['application/json'];
const token: string = session.token;
export { body, refused, firstOk, due, epc, token };
`);
    expect(errors).toEqual([]);
  });

  it('refuses to compile an order the API would refuse', async () => {
    const errors = await compile(`${PRELUDE}
const order: OrderRequest = {
  orderNumber: 'AE-10002',
  placedAt: '2026-10-05T14:03:00Z',
  currency: 'USD',
  status: 'shipped',
  items: [{ sku: '1', category: 'x', unitPrice: '1.00', quantity: 'two', sellerCountry: 'CN', store: 'amazon' }],
};
export { order };
`);
    expect(errors.join('\n')).toMatch(/shipped/);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it('gives every operation an id and its refusals', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { operationId?: string; responses: object }>>;
    };
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) expect(Object.keys(op.responses)).toContain('503');
  });

  it('types every success answer and every request body', () => {
    const document = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
            responses: Record<string, { content?: Record<string, { schema: object }> }>;
          }
        >
      >;
    };
    const untyped: string[] = [];
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(op.responses))
          if (/^2/.test(status) && status !== '204' && answer.content === undefined)
            untyped.push(`${method} ${path} ${status}`);
        const body = op.requestBody?.content['application/json']?.schema;
        if (body && !body.$ref && !body.properties) untyped.push(`${method} ${path} body`);
      }
    expect(untyped).toEqual([]);
  });
});

describe('the committed API document', () => {
  it('is the document the server serves (npm run openapi regenerates it)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { packageRoot } = await import('../../src/package-root.js');
    const committed = JSON.parse(
      await readFile(join(packageRoot(), 'docs', 'openapi.json'), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(openApiDocument());
  });
});
