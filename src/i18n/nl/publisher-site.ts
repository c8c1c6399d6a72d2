import type { Translation } from '../translation.js';
import type { PUBLISHER_SITE } from '../en/publisher-site.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PUBLISHER_SITE_NL: Translation<typeof PUBLISHER_SITE> = {
  'publisherSite.program': 'Programma',
  'publisherSite.status': 'Status',
  'publisherSite.note': 'Toelichting',
  'publisherSite.applyTo': 'Aanmelden voor',
  'publisherSite.mySiteHasContentOf':
    'Mijn site heeft inhoud van deze soorten die het programma verbiedt: vink aan wat van toepassing is',
  'publisherSite.iAcceptTheProgramRules': 'Ik accepteer de regels van {program}',
  'publisherSite.readThem': 'lees ze',
  'publisherSite.yourSites': 'Je sites',
  'publisherSite.name': 'Naam',
  'publisherSite.addASite': 'Site toevoegen',
  'publisherSite.addSite': 'Site toevoegen',
  'publisherSite.sites': 'Sites',
  'publisherSite.siteAddedApplyWithIt': 'Site toegevoegd: meld je ermee aan onder Aanmeldingen.',
  'publisherSite.applicationSentTheAdvertiserDecides':
    'Aanmelding verstuurd: de adverteerder beslist en je krijgt een e-mail.',
};
