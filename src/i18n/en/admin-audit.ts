/** What the admin audit pages say, in English and Dutch. */
export const ADMIN_AUDIT = {
  'adminAudit.auditLog': 'Audit log',
  'adminAudit.claimsPastTheirDecisionDeadline': 'Claims past their decision deadline',
  'adminAudit.actionStartsWith': 'Action starts with',
  'adminAudit.filter': 'Filter',
  'adminAudit.when': 'When',
  'adminAudit.who': 'Who',
  'adminAudit.what': 'What',
  'adminAudit.subject': 'Subject',
  'adminAudit.details': 'Details',
} as const;
