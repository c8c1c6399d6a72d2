/** What the publisher site pages say, in English and Dutch. */
export const PUBLISHER_SITE = {
  'publisherSite.program': 'Program',
  'publisherSite.status': 'Status',
  'publisherSite.note': 'Note',
  'publisherSite.applyTo': 'Apply to',
  'publisherSite.mySiteHasContentOf':
    'My site has content of these kinds the program prohibits: tick any that apply',
  'publisherSite.iAcceptTheProgramRules': 'I accept the rules of {program}',
  'publisherSite.readThem': 'read them',
  'publisherSite.yourSites': 'Your sites',
  'publisherSite.name': 'Name',
  'publisherSite.addASite': 'Add a site',
  'publisherSite.addSite': 'Add site',
  'publisherSite.sites': 'Sites',
  'publisherSite.siteAddedApplyWithIt': 'Site added: apply with it under Applications.',
  'publisherSite.applicationSentTheAdvertiserDecides':
    'Application sent: the advertiser decides and you get an email.',
} as const;
