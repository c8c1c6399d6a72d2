import type { Translation } from '../translation.js';
import type { PUBLISHER } from '../en/publisher.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PUBLISHER_NL: Translation<typeof PUBLISHER> = {
  'publisher.from': 'Van',
  'publisher.to': 'Tot en met',
  'publisher.show': 'Toon',
  'publisher.clicks': 'Klikken',
  'publisher.orders': 'Bestellingen',
  'publisher.commission': 'Commissie',
  'publisher.conversionRate': 'Conversieratio',
  'publisher.minimumPayout': 'Minimale uitbetaling',
  'publisher.minimumPayoutText':
    'Een afrekening betaalt je saldo uit zodra het {minimum} bereikt; een kleiner saldo gaat mee naar de volgende maand. Het netwerk betaalt uit vanaf {network}; je mag een hoger bedrag kiezen.',
  'publisher.minimumPayoutNew': 'Jouw minimum (EUR)',
  'publisher.minimumPayoutSave': 'Opslaan',
  'publisher.minimumPayoutSaved':
    'Opgeslagen: je volgende afrekeningen betalen uit vanaf dit bedrag.',
  'publisher.epcEarningsPerClick': 'EPC (verdienste per klik)',
  'publisher.clicksAndCommissionPerDay': 'Klikken en commissie per dag',
  'publisher.clicksLegend': 'klikken',
  'publisher.commissionLegend': 'commissie',
  'publisher.perSubIdEpi': 'Per sub-id (epi)',
  'publisher.clicksAndCommissionPerSub': 'Klikken en commissie per sub-id',
  'publisher.conversion': 'Conversie',
  'publisher.yourMoney': 'Je geld',
  'publisher.pendingValidation': 'Wacht op validatie',
  'publisher.approvedNotYetPaid': 'Goedgekeurd, nog niet betaald',
  'publisher.held': 'Aangehouden',
  'publisher.paidOut': 'Uitbetaald',
  'publisher.deducted': 'Ingehouden',
  'publisher.adjustedAfterPayout': 'Gecorrigeerd na uitbetaling',
  'publisher.yourLink': 'Je link',
  'publisher.linkBuilder': 'Linkbouwer',
  'publisher.noApprovedProgramYetApply': 'Nog geen goedgekeurd programma: meld je eerst aan.',
  'publisher.programAndSite': 'Programma en site',
  'publisher.ad': 'Advertentie',
  'publisher.yourSubIdEG': 'je sub-id, bijv. nieuwsbrief',
  'publisher.deeplink': 'Deeplink (optioneel)',
  'publisher.deeplinkHint':
    'een pagina van de winkel, bijv. https://winkel.example/product; leeg: de landingspagina',
  'publisher.buildLink': 'Maak link',
};
