import type { Translation } from '../translation.js';
import type { PROGRAM_SETUP } from '../en/program-setup.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PROGRAM_SETUP_NL: Translation<typeof PROGRAM_SETUP> = {
  'programSetup.title': 'Nieuw programma',
  'programSetup.draftTitle': 'Concept: {name}',
  'programSetup.intro':
    'Beschrijf je programma in dit formulier: het schrijft de programmavoorwaarden voor je. Bewaar het als concept om later af te maken (een concept is niet zichtbaar voor publishers en meet niets), en dien het ter beoordeling bij het netwerk in als het klaar is: publishers zien het programma zodra het netwerk het goedkeurt.',
  'programSetup.guide': 'Wat elk veld van een voorwaardenbestand betekent, met voorbeelden:',
  'programSetup.guideLink': 'Programmavoorwaarden schrijven (docs/writing-terms.md, Engels)',
  'programSetup.yamlLink':
    'Gevorderd: schrijf het voorwaardenbestand zelf in YAML (voor wat dit formulier niet vraagt: landengroepen, maxima, uitsluitingen, bonussen, documenten)',
  'programSetup.formLink': 'Terug naar het formulier',
  'programSetup.yamlTitle': 'Nieuw programma in YAML',
  'programSetup.yamlDraftIntro':
    'Het voorwaardenbestand van het concept: wijzig wat het schema toestaat, bewaar het, en dien het ter beoordeling in als het klaar is.',
  'programSetup.yamlDraftNote':
    'Dit concept bewerk je nu als voorwaardenbestand; bewaar je het hier, dan blijft het YAML (het formulier wordt niet bewaard).',
  'programSetup.sectionProgram': 'Het programma',
  'programSetup.sectionCommission': 'Commissie op verkopen',
  'programSetup.sectionLeads': 'Leads (een vast bedrag per aanmelding)',
  'programSetup.sectionTracking': 'Meten en beoordelen',
  'programSetup.sectionMethods': 'Promotiemethoden',
  'programSetup.sectionContact': 'Contact',
  'programSetup.field.id': 'Programma-id',
  'programSetup.hint.id':
    'Kleine letters, cijfers en "-", zoals lampenhuis: het adres van het programma (/programs/lampenhuis). Je kunt het later niet wijzigen.',
  'programSetup.field.name': 'Naam van het programma',
  'programSetup.field.company': 'Bedrijfsnaam',
  'programSetup.hint.company': 'De adverteerder die publishers op de programmapagina lezen.',
  'programSetup.field.descriptionNl': 'Beschrijving in het Nederlands',
  'programSetup.field.descriptionEn': 'Beschrijving in het Engels',
  'programSetup.field.landingUrl': 'Landingspagina',
  'programSetup.hint.landingUrl':
    'Waar een link zonder deeplink de bezoeker heen brengt, zoals https://www.lampenhuis.example/',
  'programSetup.field.deeplinkDomains': 'Deeplinkdomeinen',
  'programSetup.hint.deeplinkDomains':
    'Hostnamen waar een publisher direct naar mag linken (ook hun subdomeinen), gescheiden door komma’s, zoals lampenhuis.example. Leeg: geen deeplinks.',
  'programSetup.field.currencies': 'Valuta van bestellingen',
  'programSetup.hint.currencies':
    'De valuta waarin je bestellingen worden betaald, zoals EUR (andere worden omgerekend tegen de ECB-koers). Commissie wordt in euro betaald.',
  'programSetup.field.categories': 'Programmacategorieën',
  'programSetup.hint.categories':
    'Wat je verkoopt, voor de programmagids, gescheiden door komma’s, zoals lighting, home-garden',
  'programSetup.field.markets': 'Markten',
  'programSetup.hint.markets':
    'De landen van je kopers, landcodes van twee letters gescheiden door komma’s, zoals NL, BE',
  'programSetup.groupsIntro':
    'Een orderregel verdient het percentage van de eerste groep met een van zijn categorieën; de laatste groep verdient op al het andere. Vul zoveel rijen in als je nodig hebt.',
  'programSetup.group': 'Commissiegroep {number}',
  'programSetup.field.groups': 'Commissiegroepen',
  'programSetup.field.groupNameNl': 'Naam in het Nederlands',
  'programSetup.field.groupNameEn': 'Naam in het Engels',
  'programSetup.field.groupRate': 'Commissie (%)',
  'programSetup.hint.groupRate': 'Percentage van de orderwaarde, zoals 6 of 6,5',
  'programSetup.field.groupCategories': 'Productcategorieën',
  'programSetup.hint.groupCategories':
    'De categorieën van je orderregels die dit percentage verdienen, gescheiden door komma’s. Laat leeg in de laatste groep.',
  'programSetup.leadsIntro':
    'Laat leeg als je alleen op verkopen betaalt. Je site meldt een lead met zijn event-id (2, 3, …; een verkoop is event 1), en die levert een vast bedrag op.',
  'programSetup.lead': 'Lead {number}',
  'programSetup.field.leadName': 'Wat de bezoeker doet',
  'programSetup.hint.leadName': 'Zoals Nieuwsbriefaanmelding',
  'programSetup.field.leadAmount': 'Bedrag per lead (EUR)',
  'programSetup.field.cookieDays': 'Cookieduur (dagen)',
  'programSetup.hint.cookieDays':
    'Hoe lang na een klik een bestelling nog voor de publisher telt: 1 tot 365 dagen.',
  'programSetup.field.validationDays': 'Beoordelingstermijn (dagen)',
  'programSetup.hint.validationDays':
    'Binnen hoeveel dagen na een bestelling je die goedkeurt of afwijst (1 tot 730). Leeg: geen termijn.',
  'programSetup.field.atDeadline': 'Aan het eind van de beoordelingstermijn',
  'programSetup.sectionVouchers': 'Kortingscodes',
  'programSetup.vouchersIntro':
    'Je kunt de site van een publisher een eigen kortingscode geven (pagina Acties). Verdient die publisher de commissie van een bestelling met zo’n code?',
  'programSetup.vouchersNone':
    'Nee: de code geeft de koper korting, maar alleen een klik op de link van een publisher levert een publisher iets op.',
  'programSetup.vouchersFallback':
    'Alleen zonder klik: een bestelling die bij geen klik hoort, gaat naar de site van de code die ze meldt.',
  'programSetup.vouchersWins':
    'Altijd: een bestelling met de code gaat naar de site van de code, ook als de klik van een andere publisher eerder kwam.',
  'programSetup.field.voucherCodes': 'Een bestelling met de eigen kortingscode van een publisher',
  'programSetup.voucher.none': 'Levert niemand iets op voor de code',
  'programSetup.voucher.fallback': 'Gaat naar de site van de code als geen klik telt',
  'programSetup.voucher.wins': 'Gaat naar de site van de code, ook boven een klik',
  'programSetup.deadline.none': 'Er gebeurt niets: een bestelling blijft openstaan',
  'programSetup.deadline.approve': 'Openstaande bestellingen worden goedgekeurd',
  'programSetup.deadline.decline': 'Openstaande bestellingen worden afgewezen',
  'programSetup.methodsIntro':
    'Wat publishers mogen doen om je te promoten. Niet genoemd: publishers vragen het je eerst.',
  'programSetup.field.methods': 'Promotiemethoden',
  'programSetup.method.none': 'Niet genoemd',
  'programSetup.method.allowed': 'Toegestaan',
  'programSetup.method.after_approval': 'Na jouw goedkeuring',
  'programSetup.method.forbidden': 'Verboden',
  'programSetup.field.acceptedNl': 'In je eigen woorden, in het Nederlands (optioneel)',
  'programSetup.field.acceptedEn': 'In je eigen woorden, in het Engels (optioneel)',
  'programSetup.hint.accepted': 'Staat boven de lijst met methoden op de programmapagina.',
  'programSetup.field.contactName': 'Naam van de contactpersoon',
  'programSetup.hint.contactName': 'Leeg: de bedrijfsnaam.',
  'programSetup.field.contactEmail': 'E-mailadres voor contact (optioneel)',
  'programSetup.preview': 'Programmapagina bekijken',
  'programSetup.draft': 'Als concept bewaren',
  'programSetup.create': 'Ter beoordeling indienen',
  'programSetup.remove': 'Dit concept verwijderen',
  'programSetup.removeConfirm': 'Dit concept verwijderen? Dat kan niet ongedaan worden gemaakt.',
  'programSetup.refused': 'Er is niets bewaard. Verbeter deze velden:',
  'programSetup.saved':
    'Bewaard als concept: niet zichtbaar voor publishers en er wordt niets gemeten. Dien het ter beoordeling in als het klaar is.',
  'programSetup.submitted':
    'Programma {name} is ter beoordeling naar het netwerk gestuurd: publishers zien het, en de links werken, zodra het netwerk het goedkeurt.',
  'programSetup.removed': 'Het concept {name} is verwijderd.',
  'programSetup.drafts': 'Concepten',
  'programSetup.draftsIntro': 'Bewaard, niet ingediend: publishers zien ze niet.',
  'programSetup.savedAt': 'bewaard {date}',
  'programSetup.edit': 'Bewerken',
  'programSetup.problem.required': 'Vul dit in.',
  'programSetup.problem.tooLong': 'Hoogstens {max} tekens.',
  'programSetup.problem.id':
    'Gebruik kleine letters, cijfers, "-" en "_", beginnend met een letter of cijfer, zoals lampenhuis.',
  'programSetup.problem.url':
    'Geef een volledig webadres dat begint met https://, zoals https://www.lampenhuis.example/.',
  'programSetup.problem.domain':
    '"{value}" is geen hostnaam: geef namen zoals lampenhuis.example, gescheiden door komma’s, zonder https:// of pad.',
  'programSetup.problem.currency':
    '"{value}" is geen valutacode: gebruik codes zoals EUR of USD, gescheiden door komma’s.',
  'programSetup.problem.category':
    '"{value}" is geen categorie: gebruik woorden in kleine letters verbonden met "-", zoals home-garden, gescheiden door komma’s.',
  'programSetup.problem.country':
    '"{value}" is geen landcode: gebruik twee letters zoals NL of BE, gescheiden door komma’s.',
  'programSetup.problem.rate':
    'Geef een percentage van 0 tot 100 met hoogstens 4 decimalen, zoals 6 of 6,5.',
  'programSetup.problem.amount': 'Geef een bedrag in euro met hoogstens 2 decimalen, zoals 1,50.',
  'programSetup.problem.days': 'Geef een heel aantal dagen van {min} tot {max}.',
  'programSetup.problem.deadlineNeedsDays':
    'Goedkeuren of afwijzen aan het eind vraagt een beoordelingstermijn: geef het aantal dagen, of kies "Er gebeurt niets".',
  'programSetup.problem.email':
    'Geef een e-mailadres zoals affiliates@lampenhuis.example, of laat het leeg.',
  'programSetup.problem.choice': 'Kies een van de mogelijkheden.',
  'programSetup.problem.lastGroupMatchesAll':
    'De laatste groep verdient op alles wat eerder niet past: laat de categorieën leeg, of voeg er een groep na toe.',
  'programSetup.problem.groupNeedsCategories':
    'Alleen de laatste groep mag op alles verdienen: noem de categorieën waarvoor deze groep betaalt.',
  'programSetup.problem.tooManyRows': 'Hoogstens {max} rijen.',
  'programSetup.field.effectiveFrom': 'Nieuwe percentages gelden vanaf',
  'programSetup.hint.effectiveFrom':
    'Gewijzigde percentages, valuta of keuze voor kortingscodes worden een nieuwe versie vanaf deze dag (op zijn vroegst morgen); bestellingen van daarvoor houden hun percentages en keuze.',
  'programSetup.problem.date': 'Geef een datum zoals {example}.',
  'programSetup.problem.backdated':
    'Een wijziging kan niet ingaan voordat ze is gepubliceerd: kies {earliest} of later.',
  'programSetup.editTitle': '{name} wijzigen',
  'programSetup.editLink': 'Wijzigen in het formulier',
  'programSetup.editIntro':
    'Wijzig wat je programmapagina zegt, je percentages en je regels. Gewijzigde percentages gaan in op de datum die je geeft; al het andere zodra je publiceert. YAML blijft beschikbaar in de voorwaardeneditor.',
  'programSetup.notGuided':
    'Deze voorwaarden zeggen meer dan het formulier vraagt (landengroepen, maxima, documenten, …): wijzig ze in YAML in de voorwaardeneditor.',
  'programSetup.problem.landingOutsideDomains':
    'Je landingspagina staat op {value}, dat niet bij deze domeinen hoort: voeg het toe (of het domein waar het onder valt), of laat de lijst leeg.',
  'programSetup.problem.taken': 'Er bestaat al een programma met deze id: kies een andere.',
};
