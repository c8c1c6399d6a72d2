import type { Translation } from '../translation.js';
import type { ADMIN_AUDIT } from '../en/admin-audit.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_AUDIT_NL: Translation<typeof ADMIN_AUDIT> = {
  'adminAudit.auditLog': 'Auditlog',
  'adminAudit.claimsPastTheirDecisionDeadline': 'Bezwaren over hun beslistermijn',
  'adminAudit.actionStartsWith': 'Actie begint met',
  'adminAudit.filter': 'Filter',
  'adminAudit.when': 'Wanneer',
  'adminAudit.who': 'Wie',
  'adminAudit.what': 'Wat',
  'adminAudit.subject': 'Onderwerp',
  'adminAudit.details': 'Details',
};
