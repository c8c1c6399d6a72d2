import type { Messages } from '../catalogue.js';

/** What the admin audit pages say, in English and Dutch. */
export const ADMIN_AUDIT_MESSAGES = {
  'adminAudit.auditLog': ['Audit log', 'Auditlog'],
  'adminAudit.claimsPastTheirDecisionDeadline': [
    'Claims past their decision deadline (AE-E3)',
    'Bezwaren over hun beslistermijn (AE-E3)',
  ],
  'adminAudit.actionStartsWith': ['Action starts with', 'Actie begint met'],
  'adminAudit.filter': ['Filter', 'Filter'],
  'adminAudit.when': ['When', 'Wanneer'],
  'adminAudit.who': ['Who', 'Wie'],
  'adminAudit.what': ['What', 'Wat'],
  'adminAudit.subject': ['Subject', 'Onderwerp'],
  'adminAudit.details': ['Details', 'Details'],
} as const satisfies Messages;
