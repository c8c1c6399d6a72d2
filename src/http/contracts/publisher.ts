import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute, forbidden } from './contract.js';
import { formatQuery, idParam, queryDay, queryText, requiredQueryText } from './params.js';

/** The publisher: settings, sites, applications, links, report, transactions, statements. */
export const PUBLISHER_ROUTES = {
  getPublisherSites: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/sites',
    tag: 'Publisher',
    summary: 'Your sites',
    auth: 'publisher',
    answers: {
      200: { description: 'Sites', schema: INTEGRATION_ANSWERS.PublisherSites },
    },
  }),
  postPublisherSites: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/sites',
    tag: 'Publisher',
    summary: 'Add a website (screened for Alibaba Group brands, AE-P5)',
    auth: 'publisher',
    body: BODIES.site,
    answers: {
      201: { description: 'Added, with brand screening hits', schema: ANSWERS.SiteAdded },
      400: 'Invalid name, URL or methods',
    },
  }),
  getPublisherApplications: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/applications',
    tag: 'Publisher',
    summary: 'Your program applications and their decisions',
    auth: 'publisher',
    answers: {
      200: { description: 'Applications', schema: INTEGRATION_ANSWERS.PublisherApplications },
    },
  }),
  postPublisherApplications: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/applications',
    tag: 'Publisher',
    summary: 'Apply to a program with a site (AE-P6 content declaration, AE-P5 screening)',
    auth: 'publisher',
    body: BODIES.application,
    answers: {
      201: {
        description: 'Pending, with brand screening hits',
        schema: ANSWERS.ApplicationSubmitted,
      },
      400: 'Forbidden method, rules not accepted',
      403: 'Restricted publisher',
      404: 'Unknown site or program',
      409: 'Already applied',
    },
  }),
  getPublisherLinks: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/links',
    tag: 'Publisher',
    summary: 'A tracking link and HTML snippet for an approved site and program',
    auth: 'publisher',
    query: z.object({
      programId: requiredQueryText('required: the program to link to', 'the program'),
      siteId: requiredQueryText('required: your site the link is for', 'your site'),
      adId: queryText('the ad (creative) the link shows'),
      epi: queryText('your own click reference, returned in the report'),
      epi2: queryText('a second click reference'),
    }),
    answers: {
      200: { description: '{ url, html, adId }', schema: ANSWERS.TrackingLink },
      400: 'Bad sub id',
      403: forbidden(
        'Not one of your sites (not_your_site), or not approved in the program (not_approved)',
      ),
      404: 'Unknown program or ad',
    },
  }),
  postPublisherLinks: defineRoute({
    method: 'post',
    path: '/api/v1/publisher/links',
    tag: 'Publisher',
    summary:
      'Tracking links for your approved sites, optionally deep links (url) on the program’s deeplink domains: one, or up to 1,000 as { links: [...] } answered in the same order, a refused one as { error: { code, message } } without failing the others. Nothing is stored',
    auth: 'publisher',
    body: BODIES.links,
    answers: {
      201: {
        description: '{ clickUrl, html }, or { links: [...] } for a batch',
        schema: ANSWERS.ClickLinks,
      },
      400: 'Bad sub id, or a deep link outside the program’s deeplink domains (deeplink_not_allowed, deeplinks_not_allowed)',
      403: forbidden(
        'Not one of your sites (not_your_site), or not approved in the program (not_approved); in a batch, such a link is answered as its error',
      ),
      404: 'Unknown program or ad',
      413: 'More than 1,000 links (too_many_links)',
    },
  }),
  getPublisherReport: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/report',
    tag: 'Publisher',
    summary:
      'Your clicks, orders, commission, conversion rate (orders not cancelled, refunded, fraud or declined ÷ clicks; a declined order’s commission is left out too) and EPC (earnings per click, 4 decimals) per day or per sub id',
    auth: 'publisher',
    query: z.object({
      from: queryDay('the first day, YYYY-MM-DD (default 29 days before to)').optional(),
      to: queryDay(
        'the last day, YYYY-MM-DD (default today); at most a year after from',
      ).optional(),
      groupBy: z
        .enum(['day', 'epi'], { error: 'expected day or epi' })
        .default('day')
        .meta({ description: 'one row per day (default) or per epi' }),
    }),
    answers: {
      200: { description: 'Rows', schema: INTEGRATION_ANSWERS.PublisherReport },
      400: 'Invalid parameter',
    },
  }),
  getPublisherTransactions: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/transactions',
    tag: 'Publisher',
    summary: 'Your transactions (filters; CSV)',
    auth: 'publisher',
    query: z.object({
      status: queryText('only the transactions whose commission is in this status'),
      from: queryText('placed on or after this day, YYYY-MM-DD'),
      to: queryText('placed on or before this day, YYYY-MM-DD'),
      format: formatQuery,
    }),
    answers: {
      200: {
        description: 'Transactions',
        schema: INTEGRATION_ANSWERS.PublisherTransactions,
        types: ['text/csv'],
      },
      400: 'Invalid parameter',
    },
  }),
  getPublisherTransactionsByOrderId: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/transactions/{orderId}',
    tag: 'Publisher',
    summary: 'One order: every line with base, rate, commission, reasons in words and rule ids',
    auth: 'publisher',
    params: z.object({ orderId: idParam('the order') }),
    answers: {
      200: { description: 'The order explained', schema: ANSWERS.OrderExplained },
      404: 'Not yours',
    },
  }),
  getPublisherStatements: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/statements',
    tag: 'Publisher',
    summary: 'Your monthly statements',
    auth: 'publisher',
    answers: {
      200: { description: 'Statements', schema: ANSWERS.PublisherStatements },
    },
  }),
  getPublisherStatementsByStatementId: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/statements/{statementId}',
    tag: 'Publisher',
    summary: 'A statement with every commission and deduction (JSON, CSV or PDF)',
    auth: 'publisher',
    params: z.object({ statementId: idParam('the statement') }),
    query: z.object({
      format: z
        .enum(['json', 'csv', 'pdf'], { error: 'expected json, csv or pdf' })
        .default('json')
        .meta({ description: 'json (default), csv or pdf' }),
    }),
    answers: {
      200: {
        description: 'The statement',
        schema: ANSWERS.PublisherStatement,
        types: ['text/csv', 'application/pdf'],
      },
      404: 'Not yours',
    },
  }),
  getPublisherPayoutSettings: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/payout-settings',
    tag: 'Publisher',
    summary: 'Your minimum payout and the network’s',
    auth: 'publisher',
    answers: {
      200: { description: 'The settings', schema: ANSWERS.PublisherPayoutSettings },
    },
  }),
  putPublisherPayoutSettings: defineRoute({
    method: 'put',
    path: '/api/v1/publisher/payout-settings',
    tag: 'Publisher',
    summary: 'Raise your minimum payout (never below the network’s; audited)',
    auth: 'publisher',
    body: BODIES.minimumPayout,
    answers: {
      200: { description: 'Set', schema: ANSWERS.PublisherPayoutSettings },
      400: 'Not an amount, or below the network’s minimum',
    },
  }),
  getPublisherInvoicingDetails: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/invoicing-details',
    tag: 'Publisher',
    summary: 'Your invoicing details and how your statements are taxed',
    auth: 'publisher',
    answers: {
      200: { description: 'The details', schema: ANSWERS.PublisherInvoicingDetails },
    },
  }),
  putPublisherInvoicingDetails: defineRoute({
    method: 'put',
    path: '/api/v1/publisher/invoicing-details',
    tag: 'Publisher',
    summary:
      'Set your legal name, address, VAT and chamber of commerce number for the statements made from now on (audited)',
    auth: 'publisher',
    body: BODIES.invoicingDetails,
    answers: {
      200: { description: 'Set', schema: ANSWERS.PublisherInvoicingDetails },
      400: 'A field is missing or not valid',
    },
  }),
};
