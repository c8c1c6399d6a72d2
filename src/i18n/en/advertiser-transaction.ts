/** What the advertiser transaction pages say, in English and Dutch. */
export const ADVERTISER_TRANSACTION = {
  'advertiserTransaction.all': 'all',
  'advertiserTransaction.order': 'Order',
  'advertiserTransaction.program': 'Program',
  'advertiserTransaction.date': 'Date',
  'advertiserTransaction.kind': 'Kind',
  'advertiserTransaction.status': 'Status',
  'advertiserTransaction.reason': 'Reason',
  'advertiserTransaction.validateBy': 'Validate by',
  'advertiserTransaction.declineReason': 'Decline reason',
  'advertiserTransaction.approveSelected': 'Approve selected',
  'advertiserTransaction.declineSelected': 'Decline selected',
  'advertiserTransaction.validateByCsv': 'Validate by CSV',
  'advertiserTransaction.csvFileOrdernumberDecisionReason':
    'CSV file (orderNumber,decision,reason)',
  'advertiserTransaction.orPasteTheCsv': 'or paste the CSV',
  'advertiserTransaction.waitsForYou':
    '{count} open compliance flag(s): not decided at the deadline, waits for your decision or your review under Compliance',
  'advertiserTransaction.unsignedFields':
    'Reported by pixel without a v05 full checksum: the deadline does not approve it, it waits for your decision (NET-R6)',
  'advertiserTransaction.validate': 'Validate',
  'advertiserTransaction.rowsDone': 'rows done',
  'advertiserTransaction.result': 'Result',
  'advertiserTransaction.selectAtLeastOneTransaction': 'Select at least one transaction.',
  'advertiserTransaction.theFirstLineMustName':
    'The first line must name the columns: orderNumber,decision,reason',
  'advertiserTransaction.site': 'Site',
  'advertiserTransaction.ruleTitle': 'The rule of the program or the network that decided this',
  'advertiserTransaction.reasonPricedBy': 'Commission as the program’s rule sets it.',
  'advertiserTransaction.reasonPolicyReview':
    'Held for a compliance review: a flag on this order’s click waits for your review under Compliance.',
  'advertiserTransaction.reasonReattributed':
    'Taken off this order: the order was credited to another click.',
  'advertiserTransaction.reasonDeclinedByYou': 'You declined it: {reason}.',
  'advertiserTransaction.reasonDeclined': 'Declined: {reason}.',
  'advertiserTransaction.reasonDeadlineDeclined':
    'Declined at the validation deadline: nobody decided it in time, and the program’s terms decline undecided orders.',
  'advertiserTransaction.disqualified':
    'Order {order} earns nothing, so it cannot be approved: {reasons}',
} as const;
