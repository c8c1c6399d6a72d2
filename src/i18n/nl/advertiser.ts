import type { Translation } from '../translation.js';
import type { ADVERTISER } from '../en/advertiser.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADVERTISER_NL: Translation<typeof ADVERTISER> = {
  'advertiser.performance': 'De laatste {days} dagen',
  'advertiser.performanceChart': 'Kliks en commissie per dag, al je programma’s',
  'advertiser.revenueChart': 'Bestellingen en omzet (orderwaarde) per dag, al je programma’s',
  'advertiser.revenue': 'omzet',
  'advertiser.revenueTitle': 'Omzet (orderwaarde)',
  'advertiser.orders': 'bestellingen',
  'advertiser.revenueIncomplete':
    'Omzet laat programma’s weg waarvan de bestellingen in meerdere valuta binnenkomen.',
  'advertiser.byPublisher': 'Per publisher-site',
  'advertiser.site': 'Website (publisher)',
  'advertiser.noTrafficYet': 'Nog geen kliks in deze periode.',
  'advertiser.applicationsWaiting': 'aanmeldingen wachten',
  'advertiser.transactionsToValidate': 'transacties te valideren',
  'advertiser.programs': 'Programma’s',
  'advertiser.invoices': 'Facturen',
  'advertiser.month': 'Maand',
  'advertiser.commission': 'Commissie',
  'advertiser.networkFee': 'Netwerkfee',
  'advertiser.total': 'Totaal',
  'advertiser.status': 'Status',
  'advertiser.promotionMethods': 'Promotiemethoden',
  'advertiser.prohibitedContentDeclared': 'Verboden inhoud opgegeven (AE-P6)',
  'advertiser.none': 'geen',
  'advertiser.brandScreening': 'merkcontrole',
  'advertiser.writtenConsentRecorded': 'Schriftelijke toestemming vastgelegd',
  'advertiser.recordWrittenConsent': 'Leg schriftelijke toestemming vast',
  'advertiser.recordConsent': 'Vastleggen',
  'advertiser.decisionRecorded': 'Besluit vastgelegd: {status}.',
  'advertiser.reason': 'Reden',
  'advertiser.reasonRequiredToReject': 'Reden (verplicht bij afwijzen)',
  'advertiser.approve': 'Goedkeuren',
  'advertiser.reject': 'Afwijzen',
  'advertiser.noApplicationsYet': 'Nog geen aanmeldingen.',
};
