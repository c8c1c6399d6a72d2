import type { Translation } from '../translation.js';
import type { ADVERTISER_TRANSACTION } from '../en/advertiser-transaction.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADVERTISER_TRANSACTION_NL: Translation<typeof ADVERTISER_TRANSACTION> = {
  'advertiserTransaction.all': 'alle',
  'advertiserTransaction.order': 'Bestelling',
  'advertiserTransaction.program': 'Programma',
  'advertiserTransaction.date': 'Datum',
  'advertiserTransaction.kind': 'Soort',
  'advertiserTransaction.status': 'Status',
  'advertiserTransaction.reason': 'Reden',
  'advertiserTransaction.validateBy': 'Valideren uiterlijk',
  'advertiserTransaction.declineReason': 'Reden van afwijzing',
  'advertiserTransaction.approveSelected': 'Geselecteerde goedkeuren',
  'advertiserTransaction.declineSelected': 'Geselecteerde afwijzen',
  'advertiserTransaction.validateByCsv': 'Valideren met CSV',
  'advertiserTransaction.csvFileOrdernumberDecisionReason':
    'CSV-bestand (orderNumber,decision,reason)',
  'advertiserTransaction.orPasteTheCsv': 'of plak de CSV',
  'advertiserTransaction.waitsForYou':
    '{count} open compliancemelding(en): niet beslist op de uiterste datum, wacht op jouw beslissing of jouw beoordeling onder Compliance',
  'advertiserTransaction.unsignedFields':
    'Gemeld via de pixel zonder volledige v05-controlesom: de uiterste datum keurt haar niet goed, ze wacht op jouw beslissing (NET-R6)',
  'advertiserTransaction.validate': 'Valideren',
  'advertiserTransaction.rowsDone': 'regels verwerkt',
  'advertiserTransaction.result': 'Resultaat',
  'advertiserTransaction.selectAtLeastOneTransaction': 'Selecteer minstens één transactie.',
  'advertiserTransaction.theFirstLineMustName':
    'De eerste regel moet de kolommen noemen: orderNumber,decision,reason',
  'advertiserTransaction.site': 'Site',
  'advertiserTransaction.ruleTitle':
    'De regel van het programma of het netwerk die hierover besliste',
  'advertiserTransaction.reasonPricedBy':
    'Commissie zoals de regel van het programma die vaststelt.',
  'advertiserTransaction.reasonPolicyReview':
    'Aangehouden voor een compliancecontrole: een melding over de klik van deze bestelling wacht op je beoordeling onder Compliance.',
  'advertiserTransaction.reasonReattributed':
    'Van deze bestelling afgehaald: de bestelling is aan een andere klik toegekend.',
  'advertiserTransaction.reasonDeclinedByYou': 'Door jou afgekeurd: {reason}.',
  'advertiserTransaction.reasonDeclined': 'Afgekeurd: {reason}.',
  'advertiserTransaction.reasonDeadlineDeclined':
    'Afgekeurd op de validatiedeadline: niemand besliste op tijd, en de voorwaarden van het programma keuren onbesliste bestellingen af.',
  'advertiserTransaction.disqualified':
    'Bestelling {order} levert niets op en kan dus niet worden goedgekeurd: {reasons}',
};
