/**
 * Every email the network sends, in the recipient's stored language (`users.locale`): a subject
 * and a text per message, optional paragraphs as their own keys.
 */
export const EMAIL = {
  'email.signupExists.subject': 'Someone tried to sign up with your address',
  'email.signupExists.text':
    'Someone tried to create an affnet publisher account with this email address, which already has one.\nIf it was you: log in, or reset your password at {baseUrl}/password-reset. Otherwise ignore this message.',
  'email.activation.subject': 'Activate your affnet publisher account',
  'email.activation.text':
    'Hello {name},\n\nOpen this link to activate your publisher account (it works once, for 24 hours):\n\n{link}\n\nIf you did not sign up, ignore this message.',
  'email.passwordReset.subject': 'Reset your affnet password',
  'email.passwordReset.text':
    'Open this link to choose a new password (it works once, for one hour):\n\n{link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.',
  'email.advertiserInvite.subject': 'You are invited to run {advertiser} on affnet',
  'email.advertiserInvite.text':
    'The network invites you to the advertiser console of {advertiser}: programs, applications, transactions and terms.\n\nChoose your password with this link (it works once, for 7 days):\n\n{link}\n\nThen log in with this email address.',
  'email.application.subject': 'New application for {program}: {site}',
  'email.application.text':
    '{publisher} applied to {program} with {site} ({url}).\nPromotion methods: {methods}.\nProhibited content declared: {content}.\nBrand screening: {screening}.\n\nDecide in the advertiser console: Applications.',
  'email.webhookFailing.subject': 'Your endpoint is disabled: it failed for 5 days',
  'email.webhookFailing.text':
    'Every delivery to {url} has failed since {since}, so affnet disabled the endpoint and keeps its events waiting.\n\nFix the receiver, then enable the endpoint again in the portal (Integrations) or with PATCH /api/v1/webhooks/{id} {"enabled": true}: the waiting events are sent in order.',
  'email.webhookGone.subject': 'Your endpoint is disabled: it answered 410 Gone',
  'email.webhookGone.text':
    '{url} answered 410 Gone, so affnet disabled the endpoint. Enable it again in the portal (Integrations) when it should receive events.',
  'email.none': 'none',
  'email.approved.subject': 'Approved: {site} in {program}',
  'email.approved.text':
    'Your site {site} ({url}) is approved for {program}. Build its links in the portal: Links.',
  'email.rejected.subject': 'Not approved: {site} in {program}',
  'email.rejected.text':
    'The application of your site {site} ({url}) to {program} was not approved. Reason: {reason}',
  'email.programApproved.subject': 'Approved by the network: your program {program}',
  'email.programApproved.text':
    'The network approved {program}: it is in the program directory, publishers can apply to it, and its clicks and reports are tracked.',
  'email.programRefused.subject': 'Not approved by the network: your program {program}',
  'email.programRefused.text':
    'The network did not approve {program}. Reason: {reason}\n\nUntil it is approved it is not in the directory, publishers cannot apply, its clicks do not attribute and its reports are refused. Change its terms in the advertiser console to have it reviewed again.',
  'email.claim.subject': 'Claim against an enforcement action: decide by {due}',
  'email.claim.text':
    'Publisher {publisher} objects to {kind} {action} ({rule}).\n\n{claim}\n\nDecide before {dueAt}: advertiser console → Compliance.',
  'email.claimDecided.subject': 'Your claim was {outcome}',
  'email.claimDecided.text': 'Decision on your claim {claim}: {outcome}.\n\n{decision}',
  'email.claimDecided.reversed': 'The enforcement action and its effects are reversed.',
  'email.claimReminder.subject': 'Reminder: a claim decision is due',
  'email.claimReminder.text': 'Claim {claim} must be decided before {dueAt}.',
  'email.enforcement.subject': 'Enforcement action: {kind}',
  'email.enforcement.text':
    'An enforcement action was recorded against your account: {kind}.\nRule breached: {rule}. Evidence: {evidence}',
  'email.enforcement.amount': 'Amount deducted: EUR {amount}.',
  'email.enforcement.cure': 'Cure the breach before {deadline}.',
  'email.enforcement.claim':
    'You may object in writing with evidence until {deadline} ({days} working days, {calendar} calendar): portal → Compliance.',
  'email.enforcementEnded.subject': 'Enforcement action {outcome}: {kind}',
  'email.enforcementEnded.text':
    'The {kind} recorded on {date} ({rule}) is {outcome}; its effect is undone.',
  'email.claimWindow.subject': 'Reminder: the claim window closes within a day',
  'email.claimWindow.text': 'You can object to the {kind} ({action}) until {deadline}.',
  'email.mailingApproved.subject': 'Mailing approved: {subject}',
  'email.mailingApproved.text':
    'Your mailing "{subject}" is approved. Add m={param} to its tracking links; they count as email traffic until {until}.',
  'email.mailingComments': 'Comments: {comments}',
  'email.mailingRejected.subject': 'Mailing not approved: {subject}',
  'email.mailingRejected.text': 'Your mailing "{subject}" is not approved: {comments}',
} as const;
