import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute } from './contract.js';
import { idParam } from './params.js';

const program = z.object({ programId: idParam('your program') });

/** The advertiser console's own API: applications, brand consent, API keys, pixel secret. */
export const ADVERTISER_ROUTES = {
  applications: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/applications',
    tag: 'Advertiser',
    summary: 'Applications to your programs with brand screening (AE-P5)',
    auth: 'advertiser',
    answers: {
      200: { description: 'Applications', schema: INTEGRATION_ANSWERS.AdvertiserApplications },
    },
  }),
  decideApplication: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/applications/{id}/decision',
    tag: 'Advertiser',
    summary:
      'Approve or reject an application (a rejection needs a reason); both sides are emailed',
    auth: 'advertiser',
    params: z.object({ id: idParam('the application') }),
    body: BODIES.applicationDecision,
    answers: {
      200: { description: 'Decided', schema: ANSWERS.ApplicationDecided },
      400: 'Reason missing',
      404: 'Not your program',
    },
  }),
  consent: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/applications/{id}/consent',
    tag: 'Advertiser',
    summary: 'Record written consent to an application’s brand hits (AE-P5)',
    auth: 'advertiser',
    params: z.object({ id: idParam('the application') }),
    body: BODIES.consent,
    answers: {
      200: { description: 'Recorded', schema: ANSWERS.ConsentRecorded },
      404: 'Not your program',
    },
  }),
  apiKeys: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Your API keys by prefix',
    auth: 'advertiser',
    answers: { 200: { description: 'Keys', schema: INTEGRATION_ANSWERS.ApiKeys } },
  }),
  createApiKey: defineRoute({
    method: 'post',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Create an API key (shown once)',
    auth: 'advertiser',
    body: BODIES.apiKey,
    answers: {
      201: { description: 'The key', schema: ANSWERS.ApiKeyCreated },
      400: 'Name missing',
    },
  }),
  revokeApiKey: defineRoute({
    method: 'delete',
    path: '/api/v1/advertiser/api-keys/{id}',
    tag: 'Advertiser',
    summary: 'Revoke an API key (other nodes stop accepting it within 10 s)',
    auth: 'advertiser',
    params: z.object({ id: idParam('the key') }),
    answers: { 204: 'Revoked', 404: 'Not yours' },
  }),
  checksumSecret: defineRoute({
    method: 'put',
    path: '/api/v1/advertiser/programs/{programId}/checksum-secret',
    tag: 'Advertiser',
    summary:
      'Set, generate or remove your program’s pixel checksum secret (NET-R1): with one, a pixel report without checksum=v04+md5(secret+orderNumber+orderValue) is stored as refused and never paid, and so is one whose reportInfo or basket lines do not add up to that orderValue (within a cent per line); the full checksum v05 + HMAC-SHA256(secret, every priced field) is accepted too, and only a pixel order under a valid v05 is approved at its validation deadline (NET-R6, docs/tracking.md)',
    auth: 'advertiser',
    params: program,
    body: BODIES.checksumSecret,
    answers: {
      200: { description: 'The secret (shown once)', schema: ANSWERS.ChecksumSecret },
      400: 'Invalid secret',
      404: 'Not your program',
    },
  }),
  networkFee: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/programs/{programId}/network-fee',
    tag: 'Advertiser',
    summary:
      'Your program’s network fee, billed on approved commission: set by the network (the terms cannot set it)',
    auth: 'apiKey',
    params: program,
    answers: {
      200: { description: 'The fee', schema: ANSWERS.NetworkFee },
      404: 'Not your program',
    },
  }),
  getAdvertiserInvoicingDetails: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/invoicing-details',
    tag: 'Advertiser',
    summary: 'Your invoicing details and how your invoices are taxed',
    auth: 'advertiser',
    answers: {
      200: { description: 'The details', schema: ANSWERS.AdvertiserInvoicingDetails },
    },
  }),
  putAdvertiserInvoicingDetails: defineRoute({
    method: 'put',
    path: '/api/v1/advertiser/invoicing-details',
    tag: 'Advertiser',
    summary:
      'Set your legal name, address, country, VAT and chamber of commerce number for the invoices issued from now on (audited)',
    auth: 'advertiser',
    body: BODIES.invoicingDetails,
    answers: {
      200: { description: 'Set', schema: ANSWERS.AdvertiserInvoicingDetails },
      400: 'Invalid details',
    },
  }),
};
