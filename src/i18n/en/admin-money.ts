/** What the admin money pages say, in English and Dutch. */
export const ADMIN_MONEY = {
  'adminMoney.monthEnd': 'Month end',
  'adminMoney.minimumPayout': 'Minimum payout (EUR)',
  'adminMoney.setMinimumPayout': 'Set',
  'adminMoney.minimumPayoutHelp':
    'New publishers start with it; publishers may raise theirs, never go below it.',
  'adminMoney.minimumPayoutSet':
    'Minimum payout {minimum}; {moved} publisher(s) on the previous minimum moved with it.',
  'adminMoney.advertiserInvoices': 'Advertiser invoices',
  'adminMoney.month': 'Month',
  'adminMoney.issueInvoices': 'Issue invoices',
  'adminMoney.program': 'Program',
  'adminMoney.commission': 'Commission',
  'adminMoney.fee': 'Fee',
  'adminMoney.total': 'Total',
  'adminMoney.status': 'Status',
  'adminMoney.markPaid': 'Mark paid',
  'adminMoney.publisherStatements': 'Publisher statements',
  'adminMoney.makeStatements': 'Make statements',
  'adminMoney.payable': 'Payable',
  'adminMoney.withheld': 'Withheld',
  'adminMoney.vat': 'VAT',
  'adminMoney.payout': 'Payout',
  'adminMoney.payoutRuns': 'Payout runs',
  'adminMoney.setPayoutDebtorNameAnd':
    'Set PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN (the account you pay from) to download SEPA files.',
  'adminMoney.executionDate': 'Execution date',
  'adminMoney.createPayoutRun': 'Create payout run',
  'adminMoney.run': 'Run',
  'adminMoney.execution': 'Execution',
  'adminMoney.payments': 'Payments',
} as const;
