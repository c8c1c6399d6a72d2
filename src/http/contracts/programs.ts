import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute } from './contract.js';
import { idParam, queryEnum } from './params.js';

/** A terms file as the body: YAML (text/yaml) or the same document as JSON. */
const TERMS_FILE_BODY = {
  body: z
    .looseObject({})
    .meta({ description: 'the terms file as JSON (docs/terms-and-pricing.md)' }),
  // The terms service parses it, with the line of each problem.
  rawBody: true,
  bodyTypes: ['application/yaml', 'text/yaml'],
} as const;

const program = z.object({ programId: idParam('the program') });

/** Programs: created and changed by terms file, simulated, and reviewed by the network. */
export const PROGRAM_ROUTES = {
  replaceTerms: defineRoute({
    method: 'put',
    path: '/api/v1/programs/{programId}/terms',
    tag: 'Programs',
    summary:
      'Replace your program’s terms with a file (YAML as text/yaml, or JSON): a new version beside the earlier ones; an order is priced by the version in force when it was placed. A file that breaks the schema is refused with the line of each problem',
    auth: 'apiKey',
    params: program,
    ...TERMS_FILE_BODY,
    answers: {
      200: { description: 'Applied (changed false when identical)', schema: ANSWERS.TermsApplied },
      400: 'The file breaks the schema (issues name path and line), is another program’s, carries the network fee (network_fee_not_in_terms), or its aliases expand too far or it nests too deep (terms_too_complex, terms_too_deep)',
      404: 'Not your program',
      413: 'The file is larger than 256 KiB (terms_too_large)',
    },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/v1/programs',
    tag: 'Programs',
    summary:
      'Create a program from a terms file (YAML as text/yaml, or JSON): its id becomes the program’s slug and must be new; the program is yours and starts in the network’s review (review in_review): it is listed in the directory, open to applications and tracked once the network approves it',
    auth: 'apiKey',
    ...TERMS_FILE_BODY,
    answers: {
      201: { description: 'Created', schema: ANSWERS.ProgramCreated },
      400: 'The file breaks the schema (issues name path and line), carries the network fee (network_fee_not_in_terms), or its aliases expand too far or it nests too deep (terms_too_complex, terms_too_deep)',
      409: 'A program with this id exists',
      413: 'The file is larger than 256 KiB (terms_too_large)',
    },
  }),
  simulate: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/simulation',
    tag: 'Programs',
    summary:
      'What-if: re-price your attributed orders of a period under draft terms (their newest version) beside what they earn now; totals, per group and per publisher (program currency, exact). Nothing is stored',
    auth: 'apiKey',
    params: program,
    body: BODIES.simulation,
    answers: {
      200: { description: 'The comparison', schema: ANSWERS.Simulation },
      400: 'The draft breaks the schema (or its aliases expand too far), or a bad date',
      404: 'Not your program',
      413: 'The draft is larger than 256 KiB (terms_too_large)',
      429: 'A simulation of yours is running, or the network runs its most at once (simulation_busy; Retry-After)',
    },
  }),
  reviews: defineRoute({
    method: 'get',
    path: '/api/v1/admin/program-reviews',
    tag: 'Admin',
    summary:
      'Programs waiting for the network’s review (all=true: every program), oldest first, each with the other advertisers’ brands its names hit',
    auth: 'admin',
    query: z.object({
      all: queryEnum(
        ['true', 'false'],
        'true: every program with its review, not only those in review',
      ),
    }),
    answers: {
      200: { description: 'The programs', schema: ANSWERS.ProgramReviews },
      403: 'Not the network admin',
    },
  }),
  review: defineRoute({
    method: 'post',
    path: '/api/v1/admin/programs/{programId}/review',
    tag: 'Admin',
    summary:
      'Approve a program (listed in the directory, open to applications, clicks and reports tracked) or refuse it with a reason the advertiser reads. A decided program may be reviewed again (an approved one refused, a refused one approved); the same decision again changes nothing (changed false). Audited',
    auth: 'admin',
    params: program,
    body: BODIES.programReview,
    answers: {
      200: {
        description: 'The program’s review, with its brand hits',
        schema: ANSWERS.ProgramReview,
      },
      400: 'No decision, or a refusal without a reason',
      403: 'Not the network admin',
      404: 'Unknown program',
    },
  }),
  ofAdvertiser: defineRoute({
    method: 'get',
    path: '/api/v1/advertiser/programs',
    tag: 'Programs',
    summary:
      'Your programs with the network’s review of each: in_review (not listed, not tracked), approved, or refused with the reason',
    auth: 'apiKey',
    answers: { 200: { description: 'Your programs', schema: ANSWERS.AdvertiserPrograms } },
  }),
};
