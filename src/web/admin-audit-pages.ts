import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { auditCsv } from '../services/audit-log.js';
import { html } from './html.js';
import { sendPage } from './respond.js';
import { notice } from './layout.js';
import { requireRole, webContext } from './web-context.js';
import { calendarOf, deadline } from './compliance-page-parts.js';
import { z } from 'zod';
import { parseQuery } from './form-input.js';

/** The audit log's filter, and `format=csv` for the file. */
const AUDIT_QUERY = z.object({ action: z.string().optional(), format: z.string().optional() });

/**
 * The network admin's audit log, readable and exportable as CSV.
 */
export function registerAdminAuditPages(app: FastifyInstance, network: Network): void {
  app.get('/admin/audit', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const query = parseQuery(AUDIT_QUERY, request);
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
    const body = html`<h1>${context.t('adminAudit.auditLog')}</h1>
      ${overdue.length > 0 ? notice('warning', html`${context.t('adminAudit.claimsPastTheirDecisionDeadline')}: ${overdue.map((c) => html`<div>${c.id} · ${c.programId} · ${deadline(c.decisionDueAt, calendarOf(network, c.programId))}</div>`)}`) : ''}
      <form method="get" class="card">
        <label
          >${context.t('adminAudit.actionStartsWith')}
          <input name="action" value="${query.action ?? ''}" placeholder="enforcement."
        /></label>
        <button class="secondary">${context.t('adminAudit.filter')}</button>
        <a
          href="/admin/audit?format=csv${query.action ? `&action=${encodeURIComponent(query.action)}` : ''}"
          >CSV</a
        >
      </form>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('adminAudit.when')}</th>
            <th>${context.t('adminAudit.who')}</th>
            <th>${context.t('adminAudit.what')}</th>
            <th>${context.t('adminAudit.subject')}</th>
            <th>${context.t('adminAudit.details')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td>${new Date(row.at).toISOString().slice(0, 19)}</td>
                <td class="mono">${row.actor}</td>
                <td class="mono">${row.action}</td>
                <td class="mono">${row.subjectType} ${row.subjectId ?? ''}</td>
                <td class="mono">${row.details}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, context.t('adminAudit.auditLog'), body);
  });
}
