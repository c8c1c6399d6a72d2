import type { Messages } from '../catalogue.js';

/** What the admin money pages say, in English and Dutch. */
export const ADMIN_MONEY_MESSAGES = {
  'adminMoney.monthEnd': ['Month end', 'Maandafsluiting'],
  'adminMoney.minimumPayout': ['Minimum payout (EUR)', 'Minimale uitbetaling (EUR)'],
  'adminMoney.setMinimumPayout': ['Set', 'Instellen'],
  'adminMoney.minimumPayoutHelp': [
    'New publishers start with it; publishers may raise theirs, never go below it.',
    'Nieuwe publishers beginnen ermee; publishers mogen het hunne verhogen, nooit eronder gaan.',
  ],
  'adminMoney.minimumPayoutSet': [
    'Minimum payout {minimum}; {moved} publisher(s) on the previous minimum moved with it.',
    'Minimale uitbetaling {minimum}; {moved} publisher(s) op het vorige minimum gingen mee.',
  ],
  'adminMoney.advertiserInvoices': ['Advertiser invoices', 'Facturen aan adverteerders'],
  'adminMoney.month': ['Month', 'Maand'],
  'adminMoney.issueInvoices': ['Issue invoices', 'Facturen maken'],
  'adminMoney.program': ['Program', 'Programma'],
  'adminMoney.commission': ['Commission', 'Commissie'],
  'adminMoney.fee': ['Fee', 'Fee'],
  'adminMoney.total': ['Total', 'Totaal'],
  'adminMoney.status': ['Status', 'Status'],
  'adminMoney.markPaid': ['Mark paid', 'Betaald'],
  'adminMoney.publisherStatements': ['Publisher statements', 'Afrekeningen aan publishers'],
  'adminMoney.makeStatements': ['Make statements', 'Afrekeningen maken'],
  'adminMoney.payable': ['Payable', 'Te betalen'],
  'adminMoney.withheld': ['Withheld', 'Opgeschort'],
  'adminMoney.vat': ['VAT', 'Btw'],
  'adminMoney.payout': ['Payout', 'Uitbetaling'],
  'adminMoney.payoutRuns': ['Payout runs', 'Uitbetalingsrondes'],
  'adminMoney.setPayoutDebtorNameAnd': [
    'Set PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN (the account you pay from) to download SEPA files.',
    'Stel PAYOUT_DEBTOR_NAME en PAYOUT_DEBTOR_IBAN in (de rekening waarvan je betaalt) om SEPA-bestanden te downloaden.',
  ],
  'adminMoney.executionDate': ['Execution date', 'Uitvoeringsdatum'],
  'adminMoney.createPayoutRun': ['Create payout run', 'Uitbetalingsronde maken'],
  'adminMoney.run': ['Run', 'Ronde'],
  'adminMoney.execution': ['Execution', 'Uitvoering'],
  'adminMoney.payments': ['Payments', 'Betalingen'],
} as const satisfies Messages;
