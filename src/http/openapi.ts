/**
 * The JSON API as an OpenAPI 3.1 document, served at /api/openapi.json and rendered at
 * /api/docs. A test holds it to the routes the app registers (no route undocumented, no
 * documented route missing), so it cannot drift.
 */
import { openApiSchemas } from './openapi-schemas.js';

type Auth = 'none' | 'apiKey' | 'advertiser' | 'publisher' | 'user';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  query?: Record<string, string>;
  /** Body fields and what they hold: `string`, `string?` (optional), `string[]`, … */
  body?: Record<string, string>;
  /** A shared body schema instead of `body` (components/schemas). */
  bodySchema?: string;
  /** Status → description. */
  responses: Record<number, string>;
  /** Status → a shared answer schema (components/schemas). */
  responseSchemas?: Record<number, string>;
}

const AUTH_TEXT: Record<Auth, string> = {
  none: 'No authentication.',
  apiKey: 'Advertiser API key (`Authorization: Bearer ak_…`) or an advertiser session token.',
  advertiser: 'Session token of an advertiser user (`POST /api/v1/sessions`).',
  publisher: 'Session token of a publisher user (`POST /api/v1/sessions`).',
  user: 'Session token of any user.',
};

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/v1/signup/check',
    tag: 'Accounts',
    summary: 'Sign-up step 1 (AE-S1): check that an email address may sign up',
    auth: 'none',
    body: { email: 'string' },
    responses: {
      200: 'The normalised address',
      400: 'Not an email address',
      403: 'Barred (AE-E1 g)',
      429: 'Rate limited',
    },
  },
  {
    method: 'post',
    path: '/api/v1/signup',
    tag: 'Accounts',
    summary: 'Sign-up step 2: website and details; step 3 is the emailed activation link',
    auth: 'none',
    body: {
      email: 'string',
      password: 'string (≥ 10)',
      name: 'string',
      company: 'string?',
      country: 'ISO 3166-1 alpha-2',
      vatNumber: 'string?',
      iban: 'string?',
      siteName: 'string',
      siteUrl: 'http(s) URL',
      promotionMethods: 'string[]',
    },
    responses: {
      202: 'Activation mail sent (an address that already has an account gets a notice instead; the answer is the same); brand screening hits (AE-P5)',
      400: 'Invalid details (issues name each field)',
      429: 'Rate limited',
    },
  },
  {
    method: 'post',
    path: '/api/v1/activate',
    tag: 'Accounts',
    summary: 'Activate an account with the emailed token (single use, 24 h)',
    auth: 'none',
    body: { token: 'string' },
    responses: { 200: 'Active', 400: 'Unknown token', 410: 'Used or expired' },
  },
  {
    method: 'post',
    path: '/api/v1/sessions',
    tag: 'Accounts',
    summary: 'Log in: a session token for the rest of the API',
    auth: 'none',
    body: { email: 'string', password: 'string' },
    responses: {
      201: '{ token, expiresAt, role, mustChangePassword }',
      401: 'Wrong email or password',
      403: 'Not activated',
      429: 'Rate limited',
    },
  },
  {
    method: 'post',
    path: '/api/v1/account/password',
    tag: 'Accounts',
    summary:
      'Replace your password (required first when logged in with a one-time password: every other route answers 403 password_change_required until then)',
    auth: 'user',
    body: { currentPassword: 'string', newPassword: 'string (≥ 10)' },
    responses: {
      204: 'Changed; your other sessions ended',
      400: 'New password too short or unchanged',
      401: 'No session',
      403: 'Current password wrong',
      429: 'Rate limited',
    },
  },
  {
    method: 'delete',
    path: '/api/v1/sessions/current',
    tag: 'Accounts',
    summary: 'Log out: end this session token',
    auth: 'user',
    responses: { 204: 'Ended', 401: 'No token' },
  },
  {
    method: 'post',
    path: '/api/v1/password-reset',
    tag: 'Accounts',
    summary: 'Email a password reset link (always answers 202)',
    auth: 'none',
    body: { email: 'string' },
    responses: { 202: 'Accepted', 429: 'Rate limited' },
  },
  {
    method: 'post',
    path: '/api/v1/password-reset/{token}',
    tag: 'Accounts',
    summary: 'Choose a new password with the emailed token (ends every session)',
    auth: 'none',
    body: { password: 'string (≥ 10)' },
    responses: { 200: 'Changed', 400: 'Invalid or expired token', 429: 'Rate limited' },
  },
  {
    method: 'get',
    path: '/api/v1/me',
    tag: 'Accounts',
    summary: 'Who the session token belongs to',
    auth: 'user',
    responses: { 200: 'The user', 401: 'No or unknown token' },
  },
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
    method: 'post',
    path: '/api/v1/programs/{programId}/orders',
    tag: 'Orders',
    summary: 'Report an order (the order document); idempotent per orderNumber',
    auth: 'apiKey',
    bodySchema: 'OrderDocument',
    responses: {
      201: 'Created, with its quote and attribution',
      200: 'Updated or unchanged',
      400: 'Invalid order (issues name each field)',
      401: 'No or bad key',
      404: 'Not your program',
      409: 'The order’s attribution is locked (already invoiced or paid to another publisher)',
    },
    responseSchemas: { 201: 'ConversionResult', 200: 'ConversionResult' },
  },
  {
    method: 'patch',
    path: '/api/v1/programs/{programId}/orders/{orderNumber}',
    tag: 'Orders',
    summary: 'Update an order’s status or lines (re-priced; the ledger gets the difference)',
    auth: 'apiKey',
    bodySchema: 'OrderChange',
    responses: {
      200: 'Updated (or unchanged), with its quote',
      400: 'Invalid change',
      404: 'Unknown order',
      409: 'Paid commission is locked',
    },
    responseSchemas: { 200: 'ConversionResult' },
  },
  {
    method: 'post',
    path: '/api/v1/programs/{programId}/orders/{orderNumber}/validation',
    tag: 'Validation',
    summary:
      'Approve or decline one order (decline reasons: cancelled, returned, fraud, policy_breach, duplicate, out_of_stock, other)',
    auth: 'apiKey',
    body: { decision: 'approve|decline', reason: 'required to decline' },
    responses: {
      200: 'Decided',
      400: 'Invalid decision or reason',
      404: 'Unknown order',
      409: 'Disqualified, held or paid',
    },
  },
  {
    method: 'post',
    path: '/api/v1/programs/{programId}/validations',
    tag: 'Validation',
    summary:
      'Validate many orders: JSON { validations: [...] } or a CSV (Content-Type: text/csv; orderNumber,decision,reason); a result per row',
    auth: 'apiKey',
    body: { validations: '{ orderNumber, decision, reason }[] (≤ 10,000)' },
    responses: {
      200: 'Per-row results and a summary',
      400: 'Malformed body or CSV header',
      413: 'Too many rows',
    },
  },
  {
    method: 'get',
    path: '/api/v1/programs/{programId}/transactions',
    tag: 'Validation',
    summary: 'The program’s transactions with status, decline reason, rule and validation deadline',
    auth: 'apiKey',
    query: { status: 'pending|approved|declined|held|paid', limit: '1–10000', format: 'json|csv' },
    responses: { 200: 'Transactions', 400: 'Invalid parameter' },
  },
  {
    method: 'get',
    path: '/api/v1/programs/{programId}/invoices',
    tag: 'Money',
    summary: 'The advertiser’s invoices: approved commission plus the network fee per month',
    auth: 'apiKey',
    responses: { 200: 'Invoices' },
  },
  {
    method: 'get',
    path: '/api/v1/reports',
    tag: 'Reports',
    summary:
      'Clicks, orders, value, commission, conversion rate (orders that are not cancelled, refunded or fraud ÷ clicks, a fraction to 4 decimals) and EPC (earnings per click: commission ÷ clicks, 4 decimals) from the hourly rollups',
    auth: 'apiKey',
    query: {
      programId: 'required',
      from: 'YYYY-MM-DD',
      to: 'YYYY-MM-DD',
      groupBy: 'day|hour|site|ad|epi',
      siteId: '',
      adId: '',
      epi: '',
      format: 'json|csv',
    },
    responses: { 200: 'Rows', 400: 'Invalid parameter' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/sites',
    tag: 'Publisher',
    summary: 'Your sites',
    auth: 'publisher',
    responses: { 200: 'Sites' },
  },
  {
    method: 'post',
    path: '/api/v1/publisher/sites',
    tag: 'Publisher',
    summary: 'Add a website (screened for Alibaba Group brands, AE-P5)',
    auth: 'publisher',
    body: { name: 'string', url: 'http(s) URL', promotionMethods: 'string[]' },
    responses: { 201: 'Added, with brand screening hits', 400: 'Invalid name, URL or methods' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/applications',
    tag: 'Publisher',
    summary: 'Your program applications and their decisions',
    auth: 'publisher',
    responses: { 200: 'Applications' },
  },
  {
    method: 'post',
    path: '/api/v1/publisher/applications',
    tag: 'Publisher',
    summary: 'Apply to a program with a site (AE-P6 content declaration, AE-P5 screening)',
    auth: 'publisher',
    body: {
      programId: 'string',
      siteId: 'string',
      promotionMethods: 'string[]',
      contentCategories: 'rule 6 ids, normally []',
      acceptRules: 'true',
    },
    responses: {
      201: 'Pending, with brand screening hits',
      400: 'Forbidden method, rules not accepted',
      403: 'Restricted publisher',
      404: 'Unknown site or program',
      409: 'Already applied',
    },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/links',
    tag: 'Publisher',
    summary: 'A tracking link and HTML snippet for an approved site and program',
    auth: 'publisher',
    query: { programId: 'required', siteId: 'required', adId: '', epi: '', epi2: '' },
    responses: { 200: '{ url, html, adId }', 400: 'Not approved or bad sub id' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/report',
    tag: 'Publisher',
    summary:
      'Your clicks, orders, commission, conversion rate (orders not cancelled, refunded or fraud ÷ clicks) and EPC (earnings per click, 4 decimals) per day or per sub id',
    auth: 'publisher',
    query: { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD', groupBy: 'day|epi' },
    responses: { 200: 'Rows', 400: 'Invalid parameter' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/transactions',
    tag: 'Publisher',
    summary: 'Your transactions (filters; CSV)',
    auth: 'publisher',
    query: { status: '', from: '', to: '', format: 'json|csv' },
    responses: { 200: 'Transactions', 400: 'Invalid parameter' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/transactions/{orderId}',
    tag: 'Publisher',
    summary: 'One order: every line with base, rate, commission, reasons in words and rule ids',
    auth: 'publisher',
    responses: { 200: 'The order explained', 404: 'Not yours' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/statements',
    tag: 'Publisher',
    summary: 'Your monthly statements',
    auth: 'publisher',
    responses: { 200: 'Statements' },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/statements/{statementId}',
    tag: 'Publisher',
    summary: 'A statement with every commission and deduction (JSON, CSV or PDF)',
    auth: 'publisher',
    query: { format: 'json|csv|pdf' },
    responses: { 200: 'The statement', 404: 'Not yours' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/applications',
    tag: 'Advertiser',
    summary: 'Applications to your programs with brand screening (AE-P5)',
    auth: 'advertiser',
    responses: { 200: 'Applications' },
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
  {
    method: 'get',
    path: '/api/v1/publisher/enforcement',
    tag: 'Compliance',
    summary: 'Enforcement actions against you (AE-E1) with claim deadlines and claims',
    auth: 'publisher',
    responses: { 200: 'Actions' },
  },
  {
    method: 'post',
    path: '/api/v1/publisher/claims',
    tag: 'Compliance',
    summary: 'Object to an action in writing with evidence before its claim deadline (AE-E2)',
    auth: 'publisher',
    body: {
      actionId: 'string',
      text: 'string (≥ 20)',
      attachments: '{ filename, contentType, contentBase64 }[] (≤ 5, ≤ 5 MiB each)',
    },
    responses: {
      201: 'Submitted, with the decision deadline (AE-E3)',
      400: 'Too late (the deadline is in the message), invalid text or file',
      404: 'Not your action',
    },
  },
  {
    method: 'get',
    path: '/api/v1/publisher/mailings',
    tag: 'Compliance',
    summary: 'Your mailing previews and their decisions (AE-P1)',
    auth: 'publisher',
    responses: { 200: 'Mailings' },
  },
  {
    method: 'post',
    path: '/api/v1/publisher/mailings',
    tag: 'Compliance',
    summary: 'Submit a mailing preview for approval (needs access to the Email Approval tool)',
    auth: 'publisher',
    body: {
      programId: 'string',
      subject: 'string',
      htmlBody: 'string',
      plannedSendAt: 'ISO instant',
      audienceSize: 'number',
      audienceSource: 'string',
    },
    responses: { 201: 'Submitted', 400: 'No access or invalid preview' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/review-queue',
    tag: 'Compliance',
    summary:
      'Open traffic-policy flags per publisher: counts per detector and examples with evidence',
    auth: 'advertiser',
    responses: { 200: 'The queue' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/violations/{id}/review',
    tag: 'Compliance',
    summary: 'Confirm or dismiss a flag (dismissing an email flag releases the orders it held)',
    auth: 'advertiser',
    body: { outcome: 'confirmed|dismissed' },
    responses: { 200: 'Reviewed', 400: 'Already reviewed', 404: 'Not in your programs' },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/enforcement',
    tag: 'Compliance',
    summary: 'Enforcement actions in your programs with their claims',
    auth: 'advertiser',
    responses: { 200: 'Actions' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/enforcement',
    tag: 'Compliance',
    summary:
      'Record an enforcement action (warning, cure_period, withhold, deduction, termination, restriction, registration_bar); the publisher is emailed',
    auth: 'advertiser',
    body: {
      publisherId: 'string',
      programId: 'string',
      kind: 'string',
      rule: 'e.g. AE-P4',
      evidence: 'string',
      amount: 'EUR, deductions',
      cureDeadline: 'ISO date, cure periods',
    },
    responses: {
      201: 'Recorded, with the claim deadline',
      400: 'Invalid kind, rule, evidence, amount or deadline',
      404: 'Not your program or publisher',
    },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/enforcement/{id}/lift',
    tag: 'Compliance',
    summary: 'Lift an action (its effect is undone)',
    auth: 'advertiser',
    responses: { 200: 'Lifted', 400: 'Not active', 404: 'Not in your programs' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/claims/{id}/decision',
    tag: 'Compliance',
    summary: 'Decide a claim (AE-E3); upheld reverses the action and its ledger effects',
    auth: 'advertiser',
    body: { outcome: 'upheld|rejected', decision: 'string' },
    responses: {
      200: 'Decided',
      400: 'Already decided or no reasons',
      404: 'Not in your programs',
    },
  },
  {
    method: 'get',
    path: '/api/v1/advertiser/mailings',
    tag: 'Compliance',
    summary: 'Mailing previews submitted to your programs',
    auth: 'advertiser',
    responses: { 200: 'Mailings' },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/mailings/{id}/decision',
    tag: 'Compliance',
    summary: 'Approve (a link parameter and send window) or reject (with comments) a mailing',
    auth: 'advertiser',
    body: { outcome: 'approve|reject', comments: 'string' },
    responses: {
      200: 'Decided',
      400: 'Already decided or comments missing',
      404: 'Not in your programs',
    },
  },
  {
    method: 'post',
    path: '/api/v1/advertiser/email-access',
    tag: 'Compliance',
    summary: 'Grant or revoke a publisher’s access to the Email Approval tool for a program',
    auth: 'advertiser',
    body: { programId: 'string', publisherId: 'string', grant: 'boolean' },
    responses: { 200: 'Updated', 404: 'Not your program or publisher' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/audit',
    tag: 'Admin',
    summary: 'The audit log of compliance and enforcement events (JSON or CSV)',
    auth: 'user',
    query: { action: 'prefix, e.g. enforcement.', format: 'json|csv' },
    responses: { 200: 'Events', 403: 'Not the network admin' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/overdue',
    tag: 'Admin',
    summary: 'Claims past their decision deadline and validations past theirs',
    auth: 'user',
    responses: { 200: 'Overdue items', 403: 'Not the network admin' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/invoices',
    tag: 'Admin',
    summary: 'Advertiser invoices',
    auth: 'user',
    responses: { 200: 'Invoices', 403: 'Not the network admin' },
  },
  {
    method: 'post',
    path: '/api/v1/admin/invoices',
    tag: 'Admin',
    summary: 'Issue the month’s invoices: approved commission plus the network fee (idempotent)',
    auth: 'user',
    body: { period: 'YYYY-MM' },
    responses: {
      201: 'Created and existing ids',
      400: 'Invalid period',
      409: 'The month has not ended',
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/invoices/{id}/paid',
    tag: 'Admin',
    summary: 'Record an advertiser’s payment: its commissions become payable (AE-T5)',
    auth: 'user',
    responses: { 200: 'Paid (changed false when it already was)', 404: 'Unknown invoice' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/statements',
    tag: 'Admin',
    summary: 'Publisher statements',
    auth: 'user',
    responses: { 200: 'Statements' },
  },
  {
    method: 'post',
    path: '/api/v1/admin/statements',
    tag: 'Admin',
    summary: 'Make the month’s statements (idempotent)',
    auth: 'user',
    body: { period: 'YYYY-MM' },
    responses: { 201: 'Created ids', 409: 'The month has not ended' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/payout-runs',
    tag: 'Admin',
    summary: 'Payout runs',
    auth: 'user',
    responses: { 200: 'Runs' },
  },
  {
    method: 'post',
    path: '/api/v1/admin/payout-runs',
    tag: 'Admin',
    summary: 'Put every payable statement not yet paid into a run (bad IBANs wait, listed)',
    auth: 'user',
    body: { executionDate: 'YYYY-MM-DD' },
    responses: { 201: 'The run', 409: 'Nothing to pay' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/payout-runs/{id}/sepa',
    tag: 'Admin',
    summary: 'The run as a SEPA credit transfer (pain.001.001.03)',
    auth: 'user',
    responses: { 200: 'XML', 404: 'Unknown run', 409: 'PAYOUT_DEBTOR_* not set' },
  },
  {
    method: 'get',
    path: '/api/v1/admin/payout-runs/{id}/csv',
    tag: 'Admin',
    summary: 'The run as CSV',
    auth: 'user',
    responses: { 200: 'CSV', 404: 'Unknown run' },
  },
  {
    method: 'post',
    path: '/api/v1/admin/payout-runs/{id}/paid',
    tag: 'Admin',
    summary: 'Record that the bank paid the run (idempotent: nobody is paid twice)',
    auth: 'user',
    responses: { 200: 'Paid', 404: 'Unknown run' },
  },
];

/** A body field's JSON schema from its descriptor (`string?`, `string[]`, `integer`, …). */
function fieldSchema(descriptor: string): Record<string, unknown> {
  const text = descriptor.replace(/\?$/, '');
  const type = /\[\]/.test(text)
    ? { type: 'array', items: { type: 'string' } }
    : /^(integer|whole number)/.test(text)
      ? { type: 'integer' }
      : /^number/.test(text)
        ? { type: 'number' }
        : /^boolean/.test(text)
          ? { type: 'boolean' }
          : /^(object|\{)/.test(text)
            ? { type: 'object' }
            : { type: 'string' };
  return { ...type, description: descriptor };
}

function schemaOf(fields: Record<string, string>) {
  const required = Object.entries(fields)
    .filter(([, descriptor]) => !/\?$|optional/.test(descriptor))
    .map(([name]) => name);
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, descriptor]) => [name, fieldSchema(descriptor)]),
    ),
    ...(required.length ? { required } : {}),
  };
}

/** `post /api/v1/programs/{programId}/orders` → `postProgramsOrders` (unique per route). */
export function operationIdOf(op: Pick<Operation, 'method' | 'path'>): string {
  const words = op.path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? `by ${param[1]}` : segment;
    })
    .join(' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return (op.method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')).replace(
    /By(\w)/g,
    'By$1',
  );
}

/** The refusals every operation of its kind can answer, beyond those it lists itself. */
function commonResponses(op: Operation): Record<number, string> {
  const responses: Record<number, string> = {};
  if (op.auth !== 'none') responses[401] = 'No, unknown or expired credentials';
  if (op.auth !== 'none' && op.auth !== 'user')
    responses[403] = 'Credentials of another role, or a one-time password still to replace';
  if (op.body || op.bodySchema) {
    responses[413] = 'The body is larger than 1 MiB';
    responses[415] = 'The body is not JSON';
  }
  responses[503] = 'The database is not reachable; retry after Retry-After seconds';
  return responses;
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
    ];
    (paths[op.path] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: AUTH_TEXT[op.auth],
      ...(op.auth === 'none' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      operationId: operationIdOf(op),
      ...(op.bodySchema || op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: op.bodySchema
                    ? { $ref: `#/components/schemas/${op.bodySchema}` }
                    : schemaOf(op.body!),
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ ...commonResponses(op), ...op.responses }).map(([status, description]) => {
          const shared = op.responseSchemas?.[Number(status)];
          return [
            status,
            Number(status) >= 400
              ? {
                  description,
                  content: {
                    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
                  },
                }
              : shared
                ? {
                    description,
                    content: {
                      'application/json': { schema: { $ref: `#/components/schemas/${shared}` } },
                    },
                  }
                : { description },
          ];
        }),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'affnet API',
      version: '1',
      description:
        'Everything the portal does. Errors are { code, message, issues? } with a stable code and a message that says what to fix.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An advertiser API key (ak_…) or a session token from POST /api/v1/sessions',
        },
      },
      schemas: {
        ...openApiSchemas(),
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
