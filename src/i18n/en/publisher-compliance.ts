/** What the publisher compliance pages say, in English and Dutch. */
export const PUBLISHER_COMPLIANCE = {
  'publisherCompliance.compliance': 'Compliance',
  'publisherCompliance.enforcementActions': 'Enforcement actions',
  'publisherCompliance.noneKeepItThatWay': 'None. Keep it that way: read the program rules.',
  'publisherCompliance.rule': 'Rule',
  'publisherCompliance.cureBefore': 'cure before',
  'publisherCompliance.evidence': 'Evidence',
  'publisherCompliance.yourClaim': 'Your claim',
  'publisherCompliance.decisionDue': 'decision due',
  'publisherCompliance.youMayObjectInWriting': 'You may object in writing, with evidence, until',
  'publisherCompliance.yourObjection': 'Your objection',
  'publisherCompliance.evidencePdfImagesTextUp':
    'Evidence (PDF, images, text; up to 5 files of 5 MiB)',
  'publisherCompliance.submitClaim': 'Submit claim',
  'publisherCompliance.theClaimWindowClosedOn': 'The claim window closed on',
  'publisherCompliance.emailApprovalTool': 'Email Approval tool',
  'publisherCompliance.noAccessYetTheAdvertiser':
    'No access yet: the advertiser grants it per program. Mailing without an approved preview is not allowed.',
  'publisherCompliance.program': 'Program',
  'publisherCompliance.subject': 'Subject',
  'publisherCompliance.plannedSendUtc': 'Planned send (UTC)',
  'publisherCompliance.audienceSize': 'Audience size',
  'publisherCompliance.audienceSource': 'Audience source',
  'publisherCompliance.submitPreview': 'Submit preview',
  'publisherCompliance.send': 'Send',
  'publisherCompliance.status': 'Status',
  'publisherCompliance.linkParameter': 'Link parameter',
  'publisherCompliance.comments': 'Comments',
  'publisherCompliance.claimSubmittedTheAdvertiserDecides':
    'Claim submitted; the advertiser decides by',
  'publisherCompliance.previewSubmittedForApproval': 'Preview submitted for approval.',
} as const;
