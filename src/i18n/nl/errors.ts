import type { ErrorTexts } from '../translation.js';

/**
 * Refusals in Dutch, by their stable code (src/domain/error-codes.ts holds each code's status and
 * English). English readers get the service's own message (it names the exact field and value);
 * these are the words for everyone else, with the details the service passes along as `{values}`.
 */
export const ERRORS_NL: ErrorTexts = {
  // Accounts and passwords
  invalid_email: 'vul een e-mailadres in, zoals naam@voorbeeld.nl',
  invalid_vat_number: 'het btw-nummer is niet geldig: {reason}',
  invalid_iban: 'IBAN klopt niet: {reason}',
  registration_barred:
    'dit e-mailadres of deze website mag zich niet registreren; neem contact op met het netwerk als dit niet klopt',
  invalid_token:
    'deze link is niet geldig: gebruik de link uit de laatste e-mail of vraag een nieuwe aan',
  token_used: 'deze activeringslink is al gebruikt: log in',
  token_expired: 'deze activeringslink is verlopen: meld je opnieuw aan voor een nieuwe link',
  invalid_password: 'kies een wachtwoord van minstens 10 tekens dat anders is dan het huidige',
  wrong_password: 'dit is niet je huidige wachtwoord',
  password_change_required:
    'kies eerst een nieuw wachtwoord: het eenmalige wachtwoord moet worden vervangen',
  login_failed: 'e-mailadres of wachtwoord klopt niet',
  rate_limited: 'te veel pogingen: probeer het over {seconds} seconden opnieuw',
  invalid_signup: 'controleer deze velden: {fields}',
  invalid_site: 'controleer deze velden: {fields}',
  account_not_active:
    'dit account is niet actief: open de activeringslink uit onze e-mail, of neem contact op met het netwerk',
  invalid_body: 'controleer deze velden: {parameters}',
  // Sites, applications, links
  unknown_site: 'deze site staat niet bij jouw sites',
  publisher_restricted:
    'je account is {status} in het netwerk: je kunt je niet aanmelden bij programma’s',
  advertiser_terminated:
    'de adverteerder van dit programma heeft je account in zijn programma’s beëindigd: je kunt je er niet bij aanmelden zolang de beëindiging geldt (maak bezwaar als dit niet klopt)',
  advertiser_restricted:
    'de adverteerder van dit programma heeft de samenwerking met jou beperkt: je kunt je niet bij zijn programma’s aanmelden zolang de beperking geldt (maak bezwaar als dit niet klopt)',
  advertiser_barred:
    'de adverteerder van dit programma heeft je e-mailadres of website uitgesloten van registratie in zijn programma’s',
  invalid_network_status: 'netwerkstatus: kies actief, beperkt of beëindigd',
  network_status_reason_required:
    'geef aan waarom de netwerkstatus van de publisher verandert; het komt in het auditlog',
  unknown_program: 'dit programma bestaat niet of is gesloten',
  program_not_approved:
    'het programma is {status}: het legt geen bestellingen vast tot het netwerk het goedkeurt',
  review_reason_required:
    'geef aan waarom het programma wordt geweigerd; de adverteerder leest het',
  rules_not_accepted: 'accepteer de regels van het programma om je aan te melden',
  method_forbidden:
    '{method} is niet toegestaan in dit programma ({rule}): laat het weg om je aan te melden',
  invalid_content_category:
    'onbekende inhoudscategorieën: {categories}; gebruik de codes die het programma noemt',
  already_applied: 'deze site heeft zich al aangemeld (status: {status})',
  reason_required: 'geef de publisher een reden voor de afwijzing',
  consent_text_required: 'schrijf op waarvoor de toestemming geldt',
  unknown_application: 'deze aanmelding staat niet bij jouw programma’s',
  program_not_joined:
    'geen van je sites is goedgekeurd in programma {programId}: koppel de postback aan een programma dat je promoot, of aan geen',
  not_approved:
    'deze site is niet goedgekeurd voor dit programma: meld je er eerst mee aan, en gebruik haar zodra de adverteerder haar heeft goedgekeurd',
  unknown_ad: 'dit programma heeft (nog) geen actieve advertentie met deze code',
  not_your_site: 'deze site is niet een van jouw sites: gebruik de id van een van je eigen sites',
  feed_unreadable: 'het feedbestand is niet te lezen als productfeed',
  feed_format_unknown:
    'stuur de feed als text/csv, text/tab-separated-values of application/xml (eventueel gzip)',
  feed_file_too_large:
    'het feedbestand is groter dan {max}: gzip het, of stuur het via de API (POST …/feed-imports)',
  feed_url_invalid: 'de feed-URL moet een volledig https://-adres zijn, zonder wachtwoord',
  feed_url_not_https: 'de feed-URL moet met https:// beginnen',
  feed_url_private_address:
    'de host van de feed-URL verwijst naar een privé-, loopback- of link-local-adres',
  invalid_feed_schedule: 'haal de feed elke 60 (elk uur) tot 10080 (elke week) minuten op',
  unknown_feed_source: 'dit programma heeft geen feed-URL',
  unknown_feed_import: 'deze import van de feed van jouw programma bestaat niet',
  feed_import_running:
    'er loopt al een import van de feed van dit programma: wacht tot die klaar is en stuur het bestand dan opnieuw',
  feed_import_failed: 'de import van de feed is aan onze kant mislukt: upload het bestand opnieuw',
  feed_import_interrupted:
    'de server stopte tijdens de import van de feed: upload het bestand opnieuw',
  unknown_promotion: 'deze actie bestaat niet in jouw programma’s',
  invalid_promotion: 'controleer deze velden: {fields}',
  voucher_code_taken:
    'de code {code} is in dit programma al in gebruik door een exclusieve code (of, voor een exclusieve, door een andere actie): kies een andere code',
  promotion_code_published:
    'de code {code} is al gepubliceerd: hij kan niet exclusief voor één site worden of naar een andere site gaan; maak een nieuwe actie met een nieuwe code',
  promotion_already_ended:
    'de actie zou eindigen op {endsAt}, en dat is niet na nu: kies een later einde (het begin mag in het verleden liggen)',
  deeplink_not_allowed:
    'een deeplink moet een http(s)-adres op {domains} (of een subdomein) zijn; laat het leeg om naar de landingspagina te linken',
  deeplinks_not_allowed:
    'dit programma staat geen deeplinks toe; laat het veld leeg om naar de landingspagina te linken',
  too_many_links: 'hoogstens 1.000 links per verzoek: verdeel ze',
  // Advertenties (tekstlinks en banners)
  invalid_ad_text: 'schrijf 1 tot {max} tekens gewone tekst, zonder < of > of stuurtekens',
  invalid_alt_text:
    'alt-tekst: beschrijf de banner in 1 tot {max} tekens gewone tekst, zonder < of >',
  invalid_banner_size:
    'breedte en hoogte: hele pixels van {min} tot {max} elk (een standaardformaat of een eigen)',
  ad_image_too_large: 'de afbeelding is {bytes} bytes; hoogstens {max} (300 KB)',
  ad_image_type:
    'stuur een PNG-, JPEG-, GIF- of WebP-afbeelding (de inhoud telt; SVG en andere bestanden worden geweigerd)',
  ad_image_mislabelled:
    'de afbeelding is verstuurd als {declared} maar de inhoud is {actual}; stuur haar als wat ze is',
  ad_image_damaged:
    'het afbeeldingsbestand is afgebroken of beschadigd ({problem}); stuur het hele bestand zoals je beeldbewerker het opsloeg',
  ad_image_size_mismatch:
    'de afbeelding is {actual} pixels; een banner van {size} vraagt een afbeelding van dat formaat of twee keer zo groot ({double})',
  invalid_parameter: 'een parameter klopt niet: {parameters}',
  invalid_decision: 'kies goedkeuren of afwijzen',
  // Validation and transactions
  no_selection: 'selecteer minstens één transactie',
  invalid_csv: 'de eerste regel moet de kolommen noemen: orderNumber,decision,reason',
  invalid_decline_reason: 'een afwijzing heeft een reden nodig: {reasons}',
  unknown_order: 'deze bestelling bestaat niet in dit programma',
  order_disqualified: 'deze bestelling is uitgesloten ({reasons}); goedkeuren kan niet',
  order_not_attributed: 'deze bestelling hoort bij geen publisher; er is niets te beoordelen',
  commission_held:
    'deze bestelling wordt aangehouden: bevestig of seponeer eerst de melding onder Compliance, of importeer de wisselkoersen die ze nodig heeft',
  order_flagged:
    'deze bestelling heeft een open compliance-melding en is niet goedgekeurd: beoordeel de melding eerst onder Compliance (seponeren geeft de bestelling vrij, bevestigen houdt het geld aangehouden)',
  commission_locked: 'deze commissie staat op een verstuurd overzicht; dat verandert nooit meer',
  unknown_commission: 'deze commissie bestaat niet',
  commission_paid: 'deze bestelling is al uitbetaald; de commissie kan niet meer veranderen',
  // Compliance
  unknown_action: 'deze handhavingsmaatregel bestaat niet (of geldt niet voor jou)',
  claim_text_required:
    'schrijf je bezwaar (minstens 20 tekens): wat klopt er niet aan de maatregel en waarom',
  too_many_attachments: 'maximaal {max} bijlagen',
  attachment_too_large: '{file}: maximaal 5 MiB per bestand',
  attachment_type: '{file}: stuur PDF, PNG, JPEG, GIF, WebP, platte tekst of CSV',
  claim_too_late:
    'de bezwaartermijn is op {deadline} verstreken; een later bezwaar wordt geweigerd',
  claim_exists: 'er is al een bezwaar tegen deze maatregel ingediend',
  unknown_claim: 'dit bezwaar staat niet bij jouw programma’s',
  claim_decided: 'over dit bezwaar is al beslist ({status})',
  decision_required: 'schrijf de beslissing en de redenen op',
  invalid_kind: 'kies een soort maatregel',
  evidence_required: 'beschrijf het bewijs van de overtreding',
  invalid_rule:
    'noem de overtreden regel met haar code uit de voorwaarden van het programma (voorvoegsel, streepje, letter, nummer)',
  invalid_amount:
    'een inhouding heeft een positief bedrag in euro nodig met hoogstens twee decimalen, bijvoorbeeld 12,50',
  invalid_deadline: 'een herstelperiode heeft een einddatum in de toekomst nodig',
  unknown_publisher: 'deze publisher bestaat niet',
  deduction_exceeds_earnings:
    'een inhouding kan hoogstens EUR {max} zijn: wat de publisher in dit programma verdiende (goedgekeurde en betaalde commissie, min eerdere inhoudingen)',
  action_not_active: 'deze maatregel is niet meer actief ({status})',
  unknown_violation: 'deze melding staat niet bij jouw programma’s',
  violation_reviewed: 'deze melding is al beoordeeld ({status})',
  no_email_access:
    'de adverteerder heeft je voor dit programma geen toegang gegeven tot de goedkeuring van mailings: vraag de adverteerder je die te geven',
  invalid_mailing:
    'vul onderwerp en HTML-tekst in, een verzenddatum in de toekomst, het aantal ontvangers (minstens 1) en waar de adressen vandaan komen',
  unknown_mailing: 'deze mailing staat niet bij jouw programma’s',
  mailing_decided: 'over deze mailing is al beslist ({status})',
  comments_required: 'vertel de publisher waarom de mailing is afgewezen',
  // Programs
  invalid_webhook_url: 'de URL klopt niet: {parameters}',
  invalid_webhook_events: 'noem de gebeurtenissen, elk een die jouw account ontvangt',
  unknown_macro: 'de URL heeft een macro die affnet niet kent: {macro}',
  refused_address: 'het adres wijst naar een privé-, loopback- of link-local-adres',
  unknown_webhook: 'dit endpoint staat niet bij de jouwe',
  unknown_delivery: 'deze aflevering hoort niet bij dit endpoint',
  too_many_webhooks: 'je account heeft al het grootste aantal endpoints dat mag',
  invalid_secret:
    'het geheim moet 8 tot 128 zichtbare tekens hebben (geen spaties), of laat er een maken',
  email_taken: 'dit e-mailadres heeft al een account: vraag de eigenaar in te loggen',
  program_of_another_advertiser: 'dit programma hoort bij een andere adverteerder',
  program_exists: 'er bestaat al een programma met deze id: kies een andere',
  terms_mismatch: 'het concept hoort bij een ander programma',
  unknown_draft: 'dit programmaconcept staat niet bij jouw concepten',
  simulation_busy:
    'er loopt al een simulatie van je, of het netwerk draait er het maximum tegelijk: probeer het over een paar seconden opnieuw',
  terms_backdated:
    'een nieuwe of gewijzigde versie gaat niet eerder in dan wanneer ze wordt gepubliceerd, en een versie die al gold blijft zoals ze is: geef de nieuwe versie een nieuwe id en als effectiveFrom een tijdstip vanaf {published} (met tijdzone) of een datum vanaf {firstDay} (een datum alleen begint om 00:00 UTC)',
  network_fee_not_in_terms:
    'de netwerkvergoeding stelt het netwerk vast, niet de voorwaarden: verwijder de sectie invoicing',
  invalid_network_fee:
    'de netwerkvergoeding moet een decimaal getal van 0 tot 1 zijn met hoogstens 4 decimalen (0,30 is 30 %)',
  terms_too_large:
    'het voorwaardenbestand is groter dan 256 KiB: verwijder wat het programma niet gebruikt',
  terms_too_complex:
    'de voorwaarden gebruiken aliassen meer dan 100 keer: schrijf het herhaalde deel uit',
  terms_too_deep: 'het voorwaardenbestand is dieper genest dan 64 niveaus',
  // Month end
  payout_run_not_exported:
    'exporteer eerst het SEPA-bestand van de uitbetalingsronde en laat de bank het uitvoeren',
  invalid_period: 'schrijf de maand als JJJJ-MM',
  network_invoicing_details_missing:
    'afrekeningen zijn facturen uitgereikt door afnemer: vul eerst de factuurgegevens van het netwerk in (statutaire naam, adres, btw-nummer)',
  no_vat_rate:
    'affnet kent geen btw-tarief voor het land van het netwerk op deze datum: voeg het toe aan de tarieventabel',
  vat_number_changed:
    'het btw-nummer in het dossier is een ander: controleer dat nummer en verifieer dat',
  invalid_invoicing_details:
    'de factuurgegevens zijn niet compleet of niet geldig: controleer naam, adres, postcode, land, btw- en KvK-nummer',
  period_not_ended: '{period} is nog niet voorbij; dit kan pas na afloop van de maand',
  unknown_invoice: 'deze factuur bestaat niet',
  unknown_advertiser: 'deze adverteerder bestaat niet',
  invalid_execution_date: 'schrijf de uitvoeringsdatum als JJJJ-MM-DD',
  invalid_minimum_payout: 'schrijf de minimale uitbetaling als bedrag in euro, zoals 50.00',
  below_network_minimum: 'het netwerk betaalt uit vanaf EUR {minimum}; kies dat bedrag of meer',
  nothing_to_pay:
    'er is geen overzicht dat nu kan worden uitbetaald: maak eerst de overzichten; een publisher zonder IBAN of onder het minimum wordt overgeslagen',
  payout_run_in_progress:
    'een andere uitbetalingsronde nam op hetzelfde moment dezelfde overzichten; deze heeft niets veranderd: bekijk de rondes en exporteer die',
  invalid_sepa_file:
    'het SEPA-bestand kon niet worden gemaakt: controleer de IBAN’s, BIC en naam van de betaalrekening',
  unknown_payout_run: 'deze uitbetalingsronde bestaat niet',
  empty_payout_run: 'deze uitbetalingsronde heeft geen betalingen',
  payout_run_empty: 'deze uitbetalingsronde heeft geen betalingen om als betaald te markeren',
  // Order reports, terms files, the HTTP edge and the command line
  order_terms_differ:
    'deze bestelling is onder eerdere voorwaarden vastgelegd: haar melding wordt onder die voorwaarden berekend',
  attribution_locked:
    'deze bestelling is al gefactureerd of uitbetaald aan de publisher die de eerste melding noemde: de toewijzing kan niet meer veranderen',
  bad_request: 'het verzoek is geen geldig HTTP/1.1',
  body_too_large: 'het verzoek is te groot: stuur minder tegelijk',
  broken_link: 'deze link is kapot: vraag de site waar je hem vond om de link te herstellen',
  csrf_failed:
    'dit formulier is verlopen of kwam van een andere site: laad de pagina opnieuw en verstuur het nog eens',
  database_conflict:
    'de database loste een conflict met een ander verzoek op en sloeg niets op: probeer het over een paar seconden opnieuw',
  database_unavailable:
    'de database is nu niet bereikbaar: probeer het over een paar seconden opnieuw',
  public_url_not_set:
    'deze server verstuurt geen links per e-mail tot de beheerder PUBLIC_URL instelt (het adres waarop mensen hem bereiken)',
  debtor_not_configured:
    'de rekening waarvan uitbetalingen gaan is niet ingesteld (PAYOUT_DEBTOR_NAME, PAYOUT_DEBTOR_IBAN)',
  ecb_fetch_failed:
    'de wisselkoersen van de ECB konden niet worden opgehaald: probeer het later opnieuw',
  forbidden: 'je account mag dit niet doen',
  headers_too_large: 'de headers van het verzoek zijn te groot: maak de URL of de cookies korter',
  incomplete_link:
    'deze link is onvolledig: vraag de site waar je hem vond om de link te herstellen',
  internal_error: 'er ging bij ons iets mis; dat is vastgelegd',
  invalid_change:
    'de wijziging van de bestelling is niet geldig: stuur een status, of regels met een status',
  invalid_click_id:
    'deze klik-id komt niet van dit netwerk: stuur de tduid precies zoals ontvangen',
  invalid_json: 'de inhoud is geen geldige JSON',
  invalid_name: 'geef de sleutel een naam',
  invalid_order: 'de bestelling kan zo niet worden berekend: controleer de genoemde velden',
  invalid_rates_file: 'het bestand met wisselkoersen is niet geldig',
  invalid_terms: 'de voorwaarden volgen het schema niet of spreken zichzelf tegen',
  invalid_url: 'de URL is niet geldig (een losse "%"?)',
  login_required: 'log in om deze pagina te zien',
  network_invoicing_details_not_set: 'het netwerk heeft nog geen factuurgegevens',
  not_found: 'op dit adres staat niets',
  order_not_found: 'deze bestelling bestaat niet in dit programma: meld haar eerst',
  program_not_available:
    'dit programma is nog niet open: de link leidt nergens heen tot het dat is',
  report_refused: 'deze bestelling is al gemeld: de pixel kan haar niet wijzigen',
  request_timeout: 'het verzoek kwam te traag binnen: stuur het opnieuw',
  store_unavailable: 'de database kan niet worden geopend: controleer de instellingen',
  too_many_rows: 'te veel regels in één verzoek: splits het bestand',
  unauthorized: 'log in, of stuur een geldige sleutel',
  unknown_attachment: 'deze bijlage staat niet bij jouw bezwaren',
  unknown_calendar: 'er is geen werkdagenkalender voor deze regio',
  unknown_key: 'deze actieve sleutel staat niet bij jouw sleutels',
  unknown_statement: 'deze afrekening bestaat niet',
  unknown_terms: 'de opgeslagen voorwaarden van deze bestelling ontbreken',
  unsupported_media_type: 'stuur de inhoud in een formaat dat dit adres aanneemt',
  uri_too_long: 'de URL is te lang: maak hem korter',
};
