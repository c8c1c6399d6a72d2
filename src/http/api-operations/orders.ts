import type { Operation } from './legacy.js';

/** Orders, validation and reports: what an advertiser integrates. */
export const ORDER_OPERATIONS: readonly Operation[] = [
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
    bodySchema: 'ValidationDecision',
    responses: {
      200: 'Decided',
      400: 'Invalid decision or reason',
      404: 'Unknown order',
      409: 'Disqualified, held or paid',
    },
    responseSchemas: { 200: 'ValidationOutcome' },
  },
  {
    method: 'post',
    path: '/api/v1/programs/{programId}/validations',
    tag: 'Validation',
    summary:
      'Validate many orders: JSON { validations: [...] } or a CSV (Content-Type: text/csv; orderNumber,decision,reason); a result per row',
    auth: 'apiKey',
    bodySchema: 'ValidationBatch',
    responses: {
      200: 'Per-row results and a summary',
      400: 'Malformed body or CSV header',
      413: 'Too many rows',
    },
    responseSchemas: { 200: 'ValidationResults' },
  },
  {
    method: 'get',
    path: '/api/v1/programs/{programId}/transactions',
    tag: 'Validation',
    summary: 'The program’s transactions with status, decline reason, rule and validation deadline',
    auth: 'apiKey',
    query: { status: 'pending|approved|declined|held|paid', limit: '1–10000', format: 'json|csv' },
    responses: { 200: 'Transactions', 400: 'Invalid parameter' },
    responseSchemas: { 200: 'Transactions' },
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
    responseSchemas: { 200: 'ProgramReport' },
  },
];
