import type { Translation } from '../translation.js';
import type { PUBLISHER_COMPLIANCE } from '../en/publisher-compliance.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PUBLISHER_COMPLIANCE_NL: Translation<typeof PUBLISHER_COMPLIANCE> = {
  'publisherCompliance.compliance': 'Compliance',
  'publisherCompliance.enforcementActions': 'Handhavingsmaatregelen',
  'publisherCompliance.noneKeepItThatWay': 'Geen. Houd dat zo: lees de programmaregels.',
  'publisherCompliance.rule': 'Regel',
  'publisherCompliance.cureBefore': 'herstel vóór',
  'publisherCompliance.evidence': 'Bewijs',
  'publisherCompliance.yourClaim': 'Je bezwaar',
  'publisherCompliance.decisionDue': 'beslissing uiterlijk',
  'publisherCompliance.youMayObjectInWriting':
    'Je kunt schriftelijk bezwaar maken, met bewijs, tot',
  'publisherCompliance.yourObjection': 'Je bezwaar',
  'publisherCompliance.evidencePdfImagesTextUp':
    'Bewijs (pdf, afbeeldingen, tekst; tot 5 bestanden van 5 MiB)',
  'publisherCompliance.submitClaim': 'Bezwaar indienen',
  'publisherCompliance.theClaimWindowClosedOn': 'De bezwaartermijn sloot op',
  'publisherCompliance.emailApprovalTool': 'Goedkeuring van mailings',
  'publisherCompliance.noAccessYetTheAdvertiser':
    'Nog geen toegang: de adverteerder geeft die per programma. Mailen zonder goedgekeurd voorbeeld is niet toegestaan.',
  'publisherCompliance.program': 'Programma',
  'publisherCompliance.subject': 'Onderwerp',
  'publisherCompliance.plannedSendUtc': 'Geplande verzending (UTC)',
  'publisherCompliance.audienceSize': 'Aantal ontvangers',
  'publisherCompliance.audienceSource': 'Herkomst adressen',
  'publisherCompliance.submitPreview': 'Voorbeeld indienen',
  'publisherCompliance.send': 'Verzending',
  'publisherCompliance.status': 'Status',
  'publisherCompliance.linkParameter': 'Linkparameter',
  'publisherCompliance.comments': 'Opmerkingen',
  'publisherCompliance.claimSubmittedTheAdvertiserDecides':
    'Bezwaar ingediend; de adverteerder beslist uiterlijk',
  'publisherCompliance.previewSubmittedForApproval': 'Voorbeeld ingediend ter goedkeuring.',
};
