import { BODIES } from '../api-bodies.js';
import type { Operation } from './legacy.js';

/** The network's review of the programs advertisers create (docs/compliance.md). */
export const PROGRAM_REVIEW_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/v1/admin/program-reviews',
    tag: 'Admin',
    summary:
      'Programs waiting for the network’s review (all=true: every program), oldest first, each with the other advertisers’ brands its names hit',
    auth: 'user',
    query: { all: 'true: every program with its review, not only those in review' },
    responses: { 200: 'The programs', 403: 'Not the network admin' },
    responseSchemas: { 200: 'ProgramReviews' },
  },
  {
    method: 'post',
    path: '/api/v1/admin/programs/{programId}/review',
    tag: 'Admin',
    summary:
      'Approve a program (listed in the directory, open to applications, clicks and reports tracked) or refuse it with a reason the advertiser reads. A decided program may be reviewed again (an approved one refused, a refused one approved); the same decision again changes nothing (changed false). Audited',
    auth: 'user',
    body: BODIES.programReview,
    responses: {
      200: 'The program’s review, with its brand hits',
      400: 'No decision, or a refusal without a reason',
      403: 'Not the network admin',
      404: 'Unknown program',
    },
    responseSchemas: { 200: 'ProgramReview' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/programs',
    tag: 'Programs',
    summary:
      'Your programs with the network’s review of each: in_review (not listed, not tracked), approved, or refused with the reason',
    auth: 'apiKey',
    responses: { 200: 'Your programs' },
    responseSchemas: { 200: 'AdvertiserPrograms' },
  },
];
