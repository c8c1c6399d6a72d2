import type { Operation } from '../openapi.js';

/** The advertiser: programs, applications, API keys. */
export const ADVERTISER_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/v1/programs',
    tag: 'Programs',
    summary: 'The program directory',
    auth: 'none',
    responses: { 200: 'Programs' },
  },
  {
    method: 'get',
    path: '/api/v1/programs/{programId}/terms',
    tag: 'Programs',
    summary: 'A program’s terms file as JSON (what the engine prices with)',
    auth: 'none',
    responses: { 200: 'Terms', 404: 'Unknown program' },
  },
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
    body: { decision: 'approve|reject', reason: 'string' },
    responses: { 200: 'Decided', 400: 'Reason missing', 404: 'Not your program' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/applications/{id}/consent',
    tag: 'Advertiser',
    summary: 'Record written consent to an application’s brand hits (AE-P5)',
    auth: 'advertiser',
    body: { text: 'string' },
    responses: { 200: 'Recorded', 404: 'Not your program' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Your API keys by prefix',
    auth: 'advertiser',
    responses: { 200: 'Keys' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/api-keys',
    tag: 'Advertiser',
    summary: 'Create an API key (shown once)',
    auth: 'advertiser',
    body: { name: 'string' },
    responses: { 201: 'The key', 400: 'Name missing' },
  },
  {
    method: 'delete',
    path: '/api/v1/advertiser/api-keys/{id}',
    tag: 'Advertiser',
    summary: 'Revoke an API key (other nodes stop accepting it within 10 s)',
    auth: 'advertiser',
    responses: { 204: 'Revoked', 404: 'Not yours' },
  },
];
