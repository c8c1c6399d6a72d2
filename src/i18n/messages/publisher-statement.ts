import type { Messages } from '../catalogue.js';

/** What the publisher statement pages say, in English and Dutch. */
export const PUBLISHER_STATEMENT_MESSAGES = {
  'publisherStatement.month': ['Month', 'Maand'],
  'publisherStatement.payable': ['Payable', 'Te betalen'],
  'publisherStatement.pending': ['Pending', 'In behandeling'],
  'publisherStatement.withheld': ['Withheld', 'Opgeschort'],
  'publisherStatement.deducted': ['Deducted', 'Ingehouden'],
  'publisherStatement.paidOut': ['Paid out', 'Uitbetaald'],
  'publisherStatement.status': ['Status', 'Status'],
  'publisherStatement.noStatementsYetTheyAre': [
    'No statements yet: they are made after each month.',
    'Nog geen afrekeningen: die worden na elke maand gemaakt.',
  ],
  'publisherStatement.number': ['Statement no.', 'Afrekeningnummer'],
  'publisherStatement.minimumPayout': ['Your minimum payout', 'Jouw minimale uitbetaling'],
  'publisherStatement.carriedOverBelow': [
    'Carried over: the balance of {balance} is below your minimum payout of {minimum}; it moves to your next statement.',
    'Doorgeschoven: het saldo van {balance} ligt onder je minimale uitbetaling van {minimum}; het gaat mee naar je volgende afrekening.',
  ],
  'publisherStatement.carriedOverNegative': [
    'Carried over: the balance is {balance} after deductions; it is settled against later earnings.',
    'Doorgeschoven: het saldo is {balance} na inhoudingen; het wordt verrekend met latere verdiensten.',
  ],
  'publisherStatement.carriedIn': ['Carried in', 'Overgebracht'],
  'publisherStatement.payableCommission': ['Payable commission', 'Te betalen commissie'],
  'publisherStatement.deductedAeE1D': ['Deducted (AE-E1 d)', 'Ingehouden (AE-E1 d)'],
  'publisherStatement.balance': ['Balance', 'Saldo'],
  'publisherStatement.carriedOverBelowYourMinimum': [
    'Carried over (below your minimum payout)',
    'Overgebracht (onder je minimale uitbetaling)',
  ],
  'publisherStatement.pendingNotValidatedOrAdvertiser': [
    'Pending (not validated, or advertiser has not paid yet: no prepayment, AE-T5)',
    'In behandeling (niet gevalideerd, of adverteerder heeft nog niet betaald: geen prepayment, AE-T5)',
  ],
  'publisherStatement.withheldAeE1C': ['Withheld (AE-E1 c)', 'Opgeschort (AE-E1 c)'],
  'publisherStatement.everyEuroOfIt': ['Every euro of it', 'Elke euro ervan'],
  'publisherStatement.order': ['Order', 'Bestelling'],
  'publisherStatement.date': ['Date', 'Datum'],
  'publisherStatement.kind': ['Kind', 'Soort'],
  'publisherStatement.rule': ['Rule', 'Regel'],
  'publisherStatement.deduction': ['Deduction', 'Inhouding'],
  'publisherStatement.netThisMonth': ['Net this month (excl. VAT)', 'Netto deze maand (excl. btw)'],
  'publisherStatement.vatRate': ['VAT {rate} %', 'Btw {rate} %'],
  'publisherStatement.vatReverseCharged': ['VAT (reverse-charged)', 'Btw (verlegd)'],
  'publisherStatement.vatNotCharged': ['VAT (not charged)', 'Btw (niet berekend)'],
  'publisherStatement.invoice': [
    'Invoice details (self-billing: the network issues this invoice on your behalf)',
    'Factuurgegevens (factuur uitgereikt door afnemer: het netwerk maakt deze factuur namens jou)',
  ],
  'publisherStatement.supplier': ['Supplier (you)', 'Leverancier (jij)'],
  'publisherStatement.recipient': ['Recipient (the network)', 'Afnemer (het netwerk)'],
  'publisherStatement.editInvoicing': [
    'Your invoicing details for the next statements',
    'Je factuurgegevens voor de volgende afrekeningen',
  ],
} as const satisfies Messages;
