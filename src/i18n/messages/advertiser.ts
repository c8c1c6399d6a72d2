import type { Messages } from '../catalogue.js';

/** What the advertiser pages say, in English and Dutch. */
export const ADVERTISER_MESSAGES = {
  'advertiser.performance': ['The last {days} days', 'De laatste {days} dagen'],
  'advertiser.performanceChart': [
    'Clicks and commission per day, all your programs',
    'Kliks en commissie per dag, al je programma’s',
  ],
  'advertiser.revenueChart': [
    'Orders and revenue (order value) per day, all your programs',
    'Bestellingen en omzet (orderwaarde) per dag, al je programma’s',
  ],
  'advertiser.revenue': ['revenue', 'omzet'],
  'advertiser.revenueTitle': ['Revenue (order value)', 'Omzet (orderwaarde)'],
  'advertiser.orders': ['orders', 'bestellingen'],
  'advertiser.revenueIncomplete': [
    'Revenue leaves out programs whose orders come in several currencies.',
    'Omzet laat programma’s weg waarvan de bestellingen in meerdere valuta binnenkomen.',
  ],
  'advertiser.byPublisher': ['By publisher site', 'Per publisher-site'],
  'advertiser.site': ['Site (publisher)', 'Website (publisher)'],
  'advertiser.noTrafficYet': ['No clicks in this period yet.', 'Nog geen kliks in deze periode.'],
  'advertiser.applicationsWaiting': ['applications waiting', 'aanmeldingen wachten'],
  'advertiser.transactionsToValidate': ['transactions to validate', 'transacties te valideren'],
  'advertiser.programs': ['Programs', 'Programma’s'],
  'advertiser.invoices': ['Invoices', 'Facturen'],
  'advertiser.month': ['Month', 'Maand'],
  'advertiser.commission': ['Commission', 'Commissie'],
  'advertiser.networkFee': ['Network fee', 'Netwerkfee'],
  'advertiser.total': ['Total', 'Totaal'],
  'advertiser.status': ['Status', 'Status'],
  'advertiser.promotionMethods': ['Promotion methods', 'Promotiemethoden'],
  'advertiser.prohibitedContentDeclared': [
    'Prohibited content declared (AE-P6)',
    'Verboden inhoud opgegeven (AE-P6)',
  ],
  'advertiser.none': ['none', 'geen'],
  'advertiser.brandScreening': ['brand screening', 'merkcontrole'],
  'advertiser.writtenConsentRecorded': [
    'Written consent recorded',
    'Schriftelijke toestemming vastgelegd',
  ],
  'advertiser.recordWrittenConsent': [
    'Record written consent',
    'Leg schriftelijke toestemming vast',
  ],
  'advertiser.recordConsent': ['Record consent', 'Vastleggen'],
  'advertiser.decisionRecorded': ['Decision recorded: {status}.', 'Besluit vastgelegd: {status}.'],
  'advertiser.reason': ['Reason', 'Reden'],
  'advertiser.reasonRequiredToReject': [
    'Reason (required to reject)',
    'Reden (verplicht bij afwijzen)',
  ],
  'advertiser.approve': ['Approve', 'Goedkeuren'],
  'advertiser.reject': ['Reject', 'Afwijzen'],
  'advertiser.noApplicationsYet': ['No applications yet.', 'Nog geen aanmeldingen.'],
} as const satisfies Messages;
