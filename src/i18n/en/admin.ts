/** What the admin pages say, in English and Dutch. */
export const ADMIN = {
  'admin.claimsPastTheirDecisionDeadline': 'Claims past their decision deadline',
  'admin.none': 'None.',
  'admin.validationsPastTheirDeadline': 'Validations past their deadline',
  'admin.program': 'Program',
  'admin.order': 'Order',
  'admin.publisher': 'Publisher',
  'admin.due': 'Due',
  'admin.nothingOverdue': 'Nothing overdue.',
  'admin.openFlags': '{count} open compliance flag(s): waits for the advertiser',
  'admin.advertiserInvoices': 'Advertiser invoices',
  'admin.month': 'Month',
  'admin.total': 'Total',
  'admin.status': 'Status',
  'admin.monthEndTheMonthEnd':
    'Month end: the Month end page, or affnet invoices, statements and payouts from the command line.',
  'admin.emailTheNetworkSentOr':
    'Email the network sent or keeps (without SMTP_URL every message stays here).',
} as const;
