import { z } from 'zod';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { OrderChange, OrderDocument, ValidationBatch, ValidationDecision } from './bodies.js';
import { defineRoute } from './contract.js';
import {
  formatQuery,
  idParam,
  orderNumberParam,
  queryDay,
  queryEnum,
  queryInteger,
  queryText,
  requiredQueryText,
} from './params.js';

/** The groups of a program report (the report service takes these: tsc holds them equal). */
const REPORT_GROUPS = ['day', 'hour', 'site', 'ad', 'epi'] as const;

/** Orders, validation, transactions, invoices and reports: what an advertiser integrates. */
export const ORDER_ROUTES = {
  postProgramsByProgramIdOrders: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/orders',
    tag: 'Orders',
    summary: 'Report an order (the order document); idempotent per orderNumber',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program') }),
    body: OrderDocument,
    rawBody: true,
    answers: {
      200: { description: 'Updated or unchanged', schema: INTEGRATION_ANSWERS.ConversionResult },
      201: {
        description: 'Created, with its quote and attribution',
        schema: INTEGRATION_ANSWERS.ConversionResult,
      },
      400: 'Invalid order (issues name each field)',
      401: 'No or bad key',
      404: 'Not your program',
      409: 'The order’s attribution is locked (already invoiced or paid to another publisher)',
    },
  }),
  patchProgramsByProgramIdOrdersByOrderNumber: defineRoute({
    method: 'patch',
    path: '/api/v1/programs/{programId}/orders/{orderNumber}',
    tag: 'Orders',
    summary: 'Update an order’s status or lines (re-priced; the ledger gets the difference)',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program'), orderNumber: orderNumberParam }),
    body: OrderChange,
    rawBody: true,
    answers: {
      200: {
        description: 'Updated (or unchanged), with its quote',
        schema: INTEGRATION_ANSWERS.ConversionResult,
      },
      400: 'Invalid change',
      404: 'Unknown order',
      409: 'Paid commission is locked',
    },
  }),
  postProgramsByProgramIdOrdersByOrderNumberValidation: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/orders/{orderNumber}/validation',
    tag: 'Validation',
    summary:
      'Approve or decline one order (decline reasons: cancelled, returned, fraud, policy_breach, duplicate, out_of_stock, other)',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program'), orderNumber: orderNumberParam }),
    body: ValidationDecision,
    rawBody: true,
    answers: {
      200: { description: 'Decided', schema: INTEGRATION_ANSWERS.ValidationOutcome },
      400: 'Invalid decision or reason',
      404: 'Unknown order',
      409: 'Disqualified, held or paid',
    },
  }),
  postProgramsByProgramIdValidations: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/validations',
    tag: 'Validation',
    summary:
      'Validate many orders: JSON { validations: [...] } or a CSV (Content-Type: text/csv; orderNumber,decision,reason); a result per row',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program') }),
    body: ValidationBatch,
    rawBody: true,
    bodyTypes: ['text/csv'],
    answers: {
      200: {
        description: 'Per-row results and a summary',
        schema: INTEGRATION_ANSWERS.ValidationResults,
      },
      400: 'Malformed body or CSV header',
      413: 'Too many rows',
    },
  }),
  getProgramsByProgramIdTransactions: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/transactions',
    tag: 'Validation',
    summary: 'The program’s transactions with status, decline reason, rule and validation deadline',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program') }),
    query: z.object({
      status: queryEnum(
        ['pending', 'approved', 'declined', 'held', 'paid'],
        'only the transactions in this status',
      ),
      limit: queryInteger(1, 10_000, 500, 'at most this many, newest first (default 500)'),
      format: formatQuery,
    }),
    answers: {
      200: {
        description: 'Transactions',
        schema: INTEGRATION_ANSWERS.Transactions,
        types: ['text/csv'],
      },
      400: 'Invalid parameter',
    },
  }),
  getReports: defineRoute({
    method: 'get',
    path: '/api/v1/reports',
    tag: 'Reports',
    summary:
      'Clicks, orders, value, commission, conversion rate (orders that are not cancelled, refunded, fraud or declined ÷ clicks, a fraction to 4 decimals; a declined order’s commission is left out too) and EPC (earnings per click: commission ÷ clicks, 4 decimals) from the hourly rollups',
    auth: 'apiKey',
    query: z.object({
      programId: requiredQueryText('the program to report on is required', 'your program'),
      from: queryDay('the first day (UTC), YYYY-MM-DD'),
      to: queryDay('the last day (UTC, inclusive), YYYY-MM-DD; at most ten years after from'),
      groupBy: z
        .enum(REPORT_GROUPS, { error: `expected one of ${REPORT_GROUPS.join(', ')}` })
        .default('day')
        .meta({ description: 'one row per day (default), hour, site, ad or epi' }),
      siteId: queryText('only the clicks and orders of this site'),
      adId: queryText('only those of this ad'),
      epi: queryText('only those with this epi (the publisher’s own click reference)'),
      format: queryEnum(['json', 'csv'], 'json (default) or csv'),
    }),
    answers: {
      200: { description: 'Rows', schema: INTEGRATION_ANSWERS.ProgramReport, types: ['text/csv'] },
      400: 'Invalid parameter',
    },
  }),
  getProgramsByProgramIdInvoices: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/invoices',
    tag: 'Money',
    summary: 'The advertiser’s invoices: approved commission plus the network fee per month',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program') }),
    answers: {
      200: { description: 'Invoices', schema: INTEGRATION_ANSWERS.Invoices },
    },
  }),
  getProgramsByProgramIdInvoicesByInvoiceId: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/invoices/{invoiceId}',
    tag: 'Money',
    summary:
      'One invoice as a document: both parties, VAT treatment, lines with credit lines, totals and payment instructions (JSON, CSV or PDF, in English or Dutch)',
    auth: 'apiKey',
    params: z.object({ programId: idParam('the program'), invoiceId: idParam('the invoice') }),
    query: z.object({
      format: queryEnum(['json', 'csv', 'pdf'], 'json (default), csv or pdf'),
      lang: queryEnum(['en', 'nl'], 'the language of the CSV and PDF: en (default) or nl'),
    }),
    answers: {
      200: {
        description: 'The invoice',
        schema: INTEGRATION_ANSWERS.Invoice,
        types: ['text/csv', 'application/pdf'],
      },
      404: 'Not your program or not its invoice',
    },
  }),
};
