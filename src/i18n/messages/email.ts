import type { Messages } from '../catalogue.js';

/**
 * Every email the network sends, in the recipient's stored language (`users.locale`): a subject
 * and a text per message, optional paragraphs as their own keys.
 */
export const EMAIL_MESSAGES = {
  'email.signupExists.subject': [
    'Someone tried to sign up with your address',
    'Iemand probeerde zich aan te melden met je adres',
  ],
  'email.signupExists.text': [
    'Someone tried to create an affnet publisher account with this email address, which already has one.\nIf it was you: log in, or reset your password at {baseUrl}/password-reset. Otherwise ignore this message.',
    'Iemand probeerde een affnet-publisheraccount aan te maken met dit e-mailadres, dat al een account heeft.\nWas jij dat? Log dan in of stel je wachtwoord opnieuw in via {baseUrl}/password-reset. Anders kun je dit bericht negeren.',
  ],
  'email.activation.subject': [
    'Activate your affnet publisher account',
    'Activeer je affnet-publisheraccount',
  ],
  'email.activation.text': [
    'Hello {name},\n\nOpen this link to activate your publisher account (it works once, for 24 hours):\n\n{link}\n\nIf you did not sign up, ignore this message.',
    'Hallo {name},\n\nOpen deze link om je publisheraccount te activeren (één keer bruikbaar, 24 uur geldig):\n\n{link}\n\nHeb je je niet aangemeld? Dan kun je dit bericht negeren.',
  ],
  'email.passwordReset.subject': ['Reset your affnet password', 'Nieuw wachtwoord voor affnet'],
  'email.passwordReset.text': [
    'Open this link to choose a new password (it works once, for one hour):\n\n{link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.',
    'Open deze link om een nieuw wachtwoord te kiezen (één keer bruikbaar, een uur geldig):\n\n{link}\n\nHeb je hier niet om gevraagd? Dan kun je dit bericht negeren; je wachtwoord blijft zoals het is.',
  ],
  'email.advertiserInvite.subject': [
    'You are invited to run {advertiser} on affnet',
    'Je bent uitgenodigd om {advertiser} op affnet te beheren',
  ],
  'email.advertiserInvite.text': [
    'The network invites you to the advertiser console of {advertiser}: programs, applications, transactions and terms.\n\nChoose your password with this link (it works once, for 7 days):\n\n{link}\n\nThen log in with this email address.',
    'Het netwerk nodigt je uit voor de adverteerdersconsole van {advertiser}: programma’s, aanmeldingen, transacties en voorwaarden.\n\nKies je wachtwoord met deze link (één keer bruikbaar, 7 dagen geldig):\n\n{link}\n\nLog daarna in met dit e-mailadres.',
  ],
  'email.application.subject': [
    'New application for {program}: {site}',
    'Nieuwe aanmelding voor {program}: {site}',
  ],
  'email.application.text': [
    '{publisher} applied to {program} with {site} ({url}).\nPromotion methods: {methods}.\nProhibited content declared (AE-P6): {content}.\nBrand screening (AE-P5): {screening}.\n\nDecide in the advertiser console: Applications.',
    '{publisher} heeft zich aangemeld voor {program} met {site} ({url}).\nPromotiemethoden: {methods}.\nVerboden inhoud opgegeven (AE-P6): {content}.\nMerkcontrole (AE-P5): {screening}.\n\nBeslis in de adverteerdersconsole: Aanmeldingen.',
  ],
  'email.none': ['none', 'geen'],
  'email.approved.subject': [
    'Approved: your application to {program}',
    'Goedgekeurd: je aanmelding voor {program}',
  ],
  'email.approved.text': [
    'Your site is approved for {program}. Build your links in the portal: Links.',
    'Je site is goedgekeurd voor {program}. Maak je links in het portaal: Links.',
  ],
  'email.rejected.subject': [
    'Not approved: your application to {program}',
    'Niet goedgekeurd: je aanmelding voor {program}',
  ],
  'email.rejected.text': [
    'Your application to {program} was not approved. Reason: {reason}',
    'Je aanmelding voor {program} is niet goedgekeurd. Reden: {reason}',
  ],
  'email.claim.subject': [
    'Claim against an enforcement action: decide by {due}',
    'Bezwaar tegen een handhavingsmaatregel: beslis vóór {due}',
  ],
  'email.claim.text': [
    'Publisher {publisher} objects to {kind} {action} ({rule}).\n\n{claim}\n\nDecide before {dueAt} (15 working days, AE-E3): advertiser console → Compliance.',
    'Publisher {publisher} maakt bezwaar tegen {kind} {action} ({rule}).\n\n{claim}\n\nBeslis vóór {dueAt} (15 werkdagen, AE-E3): adverteerdersconsole → Compliance.',
  ],
  'email.claimDecided.subject': ['Your claim was {outcome}', 'Beslissing op je bezwaar: {outcome}'],
  'email.claimDecided.text': [
    'Decision on your claim {claim}: {outcome}.\n\n{decision}',
    'Beslissing op je bezwaar {claim}: {outcome}.\n\n{decision}',
  ],
  'email.claimDecided.reversed': [
    'The enforcement action and its effects are reversed.',
    'De maatregel en de gevolgen ervan zijn teruggedraaid.',
  ],
  'email.claimReminder.subject': [
    'Reminder: a claim decision is due',
    'Herinnering: een beslissing op een bezwaar moet worden genomen',
  ],
  'email.claimReminder.text': [
    'Claim {claim} must be decided before {dueAt} (AE-E3).',
    'Over bezwaar {claim} moet vóór {dueAt} worden beslist (AE-E3).',
  ],
  'email.enforcement.subject': ['Enforcement action: {kind}', 'Handhavingsmaatregel: {kind}'],
  'email.enforcement.text': [
    'An enforcement action was recorded against your account: {kind}.\nRule breached: {rule}. Evidence: {evidence}',
    'Er is een handhavingsmaatregel tegen je account vastgelegd: {kind}.\nOvertreden regel: {rule}. Bewijs: {evidence}',
  ],
  'email.enforcement.amount': [
    'Amount deducted: EUR {amount}.',
    'Ingehouden bedrag: EUR {amount}.',
  ],
  'email.enforcement.cure': [
    'Cure the breach before {deadline}.',
    'Herstel de overtreding vóór {deadline}.',
  ],
  'email.enforcement.claim': [
    'You may object in writing with evidence until {deadline} (5 working days, {calendar} calendar, AE-E2): portal → Compliance.',
    'Je kunt tot {deadline} schriftelijk en met bewijs bezwaar maken (5 werkdagen, kalender {calendar}, AE-E2): portaal → Compliance.',
  ],
  'email.enforcementEnded.subject': [
    'Enforcement action {outcome}: {kind}',
    'Handhavingsmaatregel {outcome}: {kind}',
  ],
  'email.enforcementEnded.text': [
    'The {kind} recorded on {date} ({rule}) is {outcome}; its effect is undone.',
    'De maatregel “{kind}” van {date} ({rule}) is {outcome}; het gevolg ervan is ongedaan gemaakt.',
  ],
  'email.claimWindow.subject': [
    'Reminder: the claim window closes within a day',
    'Herinnering: de bezwaartermijn sluit binnen een dag',
  ],
  'email.claimWindow.text': [
    'You can object to the {kind} ({action}) until {deadline} (AE-E2).',
    'Je kunt tot {deadline} bezwaar maken tegen de maatregel “{kind}” ({action}) (AE-E2).',
  ],
  'email.mailingApproved.subject': [
    'Mailing approved: {subject}',
    'Mailing goedgekeurd: {subject}',
  ],
  'email.mailingApproved.text': [
    'Your mailing "{subject}" is approved. Add m={param} to its tracking links; they count as email traffic until {until}.',
    'Je mailing "{subject}" is goedgekeurd. Voeg m={param} toe aan de trackinglinks; die tellen als e-mailverkeer tot {until}.',
  ],
  'email.mailingComments': ['Comments: {comments}', 'Opmerkingen: {comments}'],
  'email.mailingRejected.subject': [
    'Mailing not approved: {subject}',
    'Mailing niet goedgekeurd: {subject}',
  ],
  'email.mailingRejected.text': [
    'Your mailing "{subject}" is not approved: {comments}',
    'Je mailing "{subject}" is niet goedgekeurd: {comments}',
  ],
} as const satisfies Messages;
