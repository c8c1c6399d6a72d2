import type { Translation } from '../translation.js';
import type { ADVERTISER_TERMS } from '../en/advertiser-terms.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADVERTISER_TERMS_NL: Translation<typeof ADVERTISER_TERMS> = {
  'advertiserTerms.intro':
    'Bewerk het voorwaardenbestand (YAML). Simuleren prijst je toegekende bestellingen van de laatste 30 dagen onder de nieuwste versie van het concept naast wat ze nu opleveren; publiceren maakt het de geldende voorwaarden, een nieuwe versie naast de eerdere.',
  'advertiserTerms.leadsTracking':
    'Leads: dit programma betaalt een vast bedrag per lead. Een lead die via de pixel (of het first-party-script) wordt gemeld, wordt alleen betaald met een geldige controlesom berekend door je server, v04 + md5(geheim + leadnummer + orderwaarde zoals verzonden) of de volledige controlesom v05 (NET-R3; alleen met v05 wordt ze op de uiterste datum goedgekeurd, NET-R6); elke gebeurtenis betaalt per klik hoogstens perClick conversies (één lead tenzij de voorwaarden anders zeggen, NET-R4). Leads die je met de order-API en je sleutel meldt, hebben geen controlesom nodig.',
  'advertiserTerms.leadsWithoutSecret':
    'Dit programma heeft geen controlesomgeheim: leadpixels worden bewaard en leveren niets op (lead_unverified). Genereer er hieronder een (Controlesomgeheim van de pixel), of met PUT /api/v1/advertiser/programs/{programId}/checksum-secret {"generate": true} (een sessietoken) of affnet programs checksum {slug} --generate.',
  'advertiserTerms.leadsWithSecret':
    'Dit programma heeft een controlesomgeheim: ondertekende leadpixels worden betaald.',
  'checksum.title': 'Controlesomgeheim van de pixel',
  'checksum.isSet':
    'Dit programma heeft een controlesomgeheim: een pixelmelding moet checksum=v04 + md5(geheim + order- of leadnummer + orderwaarde, zoals verzonden) meesturen, of de volledige controlesom v05 over elk geprijsd veld (docs/tracking.md), de enige waarvan de uiterste datum de bestellingen goedkeurt. Een nieuw genereren vervangt het meteen: meldingen met het oude geheim worden vanaf dan geweigerd.',
  'checksum.notSet':
    'Dit programma heeft geen controlesomgeheim: iedereen die de pixel-URL kent, kan bestellingen melden, en leadpixels leveren niets op. Genereer er een en bereken de controlesom op je server, nooit in de browser.',
  'checksum.generate': 'Genereer een controlesomgeheim',
  'checksum.rotate': 'Genereer een nieuw geheim',
  'checksum.remove': 'Verwijder het geheim',
  'checksum.generated':
    'Het nieuwe controlesomgeheim, alleen nu getoond: kopieer het naar de serverconfiguratie van je winkel.',
  'checksum.example':
    'Voorbeeld: bestelling {orderNumber} met orderValue={orderValue} wordt gemeld met checksum={checksum}. Met currency={currency} en event={event} is de volledige controlesom (elk geprijsd veld ondertekend: alleen zulke pixelbestellingen worden op de uiterste datum goedgekeurd, NET-R6) checksum={fullChecksum}.',
  'checksum.removed':
    'Het controlesomgeheim is verwijderd: pixelmeldingen worden niet meer gecontroleerd en leadpixels leveren niets op.',
  'advertiserTerms.simulate': 'Simuleer op vastgelegde bestellingen',
  'advertiserTerms.publish': 'Publiceren',
  'advertiserTerms.termsYaml': 'De programmavoorwaarden (YAML)',
  'advertiserTerms.preview': 'Voorbeeld van de programmapagina',
  'advertiserTerms.previewIntro':
    'De programmapagina zoals publishers haar onder deze voorwaarden lezen (nog niet gepubliceerd):',
  'advertiserTerms.newProgram': 'Nieuw programma',
  'advertiserTerms.newProgramIntro':
    'Schrijf de voorwaarden van je programma (het voorbeeld is een Nederlandse webwinkel; pas id, naam en percentages aan). De id wordt het adres van het programma en kan maar één keer bestaan.',
  'advertiserTerms.create': 'Programma aanmaken',
  'advertiserTerms.published':
    'Gepubliceerd: voorwaarden {termsId} gelden nu; bestellingen worden geprijsd met de versie die gold toen ze werden geplaatst.',
  'advertiserTerms.unchanged': 'Deze voorwaarden gelden al; er is niets veranderd.',
  'advertiserTerms.refused': 'Het bestand is niet opgeslagen. Los deze problemen op:',
  'advertiserTerms.line': 'regel {line}',
  'advertiserTerms.result':
    '{orders} bestellingen, {lines} regels: nu {current}, onder het concept {draft} ({difference}).',
  'advertiserTerms.group': 'Commissiegroep',
  'advertiserTerms.publisher': 'Publisher',
  'advertiserTerms.now': 'Nu',
  'advertiserTerms.draft': 'Concept',
  'advertiserTerms.difference': 'Verschil',
  'advertiserTerms.lines': 'Regels',
  'advertiserTerms.orders': 'Bestellingen',
  'advertiserTerms.chart': 'Commissie per publisher: nu (staven) en onder het concept (lijn)',
};
