import type { FastifyInstance } from 'fastify';
import { html } from '../web/html.js';
import { OPERATIONS, TRACKING_OPERATIONS, openApiDocument, type DocOperation } from './openapi.js';

/** `q&category&sort`: the query parameters of an operation. */
const queryOf = (op: DocOperation): string =>
  op.parameters
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => String(parameter.name))
    .join('&');

/** `email, password`: the fields of an inline JSON body. */
const fieldsOf = (op: DocOperation): string => {
  const content = op.requestBody?.content as
    Record<string, { schema: { properties?: Record<string, unknown> } }> | undefined;
  return Object.keys(content?.['application/json']?.schema.properties ?? {}).join(', ');
};

/** /api/openapi.json and a readable rendering of it at /api/docs (no JavaScript needed). */
export function registerApiDocs(app: FastifyInstance): void {
  const document = openApiDocument();
  app.get('/api/openapi.json', async () => document);
  const operations = [...OPERATIONS, ...TRACKING_OPERATIONS];
  const tags = [...new Set(operations.map((op) => op.tag))];
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>affnet API</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/portal.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">affnet</a>
          <nav><a href="/programs">Programs</a><a href="/api/openapi.json">openapi.json</a></nav>
        </header>
        <main>
          <h1>affnet API</h1>
          <p>
            Everything the portal does, as JSON. Authenticate with an advertiser API key (<code
              >Authorization: Bearer ak_…</code
            >) or a session token from <code>POST /api/v1/sessions</code>. Errors are
            <code>{ code, message, issues? }</code>. The machine-readable document is
            <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
          </p>
          ${tags.map(
            (tag) =>
              html`<h2>${tag}</h2>
                <table tabindex="0">
                  <thead>
                    <tr>
                      <th>Method</th>
                      <th>Path</th>
                      <th>What</th>
                      <th>Auth</th>
                      <th>Answers</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${operations
                      .filter((op) => op.tag === tag)
                      .map(
                        (op) =>
                          html`<tr id="${op.method}-${op.path}">
                            <td><code>${op.method.toUpperCase()}</code></td>
                            <td>
                              <code>${op.path}</code
                              >${queryOf(op) ? html`<div class="muted">?${queryOf(op)}</div>` : ''}${fieldsOf(op) ? html`<div class="muted">{ ${fieldsOf(op)} }</div>` : ''}
                            </td>
                            <td>${op.summary}</td>
                            <td>${op.auth}</td>
                            <td>
                              ${Object.entries(op.answers).map(([status, answer]) => html`<div><code>${status}</code> ${answer.description}</div>`)}
                            </td>
                          </tr>`,
                      )}
                  </tbody>
                </table>`,
          )}
        </main>
      </body>
    </html>`.text;
  app.get('/api/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
}
