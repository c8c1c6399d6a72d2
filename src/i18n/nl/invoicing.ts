import type { Translation } from '../translation.js';
import type { INVOICING } from '../en/invoicing.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const INVOICING_NL: Translation<typeof INVOICING> = {
  'invoicing.title': 'Factuurgegevens',
  'invoice.credited': 'Gecrediteerd',
  'invoice.creditedAmounts': '{commission} + netwerkvergoeding {fee}',
  'invoicing.legalName': 'Statutaire naam',
  'invoicing.street': 'Straat en huisnummer',
  'invoicing.postalCode': 'Postcode',
  'invoicing.city': 'Plaats',
  'invoicing.country': 'Land (NL, BE, DE …)',
  'invoicing.vatNumber': 'Btw-nummer',
  'invoicing.vatNumberOptional': '(leeg laten als je particulier bent)',
  'invoicing.cocNumber': 'KvK-nummer',
  'invoicing.save': 'Factuurgegevens opslaan',
  'invoicing.saved': 'Factuurgegevens opgeslagen.',
  'invoicing.publisherIntro':
    'Je maandelijkse afrekening is jouw factuur aan het netwerk (factuur uitgereikt door afnemer): het netwerk maakt hem met deze gegevens. Een onderneming (btw-nummer) in het land van het netwerk krijgt de btw van dat land bovenop de commissie; een onderneming elders krijgt btw verlegd; een particulier (geen btw-nummer) wordt zonder btw betaald. Wijzigingen gelden voor afrekeningen die vanaf nu worden gemaakt.',
  'invoicing.publisherMissing':
    'Je factuurgegevens zijn niet compleet: vul je adres in voordat de volgende afrekening wordt gemaakt.',
  'invoicing.networkIntro':
    'Afrekeningen zijn facturen uitgereikt door afnemer en noemen het netwerk: ze worden pas gemaakt als deze gegevens zijn ingevuld.',
  'invoicing.nowDomestic':
    'Je afrekeningen nu: {rate} % btw komt bovenop je commissie en wordt meebetaald.',
  'invoicing.nowReverseCharge':
    'Je afrekeningen nu: btw verlegd (het netwerk draagt hem af); er komt geen btw bij.',
  'invoicing.nowNotABusiness':
    'Je afrekeningen nu: geen btw (gefactureerd als particulier, zonder btw-nummer).',
  'invoicing.vatToVerify':
    'Te verifiëren btw-nummers (VIES of papieren): afrekeningen met btw worden alleen uitbetaald onder een geverifieerd nummer',
  'invoicing.verify': 'Geverifieerd',
  'invoicing.verified': '{vatNumber} van {publisher} geverifieerd.',
  'invoicing.noVatToVerify': 'Geen btw-nummer wacht op verificatie.',
  'invoicing.unverifiedNote':
    'Je btw-nummer is nog niet geverifieerd door het netwerk: btw op je afrekeningen wordt uitbetaald zodra dat gebeurd is.',
  'invoicing.networkSaved': 'Factuurgegevens van het netwerk opgeslagen.',
};
