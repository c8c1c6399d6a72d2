import { baseUrl } from './base-url.js';
import { BODIES, parseBody } from './api-bodies.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { HttpError } from './http-errors.js';
import { authenticateUser } from './user-auth.js';

const eur = (minor: number) => formatMinorUnits(minor, 2);

/** The month end over JSON for the network admin: invoices, statements, payout runs. */
export function registerAdminApiRoutes(app: FastifyInstance, network: Network): void {
  const admin = (request: FastifyRequest) => authenticateUser(network, request, 'admin');
  const period = (request: FastifyRequest) => parseBody(request, BODIES.period).period;

  app.get('/api/v1/admin/settings/payouts', async (request) => {
    await admin(request);
    const minimum = await network.payoutSettings.networkMinimum();
    return { minimumPayout: eur(minimum), currency: 'EUR' };
  });

  app.put('/api/v1/admin/settings/payouts', async (request) => {
    const session = await admin(request);
    const { minimumPayout } = parseBody(request, BODIES.minimumPayout);
    const result = await network.payoutSettings.setNetworkMinimum(
      minimumPayout,
      `user:${session.user.id}`,
      network.now(),
    );
    return {
      minimumPayout: eur(result.minimumMinor),
      currency: 'EUR',
      publishersMoved: result.publishersMoved,
    };
  });

  app.get('/api/v1/admin/programs/:programId/network-fee', async (request) => {
    await admin(request);
    const { programId } = request.params as { programId: string };
    return network.networkFees.ofProgramOrThrow(programId);
  });

  app.put('/api/v1/admin/programs/:programId/network-fee', async (request) => {
    const session = await admin(request);
    const { programId } = request.params as { programId: string };
    const { networkFeeRate } = parseBody(request, BODIES.networkFee);
    return network.networkFees.set(
      programId,
      networkFeeRate,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  app.get('/api/v1/admin/settings/invoicing', async (request) => {
    await admin(request);
    const details = await network.invoicingDetails.network();
    if (details === undefined)
      throw new HttpError(
        404,
        'network_invoicing_details_missing',
        'the network has no invoicing details yet: PUT them here (legal name, address, VAT number)',
      );
    return details;
  });

  app.put('/api/v1/admin/settings/invoicing', async (request) => {
    const session = await admin(request);
    return network.invoicingDetails.setNetwork(
      parseBody(request, BODIES.invoicingDetails),
      `user:${session.user.id}`,
      network.now(),
    );
  });

  app.get('/api/v1/admin/vat-numbers', async (request) => {
    await admin(request);
    return { vatNumbers: await network.invoicingDetails.vatNumbers() };
  });

  app.post('/api/v1/admin/vat-numbers/:publisherId/verify', async (request) => {
    const session = await admin(request);
    const { publisherId } = request.params as { publisherId: string };
    const { vatNumber } = parseBody(request, BODIES.vatVerification);
    return network.invoicingDetails.verifyVatNumber(
      publisherId,
      vatNumber,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  app.get('/api/v1/admin/invoices', async (request) => {
    await admin(request);
    return {
      invoices: (await network.invoices.list()).map((i) => ({
        id: i.id,
        programId: i.program_id,
        period: i.period,
        commission: eur(i.commission_minor),
        feeRate: i.fee_rate,
        fee: eur(i.fee_minor),
        credited: eur(i.credited_minor),
        creditedFee: eur(i.credited_fee_minor),
        total: eur(i.total_minor),
        status: i.status,
      })),
    };
  });

  app.post('/api/v1/admin/invoices', async (request, reply) => {
    const session = await admin(request);
    const result = await network.invoices.createInvoices(
      period(request),
      network.now(),
      `user:${session.user.id}`,
    );
    return reply.code(201).send({
      created: result.created.map((i) => i.id),
      existing: result.existing.map((i) => i.id),
    });
  });

  app.post('/api/v1/admin/invoices/:id/paid', async (request) => {
    const session = await admin(request);
    const { id } = request.params as { id: string };
    const { invoice, changed } = await network.invoices.markPaid(
      id,
      network.now(),
      `user:${session.user.id}`,
    );
    return { id: invoice.id, status: invoice.status, changed };
  });

  app.get('/api/v1/admin/statements', async (request) => {
    await admin(request);
    return {
      statements: (await network.statements.list()).map((s) => ({
        id: s.id,
        publisherId: s.publisher_id,
        period: s.period,
        payable: eur(s.payable_minor),
        pending: eur(s.pending_minor),
        withheld: eur(s.withheld_minor),
        deducted: eur(s.deducted_minor),
        vat: eur(s.vat_minor),
        payout: eur(s.payout_minor),
        carriedOver: eur(s.carried_over_minor),
        status: s.status,
      })),
    };
  });

  app.post('/api/v1/admin/statements', async (request, reply) => {
    const session = await admin(request);
    const run = await network.statements.createStatements(
      period(request),
      network.now(),
      undefined,
      `user:${session.user.id}`,
    );
    return reply.code(201).send({
      created: run.created.map((s) => s.id),
      existing: run.existing,
      skippedNewer: run.skippedNewer,
    });
  });

  app.get('/api/v1/admin/payout-runs', async (request) => {
    await admin(request);
    return {
      runs: (await network.payouts.listRuns()).map((r) => ({
        id: r.id,
        executionDate: r.execution_date,
        payments: r.payments,
        total: eur(r.total_minor),
        status: r.status,
        skipped: JSON.parse(r.skipped) as unknown,
      })),
    };
  });

  app.post('/api/v1/admin/payout-runs', async (request, reply) => {
    const session = await admin(request);
    const date = parseBody(request, BODIES.payoutRun).executionDate;
    const { run, skipped } = await network.payouts.createRun({
      actor: `user:${session.user.id}`,
      nowMs: network.now(),
      executionDate: date,
    });
    return reply
      .code(201)
      .send({ id: run.id, payments: run.payments, total: eur(run.total_minor), skipped });
  });

  app.get('/api/v1/admin/payout-runs/:id/sepa', async (request, reply) => {
    const session = await admin(request);
    const { id } = request.params as { id: string };
    if (network.payoutDebtor === undefined)
      throw new HttpError(
        409,
        'debtor_not_configured',
        'set PAYOUT_DEBTOR_NAME and PAYOUT_DEBTOR_IBAN to the account payouts are paid from',
      );
    return reply
      .type('application/xml')
      .send(
        await network.payouts.sepaFile(
          id,
          network.payoutDebtor,
          network.now(),
          `user:${session.user.id}`,
        ),
      );
  });

  app.get('/api/v1/admin/payout-runs/:id/csv', async (request, reply) => {
    await admin(request);
    const { id } = request.params as { id: string };
    return reply.type('text/csv; charset=utf-8').send(await network.payouts.csvFile(id));
  });

  app.post('/api/v1/admin/payout-runs/:id/paid', async (request) => {
    const session = await admin(request);
    const { id } = request.params as { id: string };
    const result = await network.payouts.markPaid(id, `user:${session.user.id}`, network.now());
    return {
      id,
      status: result.run.status,
      changed: result.changed,
      commissions: result.commissions,
    };
  });

  app.post('/api/v1/admin/advertisers/invitations', async (request, reply) => {
    const session = await admin(request);
    const body = parseBody(request, BODIES.advertiserInvite);
    const invited = await network.advertiserInvites.invite(
      body,
      baseUrl(network, request),
      `user:${session.user.id}`,
      network.now(),
    );
    // The link goes by email only: the answer never carries it.
    return reply.code(201).send({
      advertiserId: invited.advertiserId,
      userId: invited.userId,
      email: invited.email,
      created: invited.created,
    });
  });
}
