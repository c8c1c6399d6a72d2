import type { Translation } from '../translation.js';
import type { EMAIL } from '../en/email.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const EMAIL_NL: Translation<typeof EMAIL> = {
  'email.signupExists.subject': 'Iemand probeerde zich aan te melden met je adres',
  'email.signupExists.text':
    'Iemand probeerde een affnet-publisheraccount aan te maken met dit e-mailadres, dat al een account heeft.\nWas jij dat? Log dan in of stel je wachtwoord opnieuw in via {baseUrl}/password-reset. Anders kun je dit bericht negeren.',
  'email.activation.subject': 'Activeer je affnet-publisheraccount',
  'email.activation.text':
    'Hallo {name},\n\nOpen deze link om je publisheraccount te activeren (één keer bruikbaar, 24 uur geldig):\n\n{link}\n\nHeb je je niet aangemeld? Dan kun je dit bericht negeren.',
  'email.passwordReset.subject': 'Nieuw wachtwoord voor affnet',
  'email.passwordReset.text':
    'Open deze link om een nieuw wachtwoord te kiezen (één keer bruikbaar, een uur geldig):\n\n{link}\n\nHeb je hier niet om gevraagd? Dan kun je dit bericht negeren; je wachtwoord blijft zoals het is.',
  'email.advertiserInvite.subject': 'Je bent uitgenodigd om {advertiser} op affnet te beheren',
  'email.advertiserInvite.text':
    'Het netwerk nodigt je uit voor de adverteerdersconsole van {advertiser}: programma’s, aanmeldingen, transacties en voorwaarden.\n\nKies je wachtwoord met deze link (één keer bruikbaar, 7 dagen geldig):\n\n{link}\n\nLog daarna in met dit e-mailadres.',
  'email.application.subject': 'Nieuwe aanmelding voor {program}: {site}',
  'email.application.text':
    '{publisher} heeft zich aangemeld voor {program} met {site} ({url}).\nPromotiemethoden: {methods}.\nVerboden inhoud opgegeven: {content}.\nMerkcontrole: {screening}.\n\nBeslis in de adverteerdersconsole: Aanmeldingen.',
  'email.webhookFailing.subject': 'Je endpoint staat uit: het faalde 5 dagen lang',
  'email.webhookFailing.text':
    'Elke aflevering aan {url} is mislukt sinds {since}; affnet heeft het endpoint daarom uitgezet en houdt de gebeurtenissen vast.\n\nHerstel de ontvanger en zet het endpoint weer aan in het portaal (Koppelingen) of met PATCH /api/v1/webhooks/{id} {"enabled": true}: de wachtende gebeurtenissen gaan dan op volgorde.',
  'email.webhookGone.subject': 'Je endpoint staat uit: het antwoordde 410 Gone',
  'email.webhookGone.text':
    '{url} antwoordde 410 Gone; affnet heeft het endpoint daarom uitgezet. Zet het weer aan in het portaal (Koppelingen) als het gebeurtenissen moet ontvangen.',
  'email.none': 'geen',
  'email.approved.subject': 'Goedgekeurd: {site} bij {program}',
  'email.approved.text':
    'Je site {site} ({url}) is goedgekeurd voor {program}. Maak de links ervoor in het portaal: Links.',
  'email.rejected.subject': 'Niet goedgekeurd: {site} bij {program}',
  'email.rejected.text':
    'De aanmelding van je site {site} ({url}) voor {program} is niet goedgekeurd. Reden: {reason}',
  'email.programApproved.subject': 'Goedgekeurd door het netwerk: je programma {program}',
  'email.programApproved.text':
    'Het netwerk heeft {program} goedgekeurd: het staat in de programmagids, publishers kunnen zich aanmelden, en de kliks en meldingen worden gevolgd.',
  'email.programRefused.subject': 'Niet goedgekeurd door het netwerk: je programma {program}',
  'email.programRefused.text':
    'Het netwerk heeft {program} niet goedgekeurd. Reden: {reason}\n\nZolang het niet is goedgekeurd staat het niet in de programmagids, kunnen publishers zich niet aanmelden, tellen de kliks niet en worden de meldingen geweigerd. Pas de voorwaarden aan in de adverteerdersconsole om het opnieuw te laten beoordelen.',
  'email.claim.subject': 'Bezwaar tegen een handhavingsmaatregel: beslis vóór {due}',
  'email.claim.text':
    'Publisher {publisher} maakt bezwaar tegen {kind} {action} ({rule}).\n\n{claim}\n\nBeslis vóór {dueAt}: adverteerdersconsole → Compliance.',
  'email.claimDecided.subject': 'Beslissing op je bezwaar: {outcome}',
  'email.claimDecided.text': 'Beslissing op je bezwaar {claim}: {outcome}.\n\n{decision}',
  'email.claimDecided.reversed': 'De maatregel en de gevolgen ervan zijn teruggedraaid.',
  'email.claimReminder.subject': 'Herinnering: een beslissing op een bezwaar moet worden genomen',
  'email.claimReminder.text': 'Over bezwaar {claim} moet vóór {dueAt} worden beslist.',
  'email.enforcement.subject': 'Handhavingsmaatregel: {kind}',
  'email.enforcement.text':
    'Er is een handhavingsmaatregel tegen je account vastgelegd: {kind}.\nOvertreden regel: {rule}. Bewijs: {evidence}',
  'email.enforcement.amount': 'Ingehouden bedrag: EUR {amount}.',
  'email.enforcement.cure': 'Herstel de overtreding vóór {deadline}.',
  'email.enforcement.claim':
    'Je kunt tot {deadline} schriftelijk en met bewijs bezwaar maken ({days} werkdagen, kalender {calendar}): portaal → Compliance.',
  'email.enforcementEnded.subject': 'Handhavingsmaatregel {outcome}: {kind}',
  'email.enforcementEnded.text':
    'De maatregel “{kind}” van {date} ({rule}) is {outcome}; het gevolg ervan is ongedaan gemaakt.',
  'email.claimWindow.subject': 'Herinnering: de bezwaartermijn sluit binnen een dag',
  'email.claimWindow.text':
    'Je kunt tot {deadline} bezwaar maken tegen de maatregel “{kind}” ({action}).',
  'email.mailingApproved.subject': 'Mailing goedgekeurd: {subject}',
  'email.mailingApproved.text':
    'Je mailing "{subject}" is goedgekeurd. Voeg m={param} toe aan de trackinglinks; die tellen als e-mailverkeer tot {until}.',
  'email.mailingComments': 'Opmerkingen: {comments}',
  'email.mailingRejected.subject': 'Mailing niet goedgekeurd: {subject}',
  'email.mailingRejected.text': 'Je mailing "{subject}" is niet goedgekeurd: {comments}',
};
