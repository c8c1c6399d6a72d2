import type { Messages } from '../catalogue.js';

/** What the publisher compliance pages say, in English and Dutch. */
export const PUBLISHER_COMPLIANCE_MESSAGES = {
  'publisherCompliance.compliance': ['Compliance', 'Compliance'],
  'publisherCompliance.enforcementActions': ['Enforcement actions', 'Handhavingsmaatregelen'],
  'publisherCompliance.noneKeepItThatWay': [
    'None. Keep it that way: read the program rules.',
    'Geen. Houd dat zo: lees de programmaregels.',
  ],
  'publisherCompliance.rule': ['Rule', 'Regel'],
  'publisherCompliance.cureBefore': ['cure before', 'herstel vóór'],
  'publisherCompliance.evidence': ['Evidence', 'Bewijs'],
  'publisherCompliance.yourClaim': ['Your claim', 'Je bezwaar'],
  'publisherCompliance.decisionDue': ['decision due', 'beslissing uiterlijk'],
  'publisherCompliance.youMayObjectInWriting': [
    'You may object in writing, with evidence, until',
    'Je kunt schriftelijk bezwaar maken, met bewijs, tot',
  ],
  'publisherCompliance.yourObjection': ['Your objection', 'Je bezwaar'],
  'publisherCompliance.evidencePdfImagesTextUp': [
    'Evidence (PDF, images, text; up to 5 files of 5 MiB)',
    'Bewijs (pdf, afbeeldingen, tekst; tot 5 bestanden van 5 MiB)',
  ],
  'publisherCompliance.submitClaim': ['Submit claim', 'Bezwaar indienen'],
  'publisherCompliance.theClaimWindowClosedOn': [
    'The claim window closed on',
    'De bezwaartermijn sloot op',
  ],
  'publisherCompliance.emailApprovalTool': [
    'Email Approval tool (AE-P1)',
    'Email Approval-tool (AE-P1)',
  ],
  'publisherCompliance.noAccessYetTheAdvertiser': [
    'No access yet: the advertiser grants it per program. Mailing without an approved preview is not allowed.',
    'Nog geen toegang: de adverteerder geeft die per programma. Mailen zonder goedgekeurde preview is niet toegestaan.',
  ],
  'publisherCompliance.program': ['Program', 'Programma'],
  'publisherCompliance.subject': ['Subject', 'Onderwerp'],
  'publisherCompliance.plannedSendUtc': ['Planned send (UTC)', 'Geplande verzending (UTC)'],
  'publisherCompliance.audienceSize': ['Audience size', 'Aantal ontvangers'],
  'publisherCompliance.audienceSource': ['Audience source', 'Herkomst adressen'],
  'publisherCompliance.submitPreview': ['Submit preview', 'Preview indienen'],
  'publisherCompliance.send': ['Send', 'Verzending'],
  'publisherCompliance.status': ['Status', 'Status'],
  'publisherCompliance.linkParameter': ['Link parameter', 'Linkparameter'],
  'publisherCompliance.comments': ['Comments', 'Opmerkingen'],
  'publisherCompliance.claimSubmittedTheAdvertiserDecides': [
    'Claim submitted; the advertiser decides by',
    'Bezwaar ingediend; de adverteerder beslist uiterlijk',
  ],
  'publisherCompliance.previewSubmittedForApproval': [
    'Preview submitted for approval.',
    'Preview ingediend ter goedkeuring.',
  ],
} as const satisfies Messages;
