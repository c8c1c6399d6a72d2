import type { Translation } from '../translation.js';
import type { ADMIN } from '../en/admin.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_NL: Translation<typeof ADMIN> = {
  'admin.claimsPastTheirDecisionDeadline': 'Bezwaren over hun beslistermijn',
  'admin.none': 'Geen.',
  'admin.validationsPastTheirDeadline': 'Validaties over hun termijn',
  'admin.program': 'Programma',
  'admin.order': 'Bestelling',
  'admin.publisher': 'Publisher',
  'admin.due': 'Uiterlijk',
  'admin.nothingOverdue': 'Niets over tijd.',
  'admin.openFlags': '{count} open compliancemelding(en): wacht op de adverteerder',
  'admin.advertiserInvoices': 'Facturen aan adverteerders',
  'admin.month': 'Maand',
  'admin.total': 'Totaal',
  'admin.status': 'Status',
  'admin.monthEndTheMonthEnd':
    'Maandafsluiting: de pagina Maandafsluiting, of affnet invoices, statements en payouts op de opdrachtregel.',
  'admin.emailTheNetworkSentOr':
    'E-mail die het netwerk verstuurde of bewaart (zonder SMTP_URL blijft elk bericht hier).',
};
