import type { Messages } from '../catalogue.js';

/** The invoicing details forms (network and publisher), in English and Dutch. */
export const INVOICING_MESSAGES = {
  'invoicing.title': ['Invoicing details', 'Factuurgegevens'],
  'invoice.credited': ['Credited', 'Gecrediteerd'],
  'invoice.creditedAmounts': ['{commission} + fee {fee}', '{commission} + netwerkvergoeding {fee}'],
  'invoicing.legalName': ['Legal name', 'Statutaire naam'],
  'invoicing.street': ['Street and number', 'Straat en huisnummer'],
  'invoicing.postalCode': ['Postal code', 'Postcode'],
  'invoicing.city': ['City', 'Plaats'],
  'invoicing.country': ['Country (NL, BE, DE …)', 'Land (NL, BE, DE …)'],
  'invoicing.vatNumber': ['VAT number', 'Btw-nummer'],
  'invoicing.vatNumberOptional': [
    '(leave empty if you are a private person)',
    '(leeg laten als je particulier bent)',
  ],
  'invoicing.cocNumber': ['Chamber of commerce number (KvK)', 'KvK-nummer'],
  'invoicing.save': ['Save invoicing details', 'Factuurgegevens opslaan'],
  'invoicing.saved': ['Invoicing details saved.', 'Factuurgegevens opgeslagen.'],
  'invoicing.publisherIntro': [
    'Your monthly statement is your invoice to the network (self-billing): the network writes it with these details. A business (VAT number) in the network’s country gets that country’s VAT on top of its commission; a business elsewhere is reverse-charged; a private person (no VAT number) is paid without VAT. Changes apply to statements made from now on.',
    'Je maandelijkse afrekening is jouw factuur aan het netwerk (factuur uitgereikt door afnemer): het netwerk maakt hem met deze gegevens. Een onderneming (btw-nummer) in het land van het netwerk krijgt de btw van dat land bovenop de commissie; een onderneming elders krijgt btw verlegd; een particulier (geen btw-nummer) wordt zonder btw betaald. Wijzigingen gelden voor afrekeningen die vanaf nu worden gemaakt.',
  ],
  'invoicing.publisherMissing': [
    'Your invoicing details are incomplete: add your address before the next statement is made.',
    'Je factuurgegevens zijn niet compleet: vul je adres in voordat de volgende afrekening wordt gemaakt.',
  ],
  'invoicing.networkIntro': [
    'Statements are self-billing invoices that name the network: they are not made until these details are set.',
    'Afrekeningen zijn facturen uitgereikt door afnemer en noemen het netwerk: ze worden pas gemaakt als deze gegevens zijn ingevuld.',
  ],
  'invoicing.nowDomestic': [
    'Your statements now: {rate} % VAT is added to your commission and paid out with it.',
    'Je afrekeningen nu: {rate} % btw komt bovenop je commissie en wordt meebetaald.',
  ],
  'invoicing.nowReverseCharge': [
    'Your statements now: VAT reverse-charged (the network accounts for it); none is added.',
    'Je afrekeningen nu: btw verlegd (het netwerk draagt hem af); er komt geen btw bij.',
  ],
  'invoicing.nowNotABusiness': [
    'Your statements now: no VAT (billed as a private person, without a VAT number).',
    'Je afrekeningen nu: geen btw (gefactureerd als particulier, zonder btw-nummer).',
  ],
  'invoicing.vatToVerify': [
    'VAT numbers to verify (VIES or papers): statements that add VAT are paid only under a verified number',
    'Te verifiëren btw-nummers (VIES of papieren): afrekeningen met btw worden alleen uitbetaald onder een geverifieerd nummer',
  ],
  'invoicing.verify': ['Verified', 'Geverifieerd'],
  'invoicing.verified': [
    '{vatNumber} of {publisher} verified.',
    '{vatNumber} van {publisher} geverifieerd.',
  ],
  'invoicing.noVatToVerify': [
    'No VAT number waits for verification.',
    'Geen btw-nummer wacht op verificatie.',
  ],
  'invoicing.unverifiedNote': [
    'Your VAT number is not verified by the network yet: VAT added to your statements is paid out once it is.',
    'Je btw-nummer is nog niet geverifieerd door het netwerk: btw op je afrekeningen wordt uitbetaald zodra dat gebeurd is.',
  ],
  'invoicing.networkSaved': [
    'Network invoicing details saved.',
    'Factuurgegevens van het netwerk opgeslagen.',
  ],
} as const satisfies Messages;
