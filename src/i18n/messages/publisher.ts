import type { Messages } from '../catalogue.js';

/** What the publisher pages say, in English and Dutch. */
export const PUBLISHER_MESSAGES = {
  'publisher.from': ['From', 'Van'],
  'publisher.to': ['To', 'Tot en met'],
  'publisher.show': ['Show', 'Toon'],
  'publisher.clicks': ['Clicks', 'Klikken'],
  'publisher.orders': ['Orders', 'Bestellingen'],
  'publisher.commission': ['Commission', 'Commissie'],
  'publisher.conversionRate': ['Conversion rate', 'Conversieratio'],
  'publisher.minimumPayout': ['Minimum payout', 'Minimale uitbetaling'],
  'publisher.minimumPayoutText': [
    'A statement pays your balance once it reaches {minimum}; a smaller balance is carried over to the next month. The network pays from {network}; you may choose a higher amount.',
    'Een afrekening betaalt je saldo uit zodra het {minimum} bereikt; een kleiner saldo gaat mee naar de volgende maand. Het netwerk betaalt uit vanaf {network}; je mag een hoger bedrag kiezen.',
  ],
  'publisher.minimumPayoutNew': ['Your minimum (EUR)', 'Jouw minimum (EUR)'],
  'publisher.minimumPayoutSave': ['Save', 'Opslaan'],
  'publisher.minimumPayoutSaved': [
    'Saved: your next statements pay out from this amount.',
    'Opgeslagen: je volgende afrekeningen betalen uit vanaf dit bedrag.',
  ],
  'publisher.epcEarningsPerClick': ['EPC (earnings per click)', 'EPC (verdienste per klik)'],
  'publisher.clicksAndCommissionPerDay': [
    'Clicks and commission per day',
    'Klikken en commissie per dag',
  ],
  'publisher.clicksLegend': ['clicks', 'klikken'],
  'publisher.commissionLegend': ['commission', 'commissie'],
  'publisher.perSubIdEpi': ['Per sub id (epi)', 'Per sub-id (epi)'],
  'publisher.clicksAndCommissionPerSub': [
    'Clicks and commission per sub id',
    'Klikken en commissie per sub-id',
  ],
  'publisher.conversion': ['Conversion', 'Conversie'],
  'publisher.yourMoney': ['Your money', 'Je geld'],
  'publisher.pendingValidation': ['Pending validation', 'Wacht op validatie'],
  'publisher.approvedNotYetPaid': ['Approved, not yet paid', 'Goedgekeurd, nog niet betaald'],
  'publisher.held': ['Held', 'Aangehouden'],
  'publisher.paidOut': ['Paid out', 'Uitbetaald'],
  'publisher.deducted': ['Deducted', 'Ingehouden'],
  'publisher.adjustedAfterPayout': ['Adjusted after payout', 'Gecorrigeerd na uitbetaling'],
  'publisher.yourLink': ['Your link', 'Je link'],
  'publisher.linkBuilder': ['Link builder', 'Linkbouwer'],
  'publisher.noApprovedProgramYetApply': [
    'No approved program yet: apply first.',
    'Nog geen goedgekeurd programma: meld je eerst aan.',
  ],
  'publisher.programAndSite': ['Program and site', 'Programma en site'],
  'publisher.ad': ['Ad', 'Advertentie'],
  'publisher.yourSubIdEG': ['your sub id, e.g. newsletter', 'je sub-id, bijv. nieuwsbrief'],
  'publisher.buildLink': ['Build link', 'Maak link'],
} as const satisfies Messages;
