import type { Translation } from '../translation.js';
import type { ADMIN_MONEY } from '../en/admin-money.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_MONEY_NL: Translation<typeof ADMIN_MONEY> = {
  'adminMoney.monthEnd': 'Maandafsluiting',
  'adminMoney.minimumPayout': 'Minimale uitbetaling (EUR)',
  'adminMoney.setMinimumPayout': 'Instellen',
  'adminMoney.minimumPayoutHelp':
    'Nieuwe publishers beginnen ermee; publishers mogen het hunne verhogen, nooit eronder gaan.',
  'adminMoney.minimumPayoutSet':
    'Minimale uitbetaling {minimum}; {moved} publisher(s) op het vorige minimum gingen mee.',
  'adminMoney.advertiserInvoices': 'Facturen aan adverteerders',
  'adminMoney.month': 'Maand',
  'adminMoney.issueInvoices': 'Facturen maken',
  'adminMoney.program': 'Programma',
  'adminMoney.commission': 'Commissie',
  'adminMoney.fee': 'Netwerkvergoeding',
  'adminMoney.total': 'Totaal',
  'adminMoney.status': 'Status',
  'adminMoney.markPaid': 'Betaald',
  'adminMoney.publisherStatements': 'Afrekeningen aan publishers',
  'adminMoney.makeStatements': 'Afrekeningen maken',
  'adminMoney.payable': 'Te betalen',
  'adminMoney.withheld': 'Opgeschort',
  'adminMoney.vat': 'Btw',
  'adminMoney.payout': 'Uitbetaling',
  'adminMoney.payoutRuns': 'Uitbetalingsrondes',
  'adminMoney.setPayoutDebtorNameAnd':
    'Stel PAYOUT_DEBTOR_NAME en PAYOUT_DEBTOR_IBAN in (de rekening waarvan je betaalt) om SEPA-bestanden te downloaden.',
  'adminMoney.executionDate': 'Uitvoeringsdatum',
  'adminMoney.createPayoutRun': 'Uitbetalingsronde maken',
  'adminMoney.run': 'Ronde',
  'adminMoney.execution': 'Uitvoering',
  'adminMoney.payments': 'Betalingen',
};
