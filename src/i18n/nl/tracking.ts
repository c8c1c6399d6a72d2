import type { TRACKING } from '../en/tracking.js';
import type { Translation } from '../translation.js';

export const TRACKING_NL: Translation<typeof TRACKING> = {
  'tracking.title': 'Tracking instellen',
  'tracking.link': 'Tracking instellen',
  'tracking.intro':
    'Alles wat de ontwikkelaar van je webwinkel nodig heeft om verkopen aan het netwerk te melden, met het id van dit programma en het adres van het netwerk al ingevuld. Meldingen worden aanvaard zodra het netwerk het programma heeft goedgekeurd.',
  'tracking.programId': 'Programma-id',
  'tracking.network': 'Adres van het netwerk',
  'tracking.notApproved':
    'Het netwerk heeft dit programma nog niet goedgekeurd: elke melding wordt geweigerd (program_not_approved) tot het dat doet. Je kunt de koppeling wel voorbereiden en nu al proberen met een testconversie.',
  'tracking.landingTitle': '1. De landingspagina: de klik bewaren',
  'tracking.landingIntro':
    'De link van een publisher stuurt de bezoeker naar {landingUrl} met tduid=… (het klik-id) erbij. Browsers blokkeren de eigen cookie van het netwerk steeds vaker; bewaar de klik daarom in een cookie van je eigen winkel: kopieer het first-party script naar je winkel als /affnet.js en laad het op elke pagina.',
  'tracking.scriptFrom': 'Het script om te kopiëren: {url}',
  'tracking.pixelTitle': '2. De bevestigingspagina: de pixel',
  'tracking.pixelIntro':
    'Meld de verkoop één keer op de pagina die de bestelling bevestigt, met het script (dat voegt het bewaarde klik-id toe) of als afbeelding. Vervang de woorden in hoofdletters door de waarden van de bestelling.',
  'tracking.pixelScript': 'Met het first-party script:',
  'tracking.pixelImage': 'Als afbeelding (1×1 GIF), of vanaf je server (server naar server):',
  'tracking.leadIntro':
    'Een lead (event {event}, {name}) meld je met leadNumber in plaats van orderNumber; die wordt alleen betaald met de checksum die je server berekent:',
  'tracking.parameters': 'Parameters',
  'tracking.param.organization': 'Het id van dit programma.',
  'tracking.param.event':
    'Het event: {events}. Een verkoop met een event dat het programma niet kent, levert niets op (unknown_event).',
  'tracking.param.eventNone': 'Laat weg: dit programma betaalt elke melding als verkoop.',
  'tracking.param.orderNumber':
    'Je bestelnummer. De pixel meldt een bestelling één keer; een andere melding van hetzelfde nummer wordt geweigerd.',
  'tracking.param.orderValue':
    'Het bedrag waarover commissie geldt, als decimaal getal met een punt (249.95), zonder verzendkosten.',
  'tracking.param.currency':
    'De ISO 4217-valuta van de bestelling (dit programma telt {currencies}).',
  'tracking.param.tduid':
    'Het klik-id uit de landings-URL. Zonder wijst de sessiecookie van het netwerk de bestelling toe; het first-party script voegt het zelf toe.',
  'tracking.param.reportInfo':
    'Productregels (optioneel), URL-gecodeerd: f1=sku&f2=naam&f3=prijs&f4=aantal, regels gescheiden door |; f5 is de categorie, die de commissiegroep bepaalt.',
  'tracking.param.voucher': 'Gebruikte kortingscodes (optioneel), gescheiden door komma’s.',
  'tracking.param.checksum':
    'Verplicht zodra het programma een checksumgeheim heeft: v04… of v05…, berekend door je server (deel 4).',
  'tracking.apiTitle': '3. Server naar server: de order-API',
  'tracking.apiIntro':
    'Je server meldt elke bestelling (en voltooit, annuleert of retourneert haar later) met een API-sleutel van je account. De order-API heeft geen checksum nodig: de sleutel bewijst dat jij het bent. Antwoordt 201 met de toewijzing en de commissie, of 4xx met een code en wat je moet verbeteren.',
  'tracking.apiKeys': 'Maak een API-sleutel aan op de pagina API-sleutels.',
  'tracking.apiUpdate':
    'Als de bestelling voltooid, geannuleerd of geretourneerd is (ook per regel), stuur dan haar nieuwe status:',
  'tracking.checksumTitle': '4. De checksum',
  'tracking.checksumHow':
    'v04 (zoals de modules van Tradedoubler hem berekenen): v04 gevolgd door de hexadecimale md5 van geheim + orderNumber (of leadNumber) + orderValue, elk precies zoals in de URL. v05 (elk veld dat de prijs bepaalt ondertekend; alleen pixelbestellingen met een v05-checksum worden op de beoordelingstermijn goedgekeurd): v05 gevolgd door de hexadecimale HMAC-SHA256, met het geheim als sleutel, van de zeven regels hieronder gescheiden door een regeleinde, elke waarde zoals verstuurd en leeg als ze ontbreekt.',
  'tracking.checksumNever':
    'Bereken hem op je server, nooit in de browser: wie het geheim heeft, kan bestellingen op jouw naam melden.',
  'tracking.workedExample': 'Uitgewerkt voorbeeld met het huidige geheim van dit programma',
  'tracking.workedExampleIntro':
    'Berekend door het netwerk met jouw geheim (dat niet opnieuw getoond wordt): geeft je code voor deze waarden dezelfde twee checksums, dan klopt ze.',
  'tracking.workedExampleNone':
    'Maak een geheim aan voor een uitgewerkt voorbeeld daarmee. Het recept, met het geheim s3cr3t-example:',
  'tracking.signedText': 'De tekst die v05 ondertekent:',
  'tracking.refusalsTitle': '5. Wat het netwerk weigert, en waarom',
  'tracking.refusalsIntro':
    'Een melding die niet te lezen is, krijgt een foutmelding en slaat niets op; een melding die gelezen maar niet vertrouwd wordt, wordt opgeslagen, levert niets op en toont haar reden hier en op de pagina Transacties.',
  'tracking.storedNoCommission': 'opgeslagen, levert niets op',
  'tracking.waits': 'opgeslagen, wacht op jouw beslissing',
  'tracking.refuse.checksum_mismatch':
    'De checksum ontbreekt of klopt niet bij het geheim van dit programma. Vergelijk het recept in deel 4 met het uitgewerkte voorbeeld.',
  'tracking.refuse.lines_value_mismatch':
    'De productregels (reportInfo of basket) tellen niet op tot de orderValue waarover de checksum gaat.',
  'tracking.refuse.unknown_event': 'Het event is er geen dat dit programma kent.',
  'tracking.refuse.lead_unverified':
    'Een lead per pixel zonder geldige checksum: een klik bewijst geen aanmelding. Maak een geheim aan en onderteken leads op je server.',
  'tracking.refuse.unsigned_fields':
    'Een pixelbestelling zonder v05-checksum wordt nooit op de beoordelingstermijn goedgekeurd; keur haar zelf goed of af, of onderteken met v05.',
  'tracking.refuse.invalid_parameter':
    'Een verplichte parameter ontbreekt of is onjuist (orderNumber, orderValue, currency, een bedrag of aantal): de melding noemt hem.',
  'tracking.refuse.report_refused':
    'Het bestelnummer is al anders gemeld: de pixel meldt een bestelling één keer; wijzig haar met de order-API.',
  'tracking.refuse.invalid_click_id':
    'De tduid of clickId is geen klik-id van dit netwerk (gewijzigd of afgekapt): stuur hem precies zoals hij binnenkwam.',
  'tracking.refuse.program_not_approved':
    'Het netwerk heeft het programma (nog) niet goedgekeurd: er wordt geen melding vastgelegd.',
  'tracking.refuse.invalid_order':
    'Het orderdocument voldoet niet aan het schema (order-API): de meldingen noemen elk veld.',
  'tracking.statusTitle': 'Status van de koppeling',
  'tracking.statusIntro':
    'Wat het netwerk voor dit programma bereikte: de laatste meldingen per pixel en via de order-API, en de laatste geweigerde met hun reden (per programma bewaard, hoogstens {max}; geweigerde meldingen verschijnen binnen enkele seconden).',
  'tracking.lastPixel': 'Laatste pixelmeldingen',
  'tracking.lastApi': 'Laatste meldingen via de order-API',
  'tracking.noneSeen': 'Nog niets ontvangen.',
  'tracking.refusedReports': 'Geweigerde meldingen',
  'tracking.noneRefused': 'Geen geweigerde melding.',
  'tracking.channel': 'Kanaal',
  'tracking.order': 'Bestelling',
  'tracking.channel.pixel': 'pixel',
  'tracking.channel.api': 'order-API',
  'tracking.channel.console': 'deze pagina',
  'tracking.testTitle': 'Testconversie',
  'tracking.testIntro':
    'Probeer de koppeling zonder iemand te betalen: meld een bestelling met het klik-id van de test hieronder, vanuit je winkel (open de landings-URL en koop; of stuur er de pixel of de API mee) of vanaf hier. Een testbestelling wordt geprijsd als een echte en hieronder getoond met de uitleg van haar commissie; ze wordt nooit als bestelling opgeslagen en komt dus nooit in de beoordeling, op een factuur, in een afrekening of in een uitbetaling.',
  'tracking.testClickId': 'Klik-id van de test',
  'tracking.testLanding': 'Landings-URL met de testklik',
  'tracking.testPixel': 'Testpixel',
  'tracking.sendTestOrder': 'Stuur een testbestelling vanaf hier',
  'tracking.testOrderValue': 'Bedrag van de bestelling ({currency})',
  'tracking.testEvent': 'Gebeurtenis (event)',
  'tracking.testSent':
    'Testbestelling {orderNumber} is aangekomen: commissie {total} ({status}). Nooit betaald: het is een test.',
  'tracking.testOrders': 'Ontvangen testbestellingen',
  'tracking.noTests': 'Nog geen testbestelling.',
  'tracking.commission': 'Commissie',
  'tracking.explanation': 'Hoe ze geprijsd is',
  'tracking.line':
    'Regel {sku}: grondslag {base}, percentage {rate}, commissie {commission} (regel {rule})',
  'tracking.lineEarns': 'levert commissie op',
  'tracking.lineGroup': 'commissiegroep “{group}”',
  'tracking.lineCatchAll':
    'commissiegroep “{group}”, die van elke regel met een categorie die geen andere groep noemt, of zonder categorie',
  'tracking.testCategory': 'Categorie van de testregel',
  'tracking.testNoCategory': 'Geen (restgroep “{group}”)',
  'tracking.orderReasons': 'De bestelling als geheel: {reasons}',
  'tracking.bonus': 'Bonus voor een nieuwe koper: {bonus}',
  'tracking.held': 'aangehouden tot er een wisselkoers is',
  'tracking.secretGenerated':
    'Het nieuwe checksumgeheim, alleen nu getoond: kopieer het naar de serverinstellingen van je winkel. Meldingen die met het vorige zijn ondertekend, mislukken vanaf nu.',
  'tracking.adminNote':
    'Je ziet deze pagina als netwerkbeheerder: de adverteerder maakt het geheim aan en doet testconversies.',
};
