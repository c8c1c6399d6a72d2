import type { Messages } from '../catalogue.js';

/** What the publisher transaction pages say, in English and Dutch. */
export const PUBLISHER_TRANSACTION_MESSAGES = {
  'publisherTransaction.status': ['Status', 'Status'],
  'publisherTransaction.all': ['all', 'alle'],
  'publisherTransaction.from': ['From', 'Van'],
  'publisherTransaction.to': ['To', 'Tot en met'],
  'publisherTransaction.filter': ['Filter', 'Filter'],
  'publisherTransaction.order': ['Order', 'Bestelling'],
  'publisherTransaction.program': ['Program', 'Programma'],
  'publisherTransaction.date': ['Date', 'Datum'],
  'publisherTransaction.commission': ['Commission', 'Commissie'],
  'publisherTransaction.validationBy': ['Validation by', 'Validatie uiterlijk'],
  'publisherTransaction.noCommission': ['no commission', 'geen commissie'],
  'publisherTransaction.whenCompletionIsReported': [
    'when completion is reported',
    'zodra voltooiing is gemeld',
  ],
  'publisherTransaction.noTransactionsInThisSelection': [
    'No transactions in this selection.',
    'Geen transacties in deze selectie.',
  ],
  'publisherTransaction.statusInline': ['status', 'status'],
  'publisherTransaction.reportedAs': [
    'the advertiser reported the order as',
    'de adverteerder meldde de bestelling als',
  ],
  'publisherTransaction.lines': ['Lines', 'Regels'],
  'publisherTransaction.product': ['Product', 'Product'],
  'publisherTransaction.base': ['Base', 'Grondslag'],
  'publisherTransaction.rate': ['Rate', 'Percentage'],
  'publisherTransaction.why': ['Why', 'Waarom'],
  'publisherTransaction.rule': ['Rule', 'Regel'],
  'publisherTransaction.earnsCommission': ['Earns commission', 'Levert commissie op'],
  'publisherTransaction.baseUnitPriceQuantityDiscount': [
    'Base = unit price × quantity − discount (the service fee is never part of it, AE-C3). Line commissions are converted to EUR once per order at the ECB rate and capped per order (AE-C6).',
    'Grondslag = stukprijs × aantal − korting (de servicekosten tellen nooit mee, AE-C3). Regelcommissies worden per bestelling één keer omgerekend naar EUR tegen de ECB-koers en per bestelling gemaximeerd (AE-C6).',
  ],
  'publisherTransaction.kind': ['Kind', 'Soort'],
  'publisherTransaction.reason': ['Reason', 'Reden'],
  'publisherTransaction.newBuyerBonus': ['New-buyer bonus', 'Nieuwe-koperbonus'],
  'publisherTransaction.productCommission': ['Product commission', 'Productcommissie'],
  'publisherTransaction.theOrderCapAppliedAe': [
    'The order cap applied (AE-C6).',
    'Het maximum per bestelling is toegepast (AE-C6).',
  ],
} as const satisfies Messages;
