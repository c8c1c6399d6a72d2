import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute } from './contract.js';
import { formatQuery, idParam, queryText } from './params.js';

/** The network admin: month end, invoices, statements, payout runs, settings, the audit log. */
export const ADMIN_ROUTES = {
  getAdminAudit: defineRoute({
    method: 'get',
    path: '/api/v1/admin/audit',
    tag: 'Admin',
    summary: 'The audit log of compliance and enforcement events (JSON or CSV)',
    auth: 'admin',
    query: z.object({
      action: queryText('only the events whose action starts with this, e.g. enforcement.'),
      format: formatQuery,
    }),
    answers: {
      200: { description: 'Events', schema: ANSWERS.Audit, types: ['text/csv'] },
      403: 'Not the network admin',
    },
  }),
  getAdminProgramsByProgramIdNetworkFee: defineRoute({
    method: 'get',
    path: '/api/v1/admin/programs/{programId}/network-fee',
    tag: 'Admin',
    summary: 'A program’s network fee (the network’s setting; terms files cannot set it)',
    auth: 'admin',
    params: z.object({ programId: idParam('the program') }),
    answers: {
      200: { description: 'The fee', schema: ANSWERS.NetworkFee },
      403: 'Not the network admin',
      404: 'Unknown program',
    },
  }),
  putAdminProgramsByProgramIdNetworkFee: defineRoute({
    method: 'put',
    path: '/api/v1/admin/programs/{programId}/network-fee',
    tag: 'Admin',
    summary:
      'Set a program’s network fee: billed on the invoices issued from now on; recorded in the audit log (program.network_fee_changed) with before and after',
    auth: 'admin',
    params: z.object({ programId: idParam('the program') }),
    body: BODIES.networkFee,
    answers: {
      200: { description: 'The fee now (previousRate: before)', schema: ANSWERS.NetworkFee },
      400: 'Not a decimal from 0 to 1 with at most 4 decimals (invalid_network_fee)',
      403: 'Not the network admin',
      404: 'Unknown program',
    },
  }),
  getAdminOverdue: defineRoute({
    method: 'get',
    path: '/api/v1/admin/overdue',
    tag: 'Admin',
    summary: 'Claims past their decision deadline and validations past theirs',
    auth: 'admin',
    answers: {
      200: { description: 'Overdue items', schema: ANSWERS.Overdue },
      403: 'Not the network admin',
    },
  }),
  getAdminInvoices: defineRoute({
    method: 'get',
    path: '/api/v1/admin/invoices',
    tag: 'Admin',
    summary: 'Advertiser invoices',
    auth: 'admin',
    answers: {
      200: { description: 'Invoices', schema: INTEGRATION_ANSWERS.AdminInvoices },
      403: 'Not the network admin',
    },
  }),
  postAdminInvoices: defineRoute({
    method: 'post',
    path: '/api/v1/admin/invoices',
    tag: 'Admin',
    summary: 'Issue the month’s invoices: approved commission plus the network fee (idempotent)',
    auth: 'admin',
    body: BODIES.period,
    answers: {
      201: { description: 'Created and existing ids', schema: ANSWERS.InvoicesCreated },
      400: 'Invalid period',
      409: 'The month has not ended',
    },
  }),
  postAdminInvoicesByIdPaid: defineRoute({
    method: 'post',
    path: '/api/v1/admin/invoices/{id}/paid',
    tag: 'Admin',
    summary: 'Record an advertiser’s payment: its commissions become payable (AE-T5)',
    auth: 'admin',
    params: z.object({ id: idParam('the invoice') }),
    answers: {
      200: { description: 'Paid (changed false when it already was)', schema: ANSWERS.InvoicePaid },
      404: 'Unknown invoice',
    },
  }),
  getAdminStatements: defineRoute({
    method: 'get',
    path: '/api/v1/admin/statements',
    tag: 'Admin',
    summary: 'Publisher statements',
    auth: 'admin',
    answers: {
      200: { description: 'Statements', schema: INTEGRATION_ANSWERS.AdminStatements },
    },
  }),
  postAdminStatements: defineRoute({
    method: 'post',
    path: '/api/v1/admin/statements',
    tag: 'Admin',
    summary: 'Make the month’s statements (idempotent)',
    auth: 'admin',
    body: BODIES.period,
    answers: {
      201: { description: 'Created ids', schema: ANSWERS.StatementsCreated },
      409: 'The month has not ended, or the network has no invoicing details yet',
    },
  }),
  getAdminPayoutRuns: defineRoute({
    method: 'get',
    path: '/api/v1/admin/payout-runs',
    tag: 'Admin',
    summary: 'Payout runs',
    auth: 'admin',
    answers: {
      200: { description: 'Runs', schema: INTEGRATION_ANSWERS.PayoutRuns },
    },
  }),
  postAdminPayoutRuns: defineRoute({
    method: 'post',
    path: '/api/v1/admin/payout-runs',
    tag: 'Admin',
    summary: 'Put every payable statement not yet paid into a run (bad IBANs wait, listed)',
    auth: 'admin',
    body: BODIES.payoutRun,
    answers: {
      201: { description: 'The run', schema: ANSWERS.PayoutRunCreated },
      409: 'Nothing to pay',
    },
  }),
  getAdminPayoutRunsByIdSepa: defineRoute({
    method: 'get',
    path: '/api/v1/admin/payout-runs/{id}/sepa',
    tag: 'Admin',
    summary: 'The run as a SEPA credit transfer (pain.001.001.03)',
    auth: 'admin',
    params: z.object({ id: idParam('the payout run') }),
    answers: {
      200: { description: 'XML', types: ['application/xml'] },
      404: 'Unknown run',
      409: 'PAYOUT_DEBTOR_* not set',
    },
  }),
  getAdminPayoutRunsByIdCsv: defineRoute({
    method: 'get',
    path: '/api/v1/admin/payout-runs/{id}/csv',
    tag: 'Admin',
    summary: 'The run as CSV',
    auth: 'admin',
    params: z.object({ id: idParam('the payout run') }),
    answers: {
      200: { description: 'CSV', types: ['text/csv'] },
      404: 'Unknown run',
    },
  }),
  postAdminPayoutRunsByIdPaid: defineRoute({
    method: 'post',
    path: '/api/v1/admin/payout-runs/{id}/paid',
    tag: 'Admin',
    summary: 'Record that the bank paid the run (idempotent: nobody is paid twice)',
    auth: 'admin',
    params: z.object({ id: idParam('the payout run') }),
    answers: {
      200: { description: 'Paid', schema: ANSWERS.PayoutRunPaid },
      404: 'Unknown run',
    },
  }),
  postAdminAdvertisersInvitations: defineRoute({
    method: 'post',
    path: '/api/v1/admin/advertisers/invitations',
    tag: 'Admin',
    summary:
      'Invite an advertiser’s user: the advertiser is created when its name is new (the same name adds a user); the invitee chooses a password from the emailed link (single use, 7 days)',
    auth: 'admin',
    body: BODIES.advertiserInvite,
    answers: {
      201: { description: 'Invited', schema: ANSWERS.AdvertiserInvited },
      400: 'Not an email address or no name',
      403: 'Not the network admin',
      409: 'The address has an account',
    },
  }),
  getAdminSettingsPayouts: defineRoute({
    method: 'get',
    path: '/api/v1/admin/settings/payouts',
    tag: 'Admin',
    summary: 'The network’s minimum payout',
    auth: 'admin',
    answers: {
      200: { description: 'The settings', schema: ANSWERS.NetworkPayoutSettings },
      403: 'Not the network admin',
    },
  }),
  putAdminSettingsPayouts: defineRoute({
    method: 'put',
    path: '/api/v1/admin/settings/payouts',
    tag: 'Admin',
    summary:
      'Set the network’s minimum payout: new publishers start with it, publishers still on the previous one move with it, nobody’s may be lower (audited)',
    auth: 'admin',
    body: BODIES.minimumPayout,
    answers: {
      200: { description: 'Set', schema: ANSWERS.NetworkPayoutSettings },
      400: 'Not an amount',
      403: 'Not the network admin',
    },
  }),
  getAdminSettingsInvoicing: defineRoute({
    method: 'get',
    path: '/api/v1/admin/settings/invoicing',
    tag: 'Admin',
    summary: 'The network’s invoicing details, which every self-billing statement carries',
    auth: 'admin',
    answers: {
      200: { description: 'The details', schema: ANSWERS.NetworkInvoicingDetails },
      403: 'Not the network admin',
      404: 'Not set yet',
    },
  }),
  putAdminSettingsInvoicing: defineRoute({
    method: 'put',
    path: '/api/v1/admin/settings/invoicing',
    tag: 'Admin',
    summary:
      'Set the network’s legal name, address, VAT and chamber of commerce number (required before statements are made; audited)',
    auth: 'admin',
    body: BODIES.invoicingDetails,
    answers: {
      200: { description: 'Set', schema: ANSWERS.NetworkInvoicingDetails },
      400: 'A field is missing or not valid',
      403: 'Not the network admin',
    },
  }),
  getAdminVatNumbers: defineRoute({
    method: 'get',
    path: '/api/v1/admin/vat-numbers',
    tag: 'Admin',
    summary: 'Publishers’ VAT numbers and whether the network verified them (unverified first)',
    auth: 'admin',
    answers: {
      200: { description: 'The numbers', schema: ANSWERS.VatNumbers },
      403: 'Not the network admin',
    },
  }),
  getAdminPublishers: defineRoute({
    method: 'get',
    path: '/api/v1/admin/publishers',
    tag: 'Admin',
    summary: 'Publishers with their network-wide status (by name, at most 1,000)',
    auth: 'admin',
    answers: {
      200: { description: 'The publishers', schema: ANSWERS.PublisherStandings },
      403: 'Not the network admin',
    },
  }),
  postAdminPublishersByPublisherIdStatus: defineRoute({
    method: 'post',
    path: '/api/v1/admin/publishers/{publisherId}/status',
    tag: 'Admin',
    summary:
      'Set a publisher’s network-wide status with a reason (audited): restricted cannot apply to any program, terminated cannot apply and earns in no program. The network’s power alone; an advertiser’s enforcement reaches its own programs only',
    auth: 'admin',
    params: z.object({ publisherId: idParam('the publisher') }),
    body: BODIES.networkStatus,
    answers: {
      200: { description: 'Set', schema: ANSWERS.PublisherStandingChanged },
      400: 'Not a status, or no reason',
      403: 'Not the network admin',
      404: 'No such publisher',
    },
  }),
  postAdminVatNumbersByPublisherIdVerify: defineRoute({
    method: 'post',
    path: '/api/v1/admin/vat-numbers/{publisherId}/verify',
    tag: 'Admin',
    summary:
      'Record that the network verified a publisher’s VAT number (VIES or papers): statements adding VAT under it can be paid (audited)',
    auth: 'admin',
    params: z.object({ publisherId: idParam('the publisher') }),
    body: BODIES.vatVerification,
    answers: {
      200: { description: 'Verified', schema: ANSWERS.VatVerification },
      400: 'Not the number on file (it changed): check it again',
      403: 'Not the network admin',
      404: 'No such publisher',
    },
  }),
};
