import type { Translation } from '../translation.js';
import type { ADS } from '../en/ads.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADS_NL: Translation<typeof ADS> = {
  'ads.nav': 'Advertenties',
  'ads.title': 'Advertenties',
  'ads.intro':
    'Publishers die in je programma zijn goedgekeurd, linken met de actieve advertenties. Een gestopte advertentie wordt niet meer aangeboden voor nieuwe links; links en banners die al geplaatst zijn, blijven werken: hun kliks worden gemeten en de banner blijft zichtbaar.',
  'ads.program': 'Programma',
  'ads.show': 'Toon',
  'ads.noPrograms': 'Je hebt nog geen programma.',
  'ads.noAds': 'Dit programma heeft geen advertenties.',
  'ads.kind': 'Soort',
  'ads.textLink': 'Tekstlink',
  'ads.banner': 'Banner',
  'ads.active': 'Actief',
  'ads.retired': 'Gestopt',
  'ads.retiredOn': 'Gestopt op {date}',
  'ads.retire': 'Stoppen',
  'ads.retireAd': 'Advertentie {name} stoppen',
  'ads.landsOn': 'Komt uit op',
  'ads.programLanding': 'de landingspagina van het programma',
  'ads.newTextLink': 'Nieuwe tekstlink',
  'ads.newBanner': 'Nieuwe banner',
  'ads.name': 'Naam (optioneel, voor jezelf)',
  'ads.text': 'Linktekst',
  'ads.textHint': 'De woorden die publishers linken, 1 tot 100 tekens gewone tekst.',
  'ads.landingUrl': 'Landingspagina (optioneel)',
  'ads.landingHint': 'Een pagina op {domains}; leeg: de landingspagina van het programma.',
  'ads.noDeeplinks':
    'Dit programma staat geen deeplinks toe: de advertenties komen uit op de landingspagina.',
  'ads.size': 'Formaat',
  'ads.customSize': 'Eigen formaat (breedte × hoogte hieronder)',
  'ads.width': 'Breedte (px)',
  'ads.height': 'Hoogte (px)',
  'ads.sizeHint':
    'Een standaard IAB-formaat, of een eigen van 10 tot 2.000 pixels elk. De afbeelding moet precies dat formaat hebben, of twee keer zo groot voor scherpe schermen.',
  'ads.image': 'Afbeelding',
  'ads.imageHint': 'PNG, JPEG, GIF of WebP, hoogstens 300 KB. SVG wordt niet geaccepteerd.',
  'ads.alt': 'Alt-tekst',
  'ads.altHint': 'Wat de banner zegt, voor wie hem niet kan zien (1 tot 150 tekens).',
  'ads.addTextLink': 'Tekstlink toevoegen',
  'ads.addBanner': 'Banner toevoegen',
  'ads.created': 'Advertentie “{name}” toegevoegd: publishers kunnen er nu mee linken.',
  'ads.retiredDone':
    'Advertentie “{name}” gestopt: ze wordt niet meer aangeboden voor nieuwe links.',
  'ads.alreadyRetired': 'Advertentie “{name}” was al gestopt.',
  'ads.bannerPreview': 'Voorbeeld van de banner',
  'ads.noActiveAds':
    'Dit programma heeft nog geen actieve advertenties: vraag het de adverteerder.',
  'ads.preview': 'Voorbeeld',
} as const;
