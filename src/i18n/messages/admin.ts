import type { Messages } from '../catalogue.js';

/** What the admin pages say, in English and Dutch. */
export const ADMIN_MESSAGES = {
  'admin.claimsPastTheirDecisionDeadline': [
    'Claims past their decision deadline (AE-E3)',
    'Bezwaren over hun beslistermijn (AE-E3)',
  ],
  'admin.none': ['None.', 'Geen.'],
  'admin.validationsPastTheirDeadline': [
    'Validations past their deadline',
    'Validaties over hun termijn',
  ],
  'admin.program': ['Program', 'Programma'],
  'admin.order': ['Order', 'Bestelling'],
  'admin.publisher': ['Publisher', 'Publisher'],
  'admin.due': ['Due', 'Uiterlijk'],
  'admin.nothingOverdue': ['Nothing overdue.', 'Niets over tijd.'],
  'admin.openFlags': [
    '{count} open compliance flag(s): waits for the advertiser',
    '{count} open compliancemelding(en): wacht op de adverteerder',
  ],
  'admin.advertiserInvoices': ['Advertiser invoices', 'Facturen aan adverteerders'],
  'admin.month': ['Month', 'Maand'],
  'admin.total': ['Total', 'Totaal'],
  'admin.status': ['Status', 'Status'],
  'admin.monthEndTheMonthEnd': [
    'Month end: the Month end page, or affnet invoices, statements and payouts from the command line.',
    'Maandafsluiting: de pagina Maandafsluiting, of affnet invoices, statements en payouts op de opdrachtregel.',
  ],
  'admin.emailTheNetworkSentOr': [
    'Email the network sent or keeps (without SMTP_URL every message stays here).',
    'E-mail die het netwerk verstuurde of bewaart (zonder SMTP_URL blijft elk bericht hier).',
  ],
} as const satisfies Messages;
