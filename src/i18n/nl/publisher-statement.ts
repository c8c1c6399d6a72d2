import type { Translation } from '../translation.js';
import type { PUBLISHER_STATEMENT } from '../en/publisher-statement.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PUBLISHER_STATEMENT_NL: Translation<typeof PUBLISHER_STATEMENT> = {
  'publisherStatement.month': 'Maand',
  'publisherStatement.payable': 'Te betalen',
  'publisherStatement.pending': 'In behandeling',
  'publisherStatement.withheld': 'Opgeschort',
  'publisherStatement.deducted': 'Ingehouden',
  'publisherStatement.paidOut': 'Uitbetaald',
  'publisherStatement.payout': 'Uitbetaling',
  'publisherStatement.toBePaidOut': 'Nog uit te betalen',
  'publisherStatement.status': 'Status',
  'publisherStatement.noStatementsYetTheyAre':
    'Nog geen afrekeningen: die worden na elke maand gemaakt.',
  'publisherStatement.number': 'Afrekeningnummer',
  'publisherStatement.minimumPayout': 'Jouw minimale uitbetaling',
  'publisherStatement.carriedOverBelow':
    'Doorgeschoven: het saldo van {balance} ligt onder je minimale uitbetaling van {minimum}; het gaat mee naar je volgende afrekening.',
  'publisherStatement.carriedOverNegative':
    'Doorgeschoven: het saldo is {balance} na inhoudingen; het wordt verrekend met latere verdiensten.',
  'publisherStatement.carriedIn': 'Overgebracht',
  'publisherStatement.payableCommission': 'Te betalen commissie',
  'publisherStatement.deductedByEnforcement': 'Ingehouden (handhaving)',
  'publisherStatement.balance': 'Saldo',
  'publisherStatement.carriedOverBelowYourMinimum': 'Overgebracht (onder je minimale uitbetaling)',
  'publisherStatement.pendingNotValidatedOrAdvertiser':
    'In behandeling (nog niet gevalideerd, of de adverteerder heeft zijn factuur nog niet betaald)',
  'publisherStatement.withheldByEnforcement': 'Opgeschort (handhaving)',
  'publisherStatement.everyEuroOfIt': 'Elke euro ervan',
  'publisherStatement.order': 'Bestelling',
  'publisherStatement.date': 'Datum',
  'publisherStatement.kind': 'Soort',
  'publisherStatement.rule': 'Regel',
  'publisherStatement.deduction': 'Inhouding',
  'publisherStatement.netThisMonth': 'Netto deze maand (excl. btw)',
  'publisherStatement.vatRate': 'Btw {rate} %',
  'publisherStatement.vatReverseCharged': 'Btw (verlegd)',
  'publisherStatement.vatNotCharged': 'Btw (niet berekend)',
  'publisherStatement.invoice':
    'Factuurgegevens (factuur uitgereikt door afnemer: het netwerk maakt deze factuur namens jou)',
  'publisherStatement.supplier': 'Leverancier (jij)',
  'publisherStatement.recipient': 'Afnemer (het netwerk)',
  'publisherStatement.editInvoicing': 'Je factuurgegevens voor de volgende afrekeningen',
};
