import type { Messages } from '../catalogue.js';

/**
 * Refusals by their stable code, as the portal shows them. English readers get the service's own
 * message (it names the exact field and value); these are the words for everyone else, with the
 * details the service passes along as `{values}`.
 */
export const ERROR_MESSAGES = {
  // Accounts and passwords
  'refusal.invalid_email': [
    'expected an email address such as name@example.nl',
    'vul een e-mailadres in, zoals naam@voorbeeld.nl',
  ],
  'refusal.invalid_vat_number': [
    'the VAT number is not valid: {reason}',
    'het btw-nummer is niet geldig: {reason}',
  ],
  'refusal.invalid_iban': ['IBAN: {reason}', 'IBAN klopt niet: {reason}'],
  'refusal.registration_barred': [
    'this email address or website is barred from registering (AE-E1 g)',
    'dit e-mailadres of deze website mag zich niet registreren (AE-E1 g); neem contact op met het netwerk als dit niet klopt',
  ],
  'refusal.invalid_token': [
    'this link is not valid: use the link from the latest email',
    'deze link is niet geldig: gebruik de link uit de laatste e-mail of vraag een nieuwe aan',
  ],
  'refusal.token_used': [
    'this activation link was used already: log in',
    'deze activeringslink is al gebruikt: log in',
  ],
  'refusal.token_expired': [
    'this activation link has expired: sign up again to get a new one',
    'deze activeringslink is verlopen: meld je opnieuw aan voor een nieuwe link',
  ],
  'refusal.invalid_password': [
    'use a password of at least 10 characters, other than the current one',
    'kies een wachtwoord van minstens 10 tekens dat anders is dan het huidige',
  ],
  'refusal.wrong_password': [
    'this is not your current password',
    'dit is niet je huidige wachtwoord',
  ],
  'refusal.password_change_required': [
    'set a new password first',
    'kies eerst een nieuw wachtwoord: het eenmalige wachtwoord moet worden vervangen',
  ],
  'refusal.login_failed': [
    'email address or password is wrong',
    'e-mailadres of wachtwoord klopt niet',
  ],
  'refusal.rate_limited': [
    'too many attempts: try again in {seconds} seconds',
    'te veel pogingen: probeer het over {seconds} seconden opnieuw',
  ],
  'refusal.invalid_signup': ['check these fields: {fields}', 'controleer deze velden: {fields}'],
  'refusal.invalid_site': ['check these fields: {fields}', 'controleer deze velden: {fields}'],
  'refusal.account_not_active': [
    'this account is not active',
    'dit account is niet actief: open de activeringslink uit onze e-mail, of neem contact op met het netwerk',
  ],
  'refusal.invalid_body': ['check the form', 'controleer de ingevulde gegevens'],

  // Sites, applications, links
  'refusal.unknown_site': ['no such site among yours', 'deze site staat niet bij jouw sites'],
  'refusal.publisher_restricted': [
    'your account is {status}: you cannot apply to programs',
    'je account is {status} (AE-E1 e, f): je kunt je niet aanmelden bij programma’s',
  ],
  'refusal.unknown_program': ['no such open program', 'dit programma bestaat niet of is gesloten'],
  'refusal.program_not_approved': [
    'the program is {status}: it records no orders until the network approves it',
    'het programma is {status}: het legt geen bestellingen vast tot het netwerk het goedkeurt',
  ],
  'refusal.review_reason_required': [
    'say why the program is refused; the advertiser reads it',
    'geef aan waarom het programma wordt geweigerd; de adverteerder leest het',
  ],
  'refusal.rules_not_accepted': [
    'accept the program rules to apply',
    'accepteer de programmaregels (Advertising Rules and Policies) om je aan te melden',
  ],
  'refusal.method_forbidden': [
    '{method} is not allowed in this program ({rule})',
    '{method} is niet toegestaan in dit programma ({rule}): laat het weg om je aan te melden',
  ],
  'refusal.invalid_content_category': [
    'unknown content categories: {categories}',
    'onbekende inhoudscategorieën: {categories}; gebruik de codes van regel 6 (6a … 6q)',
  ],
  'refusal.already_applied': [
    'this site has applied already',
    'deze site heeft zich al aangemeld (status: {status})',
  ],
  'refusal.reason_required': [
    'give the publisher a reason for the rejection',
    'geef de publisher een reden voor de afwijzing',
  ],
  'refusal.consent_text_required': [
    'write down what the consent covers',
    'schrijf op waarvoor de toestemming geldt',
  ],
  'refusal.unknown_application': [
    'no such application in your programs',
    'deze aanmelding staat niet bij jouw programma’s',
  ],
  'refusal.not_approved': [
    'this site is not approved for this program: apply first',
    'deze site is niet goedgekeurd voor dit programma: meld je eerst aan',
  ],
  'refusal.unknown_ad': [
    'no such active ad in this program',
    'dit programma heeft (nog) geen actieve advertentie met deze code',
  ],
  'refusal.invalid_parameter': [
    'a filter or sub id is not valid',
    'een filter of sub-id klopt niet: gebruik datums als JJJJ-MM-DD, een status uit de lijst en sub-id’s van hoogstens 64 letters, cijfers, "-", "_" of "."',
  ],
  'refusal.invalid_decision': ['choose approve or decline', 'kies goedkeuren of afwijzen'],

  // Validation and transactions
  'refusal.invalid_csv': [
    'the first line must name the columns: orderNumber,decision,reason',
    'de eerste regel moet de kolommen noemen: orderNumber,decision,reason',
  ],
  'refusal.invalid_decline_reason': [
    'a decline needs a reason',
    'een afwijzing heeft een reden nodig: {reasons}',
  ],
  'refusal.unknown_order': ['no such order', 'deze bestelling bestaat niet in dit programma'],
  'refusal.order_disqualified': [
    'the order is disqualified ({reasons})',
    'deze bestelling is uitgesloten ({reasons}); goedkeuren kan niet',
  ],
  'refusal.order_not_attributed': [
    'the order is not attributed to a publisher',
    'deze bestelling hoort bij geen publisher; er is niets te beoordelen',
  ],
  'refusal.commission_held': [
    'the order is held',
    'deze bestelling wordt aangehouden: bevestig of seponeer eerst de melding onder Compliance, of importeer de wisselkoersen die ze nodig heeft',
  ],
  'refusal.order_flagged': [
    'the order has an open compliance flag',
    'deze bestelling heeft een open compliance-melding en is niet goedgekeurd: beoordeel de melding eerst onder Compliance (seponeren geeft de bestelling vrij, bevestigen houdt het geld aangehouden)',
  ],
  'refusal.commission_locked': [
    'the commission is on an issued statement',
    'deze commissie staat op een verstuurd overzicht; dat verandert nooit meer',
  ],
  'refusal.unknown_commission': ['no such commission', 'deze commissie bestaat niet'],
  'refusal.commission_paid': [
    'the order is already paid out',
    'deze bestelling is al uitbetaald; de commissie kan niet meer veranderen',
  ],

  // Compliance
  'refusal.unknown_action': [
    'no such enforcement action',
    'deze handhavingsmaatregel bestaat niet (of geldt niet voor jou)',
  ],
  'refusal.claim_text_required': [
    'write your objection (at least 20 characters)',
    'schrijf je bezwaar (minstens 20 tekens): wat klopt er niet aan de maatregel en waarom',
  ],
  'refusal.too_many_attachments': ['at most {max} attachments', 'maximaal {max} bijlagen'],
  'refusal.attachment_too_large': ['at most 5 MiB per file', '{file}: maximaal 5 MiB per bestand'],
  'refusal.attachment_type': [
    'send PDF, PNG, JPEG, GIF, WebP, plain text or CSV',
    '{file}: stuur PDF, PNG, JPEG, GIF, WebP, platte tekst of CSV',
  ],
  'refusal.claim_too_late': [
    'the claim window closed on {deadline}',
    'de bezwaartermijn is op {deadline} verstreken (5 werkdagen na de maatregel, AE-E2); een later bezwaar wordt geweigerd',
  ],
  'refusal.claim_exists': [
    'a claim against this action exists already',
    'er is al een bezwaar tegen deze maatregel ingediend',
  ],
  'refusal.unknown_claim': [
    'no such claim in your programs',
    'dit bezwaar staat niet bij jouw programma’s',
  ],
  'refusal.claim_decided': [
    'this claim is decided already',
    'over dit bezwaar is al beslist ({status})',
  ],
  'refusal.decision_required': [
    'write the decision and its reasons',
    'schrijf de beslissing en de redenen op',
  ],
  'refusal.invalid_kind': ['choose a kind of action', 'kies een soort maatregel'],
  'refusal.evidence_required': [
    'say what shows the breach (AE-E1)',
    'beschrijf het bewijs van de overtreding (AE-E1)',
  ],
  'refusal.invalid_rule': [
    'name the rule breached, e.g. AE-P4',
    'noem de overtreden regel, bijvoorbeeld AE-P4',
  ],
  'refusal.invalid_amount': [
    'a deduction needs a positive amount in euros, e.g. 12.50',
    'een inhouding heeft een positief bedrag in euro nodig met hoogstens twee decimalen, bijvoorbeeld 12,50',
  ],
  'refusal.invalid_deadline': [
    'a cure period needs a deadline in the future',
    'een herstelperiode heeft een einddatum in de toekomst nodig',
  ],
  'refusal.unknown_publisher': ['no such publisher', 'deze publisher bestaat niet'],
  'refusal.deduction_exceeds_earnings': [
    'a deduction reaches at most EUR {max}',
    'een inhouding kan hoogstens EUR {max} zijn: wat de publisher in dit programma verdiende (goedgekeurde en betaalde commissie, min eerdere inhoudingen)',
  ],
  'refusal.action_not_active': [
    'this action is not active',
    'deze maatregel is niet meer actief ({status})',
  ],
  'refusal.unknown_violation': [
    'no such flag in your programs',
    'deze melding staat niet bij jouw programma’s',
  ],
  'refusal.violation_reviewed': [
    'this flag is reviewed already',
    'deze melding is al beoordeeld ({status})',
  ],
  'refusal.no_email_access': [
    'the advertiser has not given you access to the Email Approval tool',
    'de adverteerder heeft je geen toegang gegeven tot de Email Approval-tool voor dit programma (AE-P1)',
  ],
  'refusal.invalid_mailing': [
    'check the mailing',
    'vul onderwerp en HTML-tekst in, een verzenddatum in de toekomst, het aantal ontvangers (minstens 1) en waar de adressen vandaan komen',
  ],
  'refusal.unknown_mailing': ['no such mailing', 'deze mailing staat niet bij jouw programma’s'],
  'refusal.mailing_decided': [
    'this mailing is decided already',
    'over deze mailing is al beslist ({status})',
  ],
  'refusal.comments_required': [
    'tell the publisher why the mailing is rejected',
    'vertel de publisher waarom de mailing is afgewezen',
  ],

  // Programs
  'refusal.invalid_secret': [
    'the secret needs 8 to 128 visible characters',
    'het geheim moet 8 tot 128 zichtbare tekens hebben (geen spaties), of laat er een maken',
  ],

  'refusal.email_taken': [
    'this address has an account already',
    'dit e-mailadres heeft al een account: vraag de eigenaar in te loggen',
  ],
  'refusal.program_of_another_advertiser': [
    'the program belongs to another advertiser',
    'dit programma hoort bij een andere adverteerder',
  ],
  'refusal.program_exists': [
    'a program with this id exists already: choose another id',
    'er bestaat al een programma met deze id: kies een andere',
  ],
  'refusal.terms_mismatch': [
    'the draft is the terms of another program',
    'het concept hoort bij een ander programma',
  ],
  'refusal.simulation_busy': [
    'a simulation of yours is running, or the network runs its most at once: try again in a few seconds',
    'er loopt al een simulatie van je, of het netwerk draait er het maximum tegelijk: probeer het over een paar seconden opnieuw',
  ],
  'refusal.terms_backdated': [
    'a new or changed version takes effect no earlier than when it is published, and a version in force before now is kept as it is: give the new version a new id and a later effectiveFrom',
    'een nieuwe of gewijzigde versie gaat niet eerder in dan wanneer ze wordt gepubliceerd, en een versie die al gold blijft zoals ze is: geef de nieuwe versie een nieuwe id en een latere effectiveFrom',
  ],
  'refusal.network_fee_not_in_terms': [
    'the network fee is set by the network, not by the terms: remove the invoicing section',
    'de netwerkvergoeding stelt het netwerk vast, niet de voorwaarden: verwijder de sectie invoicing',
  ],
  'refusal.invalid_network_fee': [
    'the network fee must be a decimal from 0 to 1 with at most 4 decimals (0.30 is 30 %)',
    'de netwerkvergoeding moet een decimaal getal van 0 tot 1 zijn met hoogstens 4 decimalen (0,30 is 30 %)',
  ],
  'refusal.terms_too_large': [
    'the terms document is larger than 256 KiB: remove what the program does not use',
    'het voorwaardenbestand is groter dan 256 KiB: verwijder wat het programma niet gebruikt',
  ],
  'refusal.terms_too_complex': [
    'the terms use aliases more than 100 times: write the repeated part out',
    'de voorwaarden gebruiken aliassen meer dan 100 keer: schrijf het herhaalde deel uit',
  ],
  'refusal.terms_too_deep': [
    'the terms document nests deeper than 64 levels',
    'het voorwaardenbestand is dieper genest dan 64 niveaus',
  ],

  // Month end
  'refusal.payout_run_not_exported': [
    'export the run’s SEPA file and have the bank execute it before marking it paid',
    'exporteer eerst het SEPA-bestand van de run en laat de bank het uitvoeren',
  ],
  'refusal.invalid_period': ['write the month as YYYY-MM', 'schrijf de maand als JJJJ-MM'],
  'refusal.network_invoicing_details_missing': [
    'the network has no invoicing details yet',
    'statements zijn facturen uitgereikt door afnemer: vul eerst de factuurgegevens van het netwerk in (statutaire naam, adres, btw-nummer)',
  ],
  'refusal.no_vat_rate': [
    'no VAT rate for the network’s country',
    'affnet kent geen btw-tarief voor het land van het netwerk op deze datum: voeg het toe aan de tarieventabel',
  ],
  'refusal.vat_number_changed': [
    'the VAT number on file is another one',
    'het btw-nummer in het dossier is een ander: controleer dat nummer en verifieer dat',
  ],
  'refusal.invalid_invoicing_details': [
    'the invoicing details are not complete or not valid',
    'de factuurgegevens zijn niet compleet of niet geldig: controleer naam, adres, postcode, land, btw- en KvK-nummer',
  ],
  'refusal.period_not_ended': [
    'the month has not ended yet',
    '{period} is nog niet voorbij; dit kan pas na afloop van de maand',
  ],
  'refusal.unknown_invoice': ['no such invoice', 'deze factuur bestaat niet'],
  'refusal.invalid_execution_date': [
    'write the execution date as YYYY-MM-DD',
    'schrijf de uitvoeringsdatum als JJJJ-MM-DD',
  ],
  'refusal.invalid_minimum_payout': [
    'write the minimum payout as an amount in EUR such as 50.00',
    'schrijf de minimale uitbetaling als bedrag in euro, zoals 50.00',
  ],
  'refusal.below_network_minimum': [
    'the network pays from EUR {minimum}; choose that amount or more',
    'het netwerk betaalt uit vanaf EUR {minimum}; kies dat bedrag of meer',
  ],
  'refusal.nothing_to_pay': [
    'no payable statement can be paid',
    'er is geen overzicht dat nu kan worden uitbetaald: maak eerst de overzichten; een publisher zonder IBAN of onder het minimum wordt overgeslagen',
  ],
  'refusal.payout_run_in_progress': [
    'another payout run took the same statements at the same moment; this one changed nothing',
    'een andere uitbetalingsrun nam op hetzelfde moment dezelfde overzichten; deze heeft niets veranderd: bekijk de runs en exporteer die',
  ],
  'refusal.invalid_sepa_file': [
    'the SEPA file could not be made',
    'het SEPA-bestand kon niet worden gemaakt: controleer de IBAN’s, BIC en naam van de betaalrekening',
  ],
  'refusal.unknown_payout_run': ['no such payout run', 'deze uitbetalingsronde bestaat niet'],
  'refusal.empty_payout_run': [
    'the payout run has no payments',
    'deze uitbetalingsronde heeft geen betalingen',
  ],
  'refusal.payout_run_empty': [
    'the payout run has no payments to mark paid',
    'deze uitbetalingsronde heeft geen betalingen om als betaald te markeren',
  ],
} as const satisfies Messages;
