import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues, issuesFromZod } from '../domain/errors.js';
import { signupSchema } from '../services/accounts-service.js';
import { HttpError } from './http-errors.js';
import { reviewDecisionSchema } from '../domain/programs/review.js';

/**
 * The request bodies of the account, publisher, advertiser, compliance and admin operations:
 * each route parses its body with one of these, and the API document publishes the same schema
 * (the order, change and validation bodies are in `openapi-schemas.ts`). One source: what the
 * document says is what the route accepts.
 */
const text = (description?: string) =>
  description ? z.string().min(1).meta({ description }) : z.string().min(1);
const id = z.string().min(1);
const methods = z.array(z.string()).default([]).meta({ description: 'promotion method ids' });

export const BODIES = {
  programReview: reviewDecisionSchema,
  email: z.object({ email: text() }),
  signup: signupSchema,
  token: z.object({ token: text('the token from the emailed link') }),
  login: z.object({ email: text(), password: text() }),
  passwordChange: z.object({
    currentPassword: text(),
    newPassword: text('at least 10 characters'),
  }),
  newPassword: z.object({ password: text('at least 10 characters') }),

  applicationDecision: z.object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().optional().meta({ description: 'required to reject' }),
  }),
  consent: z.object({ text: z.string().meta({ description: 'what the consent covers' }) }),
  apiKey: z.object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'give the key a name' })
      .max(60, { error: 'at most 60 characters' }),
  }),

  // The services check the formats (refusing with invalid_period, invalid_execution_date).
  period: z.object({ period: z.string().meta({ description: 'the month, YYYY-MM' }) }),
  payoutRun: z.object({
    executionDate: z.string().meta({ description: 'the day the bank pays, YYYY-MM-DD' }),
  }),

  site: z.object({
    name: z.string(),
    url: z.string().meta({ description: 'http(s) URL' }),
    promotionMethods: methods,
  }),
  application: z.object({
    programId: id,
    siteId: id,
    promotionMethods: methods,
    contentCategories: z
      .array(z.string())
      .default([])
      .meta({ description: 'rule 6 ids of prohibited content you publish, normally []' }),
    acceptRules: z
      .boolean()
      .default(false)
      .meta({ description: 'true: you accept the program rules (required to apply)' }),
  }),

  claim: z.object({
    actionId: id,
    text: z.string().meta({ description: 'your objection, at least 20 characters' }),
    attachments: z
      .array(
        z.object({
          filename: text(),
          contentType: text(),
          contentBase64: z.string(),
        }),
      )
      .max(5)
      .optional()
      .meta({ description: 'evidence: at most 5 files of at most 5 MiB' }),
  }),
  mailing: z.object({
    programId: id,
    subject: z.string(),
    htmlBody: z.string(),
    plannedSendAt: z.iso.datetime({ offset: true }),
    audienceSize: z.number().int(),
    audienceSource: z.string(),
  }),
  violationReview: z.object({ outcome: z.enum(['confirmed', 'dismissed']) }),
  enforcement: z.object({
    publisherId: id,
    programId: id,
    kind: z.string().meta({ description: 'warning, cure_period, withhold, deduction, …' }),
    rule: z.string().meta({ description: 'the rule breached, e.g. AE-P4' }),
    evidence: z.string(),
    amount: z.string().optional().meta({ description: 'EUR, for a deduction (e.g. "12.50")' }),
    cureDeadline: z.string().optional().meta({ description: 'ISO instant, for a cure period' }),
  }),
  claimDecision: z.object({ outcome: z.enum(['upheld', 'rejected']), decision: z.string() }),
  mailingDecision: z.object({
    outcome: z.enum(['approve', 'reject']),
    comments: z.string().optional().meta({ description: 'required to reject' }),
  }),
  emailAccess: z.object({ programId: id, publisherId: id, grant: z.boolean() }),
  advertiserInvite: z.object({
    email: z
      .string()
      .meta({ description: 'the invitee, who chooses a password from the emailed link' }),
    advertiser: z
      .string()
      .meta({ description: 'the advertiser’s name: new, or an existing one to add a user to' }),
    name: z.string().optional().meta({ description: 'the invitee’s own name' }),
    locale: z.enum(['en', 'nl']).optional().meta({ description: 'the language of the email' }),
  }),
  simulation: z.object({
    terms: z.string().min(1).meta({ description: 'the draft terms file, YAML or JSON text' }),
    from: z.string().optional().meta({ description: 'YYYY-MM-DD, default 29 days before to' }),
    to: z.string().optional().meta({ description: 'YYYY-MM-DD, default today' }),
  }),
  networkFee: z.object({
    networkFeeRate: z.string().meta({
      description: 'the program’s network fee on approved commission, 0 to 1 ("0.30" is 30 %)',
      examples: ['0.30'],
    }),
  }),
  minimumPayout: z.object({
    minimumPayout: z
      .string()
      .meta({ description: 'the minimum payout in EUR, e.g. "50.00"', examples: ['50.00'] }),
  }),
  invoicingDetails: z.object({
    legalName: z.string().meta({ description: 'the legal name, as registered' }),
    street: z.string().meta({ description: 'street and number' }),
    postalCode: z.string().meta({ description: 'checked against the country’s format' }),
    city: z.string(),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2, e.g. NL', examples: ['NL'] }),
    vatNumber: z.string().nullable().optional().meta({
      description:
        'checked against the country’s format; a publisher without one is billed as a private person (no VAT); the network must have one',
    }),
    cocNumber: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'chamber of commerce number (KvK: 8 digits in NL)' }),
  }),
  vatVerification: z.object({
    vatNumber: z.string().meta({
      description: 'the number verified (VIES or papers); must be the one on file now',
      examples: ['NL123456789B01'],
    }),
  }),
  checksumSecret: z
    .object({
      secret: z
        .string()
        .nullable()
        .optional()
        .meta({ description: 'the secret to use (8–128 visible ASCII), or null to require none' }),
      generate: z.boolean().optional().meta({ description: 'true: let the network make one' }),
    })
    .refine((body) => body.generate === true || body.secret !== undefined, {
      error: 'send { "generate": true }, { "secret": "…" } or { "secret": null }',
    }),
} satisfies Record<string, z.ZodType>;

/** A route's body parsed by its schema; a refusal names each field and what to send. */
export function parseBody<T extends z.ZodType>(request: FastifyRequest, schema: T): z.output<T> {
  const parsed = schema.safeParse(request.body ?? {});
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error);
  throw new HttpError(400, 'invalid_body', describeIssues(issues), issues);
}

/** A body schema as the API document's JSON Schema (what a client may send). */
export function bodyJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}
