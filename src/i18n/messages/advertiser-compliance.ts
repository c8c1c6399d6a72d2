import type { Messages } from '../catalogue.js';

/** What the advertiser compliance pages say, in English and Dutch. */
export const ADVERTISER_COMPLIANCE_MESSAGES = {
  'advertiserCompliance.compliance': ['Compliance', 'Compliance'],
  'advertiserCompliance.reviewQueue': ['Review queue', 'Te beoordelen'],
  'advertiserCompliance.noOpenFlags': ['No open flags.', 'Geen open signaleringen.'],
  'advertiserCompliance.open': ['open', 'open'],
  'advertiserCompliance.high': ['high', 'hoog'],
  'advertiserCompliance.confirm': ['Confirm', 'Bevestigen'],
  'advertiserCompliance.dismiss': ['Dismiss', 'Afwijzen'],
  'advertiserCompliance.recordAnEnforcementActionAe': [
    'Record an enforcement action (AE-E1)',
    'Handhavingsmaatregel vastleggen (AE-E1)',
  ],
  'advertiserCompliance.program': ['Program', 'Programma'],
  'advertiserCompliance.action': ['Action', 'Maatregel'],
  'advertiserCompliance.ruleBreached': ['Rule breached', 'Geschonden regel'],
  'advertiserCompliance.order': ['Order', 'Bestelling'],
  'advertiserCompliance.evidence': ['Evidence', 'Bewijs'],
  'advertiserCompliance.amountInEurDeductions': [
    'Amount in EUR (deductions)',
    'Bedrag in EUR (inhoudingen)',
  ],
  'advertiserCompliance.cureBeforeCurePeriods': [
    'Cure before (cure periods)',
    'Herstellen vóór (herstelperiodes)',
  ],
  'advertiserCompliance.recordAndNotify': ['Record and notify', 'Vastleggen en melden'],
  'advertiserCompliance.actionsAndClaims': ['Actions and claims', 'Maatregelen en bezwaren'],
  'advertiserCompliance.claimDeadline': ['Claim deadline', 'Bezwaartermijn'],
  'advertiserCompliance.claim': ['Claim', 'Bezwaar'],
  'advertiserCompliance.lift': ['Lift', 'Opheffen'],
  'advertiserCompliance.decideBy': ['decide by', 'beslissen vóór'],
  'advertiserCompliance.decisionAndReasons': ['Decision and reasons', 'Beslissing en motivering'],
  'advertiserCompliance.upholdReverseTheAction': [
    'Uphold (reverse the action)',
    'Toewijzen (maatregel terugdraaien)',
  ],
  'advertiserCompliance.reject': ['Reject', 'Afwijzen'],
  'advertiserCompliance.emailApprovalTool': [
    'Email Approval tool (AE-P1)',
    'Email Approval-tool (AE-P1)',
  ],
  'advertiserCompliance.grantAccess': ['Grant access', 'Toegang geven'],
  'advertiserCompliance.revoke': ['Revoke', 'Intrekken'],
  'advertiserCompliance.recipients': ['recipients', 'ontvangers'],
  'advertiserCompliance.comments': ['Comments', 'Opmerkingen'],
  'advertiserCompliance.approve': ['Approve', 'Goedkeuren'],
  'advertiserCompliance.recordedThePublisherIsNotified': [
    'recorded; the publisher is notified and may object until',
    'vastgelegd; de publisher is op de hoogte en kan bezwaar maken tot',
  ],
  'advertiserCompliance.lifted': ['lifted', 'opgeheven'],
  'advertiserCompliance.emailAccessUpdated': ['Email access updated.', 'E-mailtoegang bijgewerkt.'],
} as const satisfies Messages;
