import type { Translation } from '../translation.js';
import type { INTEGRATIONS } from '../en/integrations.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const INTEGRATIONS_NL: Translation<typeof INTEGRATIONS> = {
  'integrations.title': 'Koppelingen',
  'integrations.intro':
    'Webhooks sturen elke gebeurtenis ondertekend naar je server (Standard Webhooks).',
  'integrations.guideLink':
    'De handleiding bij webhooks en postbacks (docs/integrations.md, Engels)',
  'integrations.webhooks': 'Webhooks',
  'integrations.postbacks': 'Postbacks naar je tracker',
  'integrations.postbacksIntro':
    'Een GET van de URL van je tracker zodra een commissie ontstaat of verandert, met de macro’s ingevuld: {macros}.',
  'integrations.url': 'URL',
  'integrations.events': 'Gebeurtenissen',
  'integrations.status': 'Status',
  'integrations.enabled': 'aan',
  'integrations.disabled': 'uit',
  'integrations.description': 'Omschrijving (optioneel)',
  'integrations.add': 'Webhook toevoegen',
  'integrations.addPostback': 'Postback toevoegen',
  'integrations.test': 'Test versturen',
  'integrations.log': 'Afleveringen',
  'integrations.delete': 'Verwijderen',
  'integrations.deleteConfirm': 'Ja, verwijder hem met zijn logboek',
  'integrations.enable': 'Aanzetten',
  'integrations.deleted': 'Verwijderd.',
  'integrations.enabledAgain': 'Aangezet: wachtende gebeurtenissen gaan op volgorde.',
  'integrations.secretShownOnce':
    'Webhook toegevoegd. Het ondertekeningsgeheim (één keer getoond, kopieer het nu):',
  'integrations.postbackAdded': 'Postback toegevoegd.',
  'integrations.testResult': 'Test verstuurd: de ontvanger antwoordde {status} in {ms} ms.',
  'integrations.testFailed': 'Test verstuurd: geen antwoord ({error}).',
  'integrations.none': 'Nog geen.',
  'integrations.program': 'Programma',
  'integrations.allPrograms': 'Alle programma’s',
  'integrations.preset': 'Voorinstellingen',
  'integrations.deliveriesOf': 'Afleveringen aan {url}',
  'integrations.event': 'Gebeurtenis',
  'integrations.attempts': 'Pogingen',
  'integrations.created': 'Gemaakt',
  'integrations.back': 'Terug naar koppelingen',
};
