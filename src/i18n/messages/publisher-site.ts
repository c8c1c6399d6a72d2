import type { Messages } from '../catalogue.js';

/** What the publisher site pages say, in English and Dutch. */
export const PUBLISHER_SITE_MESSAGES = {
  'publisherSite.program': ['Program', 'Programma'],
  'publisherSite.status': ['Status', 'Status'],
  'publisherSite.note': ['Note', 'Toelichting'],
  'publisherSite.applyTo': ['Apply to', 'Aanmelden voor'],
  'publisherSite.mySiteHasContentOf': [
    'My site has content of these prohibited kinds (AE-P6, rule 6): tick any that apply',
    'Mijn site heeft inhoud van deze verboden soorten (AE-P6, regel 6): vink aan wat van toepassing is',
  ],
  'publisherSite.iAcceptTheProgramRules': [
    'I accept the program rules (Advertising Rules and Policies)',
    'Ik accepteer de programmaregels (Advertising Rules and Policies)',
  ],
  'publisherSite.readThem': ['read them', 'lees ze'],
  'publisherSite.yourSites': ['Your sites', 'Je sites'],
  'publisherSite.name': ['Name', 'Naam'],
  'publisherSite.addASite': ['Add a site', 'Site toevoegen'],
  'publisherSite.addSite': ['Add site', 'Site toevoegen'],
  'publisherSite.sites': ['Sites', 'Sites'],
  'publisherSite.siteAddedApplyWithIt': [
    'Site added: apply with it under Applications.',
    'Site toegevoegd: meld je ermee aan onder Aanmeldingen.',
  ],
  'publisherSite.applicationSentTheAdvertiserDecides': [
    'Application sent: the advertiser decides and you get an email.',
    'Aanmelding verstuurd: de adverteerder beslist en je krijgt een e-mail.',
  ],
} as const satisfies Messages;
