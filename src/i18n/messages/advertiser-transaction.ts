import type { Messages } from '../catalogue.js';

/** What the advertiser transaction pages say, in English and Dutch. */
export const ADVERTISER_TRANSACTION_MESSAGES = {
  'advertiserTransaction.all': ['all', 'alle'],
  'advertiserTransaction.order': ['Order', 'Bestelling'],
  'advertiserTransaction.program': ['Program', 'Programma'],
  'advertiserTransaction.date': ['Date', 'Datum'],
  'advertiserTransaction.kind': ['Kind', 'Soort'],
  'advertiserTransaction.status': ['Status', 'Status'],
  'advertiserTransaction.reason': ['Reason', 'Reden'],
  'advertiserTransaction.validateBy': ['Validate by', 'Valideren uiterlijk'],
  'advertiserTransaction.declineReason': ['Decline reason', 'Reden van afwijzing'],
  'advertiserTransaction.approveSelected': ['Approve selected', 'Geselecteerde goedkeuren'],
  'advertiserTransaction.declineSelected': ['Decline selected', 'Geselecteerde afwijzen'],
  'advertiserTransaction.validateByCsv': ['Validate by CSV', 'Valideren met CSV'],
  'advertiserTransaction.csvFileOrdernumberDecisionReason': [
    'CSV file (orderNumber,decision,reason)',
    'CSV-bestand (orderNumber,decision,reason)',
  ],
  'advertiserTransaction.orPasteTheCsv': ['or paste the CSV', 'of plak de CSV'],
  'advertiserTransaction.waitsForYou': [
    '{count} open compliance flag(s): not decided at the deadline, waits for your decision or your review under Compliance',
    '{count} open compliancemelding(en): niet beslist op de uiterste datum, wacht op uw beslissing of uw beoordeling onder Compliance',
  ],
  'advertiserTransaction.unsignedFields': [
    'Reported by pixel without a v05 full checksum: the deadline does not approve it, it waits for your decision (NET-R6)',
    'Gemeld via de pixel zonder volledige v05-controlesom: de uiterste datum keurt haar niet goed, ze wacht op uw beslissing (NET-R6)',
  ],
  'advertiserTransaction.validate': ['Validate', 'Valideren'],
  'advertiserTransaction.rowsDone': ['rows done', 'regels verwerkt'],
  'advertiserTransaction.result': ['Result', 'Resultaat'],
  'advertiserTransaction.selectAtLeastOneTransaction': [
    'Select at least one transaction.',
    'Selecteer minstens één transactie.',
  ],
  'advertiserTransaction.theFirstLineMustName': [
    'The first line must name the columns: orderNumber,decision,reason',
    'De eerste regel moet de kolommen noemen: orderNumber,decision,reason',
  ],
} as const satisfies Messages;
