import { z } from 'zod';
import { BODIES } from '../api-bodies.js';
import type { Operation } from './legacy.js';

/** A terms file as the body: YAML (text/yaml) or the same document as JSON. */
const TERMS_FILE_BODY = {
  body: z
    .looseObject({})
    .meta({ description: 'the terms file as JSON (docs/terms-and-pricing.md)' }),
  bodyTypes: ['application/yaml', 'text/yaml'],
} as const;

/** The advertiser: programs, applications, API keys. */
export const ADVERTISER_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/v1/advertiser/applications',
    tag: 'Advertiser',
    summary: 'Applications to your programs with brand screening (AE-P5)',
    auth: 'advertiser',
    responses: { 200: 'Applications' },
    responseSchemas: { 200: 'AdvertiserApplications' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/applications/{id}/decision',
    tag: 'Advertiser',
    summary:
      'Approve or reject an application (a rejection needs a reason); both sides are emailed',
    auth: 'advertiser',
    body: BODIES.applicationDecision,
    responses: { 200: 'Decided', 400: 'Reason missing', 404: 'Not your program' },
    responseSchemas: { 200: 'ApplicationDecided' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/applications/{id}/consent',
    tag: 'Advertiser',
    summary: 'Record written consent to an application’s brand hits (AE-P5)',
    auth: 'advertiser',
    body: BODIES.consent,
    responses: { 200: 'Recorded', 404: 'Not your program' },
    responseSchemas: { 200: 'ConsentRecorded' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Your API keys by prefix',
    auth: 'advertiser',
    responses: { 200: 'Keys' },
    responseSchemas: { 200: 'ApiKeys' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Create an API key (shown once)',
    auth: 'advertiser',
    body: BODIES.apiKey,
    responses: { 201: 'The key', 400: 'Name missing' },
    responseSchemas: { 201: 'ApiKeyCreated' },
  },
  {
    method: 'delete',
    path: '/api/v1/advertiser/api-keys/{id}',
    tag: 'Advertiser',
    summary: 'Revoke an API key (other nodes stop accepting it within 10 s)',
    auth: 'advertiser',
    responses: { 204: 'Revoked', 404: 'Not yours' },
  },
  {
    method: 'put',
    path: '/api/v1/advertiser/programs/{programId}/checksum-secret',
    tag: 'Advertiser',
    summary:
      'Set, generate or remove your program’s pixel checksum secret (NET-R1): with one, a pixel report without checksum=v04+md5(secret+orderNumber+orderValue) is stored as refused and never paid, and so is one whose reportInfo or basket lines do not add up to that orderValue (within a cent per line); the full checksum v05 + HMAC-SHA256(secret, every priced field) is accepted too, and only a pixel order under a valid v05 is approved at its validation deadline (NET-R6, docs/tracking.md)',
    auth: 'advertiser',
    body: BODIES.checksumSecret,
    responses: { 200: 'The secret (shown once)', 400: 'Invalid secret', 404: 'Not your program' },
    responseSchemas: { 200: 'ChecksumSecret' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/programs/{programId}/network-fee',
    tag: 'Advertiser',
    summary:
      'Your program’s network fee, billed on approved commission: set by the network (the terms cannot set it)',
    auth: 'apiKey',
    responses: { 200: 'The fee', 404: 'Not your program' },
    responseSchemas: { 200: 'NetworkFee' },
  },
  {
    method: 'put',
    path: '/api/v1/programs/{programId}/terms',
    tag: 'Programs',
    summary:
      'Replace your program’s terms with a file (YAML as text/yaml, or JSON): a new version beside the earlier ones; an order is priced by the version in force when it was placed. A file that breaks the schema is refused with the line of each problem',
    auth: 'apiKey',
    ...TERMS_FILE_BODY,
    responses: {
      200: 'Applied (changed false when identical)',
      400: 'The file breaks the schema (issues name path and line), is another program’s, carries the network fee (network_fee_not_in_terms), or its aliases expand too far or it nests too deep (terms_too_complex, terms_too_deep)',
      404: 'Not your program',
      413: 'The file is larger than 256 KiB (terms_too_large)',
    },
    responseSchemas: { 200: 'TermsApplied' },
  },
  {
    method: 'post',
    path: '/api/v1/programs',
    tag: 'Programs',
    summary:
      'Create a program from a terms file (YAML as text/yaml, or JSON): its id becomes the program’s slug and must be new; the program is yours and starts in the network’s review (review in_review): it is listed in the directory, open to applications and tracked once the network approves it',
    auth: 'apiKey',
    ...TERMS_FILE_BODY,
    responses: {
      201: 'Created',
      400: 'The file breaks the schema (issues name path and line), carries the network fee (network_fee_not_in_terms), or its aliases expand too far or it nests too deep (terms_too_complex, terms_too_deep)',
      409: 'A program with this id exists',
      413: 'The file is larger than 256 KiB (terms_too_large)',
    },
    responseSchemas: { 201: 'ProgramCreated' },
  },
  {
    method: 'post',
    path: '/api/v1/programs/{programId}/simulation',
    tag: 'Programs',
    summary:
      'What-if: re-price your attributed orders of a period under draft terms (their newest version) beside what they earn now; totals, per group and per publisher (program currency, exact). Nothing is stored',
    auth: 'apiKey',
    body: BODIES.simulation,
    responses: {
      200: 'The comparison',
      400: 'The draft breaks the schema (or its aliases expand too far), or a bad date',
      404: 'Not your program',
      413: 'The draft is larger than 256 KiB (terms_too_large)',
      429: 'A simulation of yours is running, or the network runs its most at once (simulation_busy; Retry-After)',
    },
    responseSchemas: { 200: 'Simulation' },
  },
];
