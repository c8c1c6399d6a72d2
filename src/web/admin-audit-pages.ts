import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { auditCsv } from '../services/audit-log.js';
import { html } from './html.js';
import { sendPage } from './respond.js';
import { notice } from './layout.js';
import { requireRole, webContext } from './web-context.js';
import { deadline } from './compliance-page-parts.js';

/**
 * The network admin's audit log, readable and exportable as CSV.
 */
export function registerAdminAuditPages(app: FastifyInstance, network: Network): void {
  app.get('/admin/audit', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const query = request.query as Record<string, string | undefined>;
    const rows = await network.complianceViews.audit({
      action: query.action,
      limit: query.format === 'csv' ? 100_000 : 500,
    });
    if (query.format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(rows));
    const overdue = await network.claims.overdue(network.now());
    const body = html`<h1>${context.l('Audit log', 'Auditlog')}</h1>
      ${overdue.length > 0 ? notice('warning', html`${context.l('Claims past their decision deadline (AE-E3)', 'Bezwaren over hun beslistermijn (AE-E3)')}: ${overdue.map((c) => html`<div>${c.id} · ${c.program_id} · ${deadline(c.decision_due_at)}</div>`)}`) : ''}
      <form method="get" class="card">
        <label
          >${context.l('Action starts with', 'Actie begint met')}
          <input name="action" value="${query.action ?? ''}" placeholder="enforcement."
        /></label>
        <button class="secondary">${context.l('Filter', 'Filter')}</button>
        <a
          href="/admin/audit?format=csv${query.action ? `&action=${encodeURIComponent(query.action)}` : ''}"
          >CSV</a
        >
      </form>
      <table>
        <thead>
          <tr>
            <th>${context.l('When', 'Wanneer')}</th>
            <th>${context.l('Who', 'Wie')}</th>
            <th>${context.l('What', 'Wat')}</th>
            <th>${context.l('Subject', 'Onderwerp')}</th>
            <th>${context.l('Details', 'Details')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td>${new Date(row.created_at).toISOString().slice(0, 19)}</td>
                <td class="mono">${row.actor}</td>
                <td>${row.action}</td>
                <td class="mono">${row.subject_type} ${row.subject_id ?? ''}</td>
                <td class="mono">${row.details}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, context.l('Audit log', 'Auditlog'), body);
  });
}
