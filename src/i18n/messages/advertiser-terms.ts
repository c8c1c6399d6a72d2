import type { Messages } from '../catalogue.js';

/** What the advertiser's terms editor says, in English and Dutch. */
export const ADVERTISER_TERMS_MESSAGES = {
  'advertiserTerms.intro': [
    'Edit the terms file (YAML). Simulate prices your attributed orders of the last 30 days under the draft’s newest version beside what they earn now; publish makes it the current terms, a new version beside the earlier ones.',
    'Bewerk het voorwaardenbestand (YAML). Simuleren prijst je toegekende bestellingen van de laatste 30 dagen onder de nieuwste versie van het concept naast wat ze nu opleveren; publiceren maakt het de geldende voorwaarden, een nieuwe versie naast de eerdere.',
  ],
  'advertiserTerms.leadsTracking': [
    'Leads: this program pays a fixed fee per lead. A lead reported by pixel (or the first-party script) is paid only with a valid checksum computed by your server, v04 + md5(secret + lead number + order value as sent) or the full checksum v05 (NET-R3; only a v05 one is approved at the deadline, NET-R6); each event pays at most its perClick conversions per click (one lead unless the terms say otherwise, NET-R4). Leads reported with the order API and your key need no checksum.',
    'Leads: dit programma betaalt een vast bedrag per lead. Een lead die via de pixel (of het first-party-script) wordt gemeld, wordt alleen betaald met een geldige controlesom berekend door je server, v04 + md5(geheim + leadnummer + orderwaarde zoals verzonden) of de volledige controlesom v05 (NET-R3; alleen met v05 wordt ze op de uiterste datum goedgekeurd, NET-R6); elke gebeurtenis betaalt per klik hoogstens perClick conversies (één lead tenzij de voorwaarden anders zeggen, NET-R4). Leads die je met de order-API en je sleutel meldt, hebben geen controlesom nodig.',
  ],
  'advertiserTerms.leadsWithoutSecret': [
    'This program has no checksum secret: lead pixels are stored and earn nothing (lead_unverified). Generate one below (Pixel checksum secret), or with PUT /api/v1/advertiser/programs/{programId}/checksum-secret {"generate": true} (a session token) or affnet programs checksum {slug} --generate.',
    'Dit programma heeft geen controlesomgeheim: leadpixels worden bewaard en leveren niets op (lead_unverified). Genereer er hieronder een (Controlesomgeheim van de pixel), of met PUT /api/v1/advertiser/programs/{programId}/checksum-secret {"generate": true} (een sessietoken) of affnet programs checksum {slug} --generate.',
  ],
  'advertiserTerms.leadsWithSecret': [
    'This program has a checksum secret: signed lead pixels are paid.',
    'Dit programma heeft een controlesomgeheim: ondertekende leadpixels worden betaald.',
  ],
  'checksum.title': ['Pixel checksum secret', 'Controlesomgeheim van de pixel'],
  'checksum.isSet': [
    'This program has a checksum secret: a pixel report must carry checksum=v04 + md5(secret + order or lead number + order value, as sent), or the full checksum v05 over every priced field (docs/tracking.md), the only one whose orders the validation deadline approves. Generating a new one replaces it at once: reports signed with the old secret fail from then on.',
    'Dit programma heeft een controlesomgeheim: een pixelmelding moet checksum=v04 + md5(geheim + order- of leadnummer + orderwaarde, zoals verzonden) meesturen, of de volledige controlesom v05 over elk geprijsd veld (docs/tracking.md), de enige waarvan de uiterste datum de bestellingen goedkeurt. Een nieuw genereren vervangt het meteen: meldingen met het oude geheim worden vanaf dan geweigerd.',
  ],
  'checksum.notSet': [
    'This program has no checksum secret: anyone who knows the pixel URL can report orders, and lead pixels earn nothing. Generate one and compute the checksum on your server, never in the browser.',
    'Dit programma heeft geen controlesomgeheim: iedereen die de pixel-URL kent, kan bestellingen melden, en leadpixels leveren niets op. Genereer er een en bereken de controlesom op je server, nooit in de browser.',
  ],
  'checksum.generate': ['Generate a checksum secret', 'Genereer een controlesomgeheim'],
  'checksum.rotate': ['Generate a new secret', 'Genereer een nieuw geheim'],
  'checksum.remove': ['Remove the secret', 'Verwijder het geheim'],
  'checksum.generated': [
    'The new checksum secret, shown only now: copy it to your shop’s server configuration.',
    'Het nieuwe controlesomgeheim, alleen nu getoond: kopieer het naar de serverconfiguratie van je winkel.',
  ],
  'checksum.example': [
    'Example: order {orderNumber} with orderValue={orderValue} is reported with checksum={checksum}. With currency={currency} and event={event}, its full checksum (every priced field signed: only such pixel orders are approved at the validation deadline, NET-R6) is checksum={fullChecksum}.',
    'Voorbeeld: bestelling {orderNumber} met orderValue={orderValue} wordt gemeld met checksum={checksum}. Met currency={currency} en event={event} is de volledige controlesom (elk geprijsd veld ondertekend: alleen zulke pixelbestellingen worden op de uiterste datum goedgekeurd, NET-R6) checksum={fullChecksum}.',
  ],
  'checksum.removed': [
    'The checksum secret is removed: pixel reports are no longer checked, and lead pixels earn nothing.',
    'Het controlesomgeheim is verwijderd: pixelmeldingen worden niet meer gecontroleerd en leadpixels leveren niets op.',
  ],
  'advertiserTerms.simulate': [
    'Simulate on recorded orders',
    'Simuleer op vastgelegde bestellingen',
  ],
  'advertiserTerms.publish': ['Publish', 'Publiceren'],
  'advertiserTerms.termsYaml': ['The program terms (YAML)', 'De programmavoorwaarden (YAML)'],
  'advertiserTerms.preview': ['Preview the program page', 'Voorbeeld van de programmapagina'],
  'advertiserTerms.previewIntro': [
    'The program page as publishers will read it under these terms (not published yet):',
    'De programmapagina zoals publishers haar onder deze voorwaarden lezen (nog niet gepubliceerd):',
  ],
  'advertiserTerms.newProgram': ['New program', 'Nieuw programma'],
  'advertiserTerms.newProgramIntro': [
    'Write the terms of your program (the example is a Dutch webshop; change its id, name and rates). The id becomes the program’s address and cannot be taken twice.',
    'Schrijf de voorwaarden van je programma (het voorbeeld is een Nederlandse webwinkel; pas id, naam en percentages aan). De id wordt het adres van het programma en kan maar één keer bestaan.',
  ],
  'advertiserTerms.create': ['Create the program', 'Programma aanmaken'],
  'advertiserTerms.published': [
    'Published: terms {termsId} are current; orders are priced by the version in force when they were placed.',
    'Gepubliceerd: voorwaarden {termsId} gelden nu; bestellingen worden geprijsd met de versie die gold toen ze werden geplaatst.',
  ],
  'advertiserTerms.unchanged': [
    'These terms are current already; nothing changed.',
    'Deze voorwaarden gelden al; er is niets veranderd.',
  ],
  'advertiserTerms.refused': [
    'The file was not saved. Fix these problems:',
    'Het bestand is niet opgeslagen. Los deze problemen op:',
  ],
  'advertiserTerms.line': ['line {line}', 'regel {line}'],
  'advertiserTerms.result': [
    '{orders} orders, {lines} lines: now {current}, under the draft {draft} ({difference}).',
    '{orders} bestellingen, {lines} regels: nu {current}, onder het concept {draft} ({difference}).',
  ],
  'advertiserTerms.group': ['Commission group', 'Commissiegroep'],
  'advertiserTerms.publisher': ['Publisher', 'Publisher'],
  'advertiserTerms.now': ['Now', 'Nu'],
  'advertiserTerms.draft': ['Draft', 'Concept'],
  'advertiserTerms.difference': ['Difference', 'Verschil'],
  'advertiserTerms.lines': ['Lines', 'Regels'],
  'advertiserTerms.orders': ['Orders', 'Bestellingen'],
  'advertiserTerms.chart': [
    'Commission per publisher: now (bars) and under the draft (line)',
    'Commissie per publisher: nu (staven) en onder het concept (lijn)',
  ],
} as const satisfies Messages;
