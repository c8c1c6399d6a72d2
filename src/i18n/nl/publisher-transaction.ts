import type { Translation } from '../translation.js';
import type { PUBLISHER_TRANSACTION } from '../en/publisher-transaction.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PUBLISHER_TRANSACTION_NL: Translation<typeof PUBLISHER_TRANSACTION> = {
  'publisherTransaction.status': 'Status',
  'publisherTransaction.all': 'alle',
  'publisherTransaction.from': 'Van',
  'publisherTransaction.to': 'Tot en met',
  'publisherTransaction.filter': 'Filter',
  'publisherTransaction.order': 'Bestelling',
  'publisherTransaction.program': 'Programma',
  'publisherTransaction.site': 'Site',
  'publisherTransaction.allSites': 'alle sites',
  'publisherTransaction.byVoucher': 'kortingscode',
  'publisherTransaction.byVoucherTitle':
    'Toegekend op een kortingscode die alleen voor deze site geldt, niet op een klik',
  'publisherTransaction.date': 'Datum',
  'publisherTransaction.commission': 'Commissie',
  'publisherTransaction.validationBy': 'Validatie uiterlijk',
  'publisherTransaction.noCommission': 'geen commissie',
  'publisherTransaction.whenCompletionIsReported': 'zodra voltooiing is gemeld',
  'publisherTransaction.noTransactionsInThisSelection': 'Geen transacties in deze selectie.',
  'publisherTransaction.statusInline': 'status',
  'publisherTransaction.reportedAs': 'de adverteerder meldde de bestelling als',
  'publisherTransaction.lines': 'Regels',
  'publisherTransaction.product': 'Product',
  'publisherTransaction.base': 'Grondslag',
  'publisherTransaction.rate': 'Percentage',
  'publisherTransaction.why': 'Waarom',
  'publisherTransaction.rule': 'Regel',
  'publisherTransaction.earnsCommission': 'Levert commissie op',
  'publisherTransaction.baseUnitPriceQuantityDiscount':
    'Grondslag = stukprijs × aantal − korting (servicekosten tellen nooit mee). Regelcommissies worden per bestelling één keer omgerekend naar EUR tegen de ECB-koers, en per bestelling gemaximeerd waar de voorwaarden van het programma een maximum stellen.',
  'publisherTransaction.kind': 'Soort',
  'publisherTransaction.reason': 'Reden',
  'publisherTransaction.newBuyerBonus': 'Nieuwe-koperbonus',
  'publisherTransaction.productCommission': 'Productcommissie',
  'publisherTransaction.orderCapApplied':
    'Het maximum per bestelling van het programma is toegepast.',
};
