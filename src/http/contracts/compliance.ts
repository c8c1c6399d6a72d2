import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute, forbidden } from './contract.js';
import { idParam } from './params.js';

/** Compliance: enforcement, claims, mailings, the review queue and the Email Approval tool. */
export const COMPLIANCE_ROUTES = {
  getPublisherEnforcement: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/enforcement',
    tag: 'Compliance',
    summary: 'Enforcement actions against you (AE-E1) with claim deadlines and claims',
    auth: 'publisher',
    answers: {
      200: { description: 'Actions', schema: ANSWERS.PublisherEnforcement },
    },
  }),
  postPublisherClaims: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/claims',
    tag: 'Compliance',
    summary: 'Object to an action in writing with evidence before its claim deadline (AE-E2)',
    auth: 'publisher',
    body: BODIES.claim,
    answers: {
      201: {
        description: 'Submitted, with the decision deadline (AE-E3)',
        schema: ANSWERS.ClaimSubmitted,
      },
      400: 'Too late (the deadline is in the message), invalid text or file',
      404: 'Not your action',
    },
  }),
  getPublisherMailings: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/mailings',
    tag: 'Compliance',
    summary: 'Your mailing previews and their decisions (AE-P1)',
    auth: 'publisher',
    answers: {
      200: { description: 'Mailings', schema: ANSWERS.PublisherMailings },
    },
  }),
  postPublisherMailings: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/mailings',
    tag: 'Compliance',
    summary: 'Submit a mailing preview for approval (needs access to the Email Approval tool)',
    auth: 'publisher',
    body: BODIES.mailing,
    answers: {
      201: { description: 'Submitted', schema: ANSWERS.MailingSubmitted },
      400: 'Invalid preview',
      403: forbidden('No access to the Email Approval tool for this program (no_email_access)'),
    },
  }),
  getAdvertiserReviewQueue: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/review-queue',
    tag: 'Compliance',
    summary:
      'Open traffic-policy flags per publisher: counts per detector and examples with evidence',
    auth: 'advertiser',
    answers: {
      200: { description: 'The queue', schema: ANSWERS.ReviewQueue },
    },
  }),
  postAdvertiserViolationsByIdReview: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/violations/{id}/review',
    tag: 'Compliance',
    summary: 'Confirm or dismiss a flag (dismissing an email flag releases the orders it held)',
    auth: 'advertiser',
    params: z.object({ id: idParam('the violation') }),
    body: BODIES.violationReview,
    answers: {
      200: { description: 'Reviewed', schema: ANSWERS.StatusChanged },
      400: 'Already reviewed',
      404: 'Not in your programs',
    },
  }),
  getAdvertiserEnforcement: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/enforcement',
    tag: 'Compliance',
    summary: 'Enforcement actions in your programs with their claims',
    auth: 'advertiser',
    answers: {
      200: { description: 'Actions', schema: ANSWERS.AdvertiserEnforcement },
    },
  }),
  postAdvertiserEnforcement: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/enforcement',
    tag: 'Compliance',
    summary:
      'Record an enforcement action (warning, cure_period, withhold, deduction, termination, restriction, registration_bar); the publisher is emailed. Termination, restriction and registration_bar reach your own programs only: a termination suspends the publisher’s memberships in them (restored when it ends) and refuses its applications; a restriction refuses new applications while existing memberships carry on; a registration bar refuses applications from the publisher’s email addresses and site domains, from any account. None changes the publisher’s standing in the network or with other advertisers',
    auth: 'advertiser',
    body: BODIES.enforcement,
    answers: {
      201: { description: 'Recorded, with the claim deadline', schema: ANSWERS.ActionRecorded },
      400: 'Invalid kind, rule, evidence, amount or deadline',
      404: 'Not your program or publisher',
    },
  }),
  postAdvertiserEnforcementByIdLift: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/enforcement/{id}/lift',
    tag: 'Compliance',
    summary:
      'Lift an action (its effect is undone: a termination’s suspended memberships are restored, unless another active termination still holds them)',
    auth: 'advertiser',
    params: z.object({ id: idParam('the action') }),
    answers: {
      200: { description: 'Lifted', schema: ANSWERS.StatusChanged },
      400: 'Not active',
      404: 'Not in your programs',
    },
  }),
  postAdvertiserClaimsByIdDecision: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/claims/{id}/decision',
    tag: 'Compliance',
    summary: 'Decide a claim (AE-E3); upheld reverses the action and its ledger effects',
    auth: 'advertiser',
    params: z.object({ id: idParam('the claim') }),
    body: BODIES.claimDecision,
    answers: {
      200: { description: 'Decided', schema: ANSWERS.StatusChanged },
      400: 'Already decided or no reasons',
      404: 'Not in your programs',
    },
  }),
  getAdvertiserMailings: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/mailings',
    tag: 'Compliance',
    summary: 'Mailing previews submitted to your programs',
    auth: 'advertiser',
    answers: {
      200: { description: 'Mailings', schema: ANSWERS.AdvertiserMailings },
    },
  }),
  postAdvertiserMailingsByIdDecision: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/mailings/{id}/decision',
    tag: 'Compliance',
    summary: 'Approve (a link parameter and send window) or reject (with comments) a mailing',
    auth: 'advertiser',
    params: z.object({ id: idParam('the mailing') }),
    body: BODIES.mailingDecision,
    answers: {
      200: { description: 'Decided', schema: ANSWERS.MailingDecided },
      400: 'Already decided or comments missing',
      404: 'Not in your programs',
    },
  }),
  postAdvertiserEmailAccess: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/email-access',
    tag: 'Compliance',
    summary: 'Grant or revoke a publisher’s access to the Email Approval tool for a program',
    auth: 'advertiser',
    body: BODIES.emailAccess,
    answers: {
      200: { description: 'Updated', schema: ANSWERS.EmailAccess },
      404: 'Not your program or publisher',
    },
  }),
};
