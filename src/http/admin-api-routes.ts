import { mailLinkBase } from './base-url.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { HttpError } from './http-errors.js';
import { authenticateUser } from './user-auth.js';
import { ADMIN_ROUTES as ROUTES } from './contracts/admin.js';
import { localeOf } from '../i18n/email.js';
import { routesOf } from './route.js';

const eur = (minor: number) => formatMinorUnits(minor, 2);

/** The month end over JSON for the network admin: invoices, statements, payout runs. */
export function registerAdminApiRoutes(app: FastifyInstance, network: Network): void {
  const admin = (request: FastifyRequest) => authenticateUser(network, request, 'admin');
  const route = routesOf(app, network);

  route(ROUTES.getAdminSettingsPayouts, async (input, request) => {
    await admin(request);
    const minimum = await network.payoutSettings.networkMinimum();
    return { minimumPayout: eur(minimum), currency: 'EUR' };
  });

  route(ROUTES.putAdminSettingsPayouts, async (input, request) => {
    const session = await admin(request);
    const { minimumPayout } = input.body;
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

  route(ROUTES.getAdminProgramsByProgramIdNetworkFee, async (input, request) => {
    await admin(request);
    const { programId } = input.params;
    return network.networkFees.ofProgramOrThrow(programId);
  });

  route(ROUTES.putAdminProgramsByProgramIdNetworkFee, async (input, request) => {
    const session = await admin(request);
    const { programId } = input.params;
    const { networkFeeRate } = input.body;
    return network.networkFees.set(
      programId,
      networkFeeRate,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  route(ROUTES.getAdminSettingsInvoicing, async (input, request) => {
    await admin(request);
    const details = await network.invoicingDetails.network();
    if (details === undefined)
      throw new HttpError(
        'network_invoicing_details_not_set',
        'the network has no invoicing details yet: PUT them here (legal name, address, VAT number)',
      );
    return details;
  });

  route(ROUTES.putAdminSettingsInvoicing, async (input, request) => {
    const session = await admin(request);
    return network.invoicingDetails.setNetwork(
      input.body,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  route(ROUTES.getAdminPublishers, async (input, request) => {
    await admin(request);
    return { publishers: await network.publisherStanding.list() };
  });

  route(ROUTES.postAdminPublishersByPublisherIdStatus, async (input, request) => {
    const session = await admin(request);
    const { status, reason } = input.body;
    return network.publisherStanding.setNetworkStatus(
      input.params.publisherId,
      status,
      reason,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  route(ROUTES.getAdminVatNumbers, async (input, request) => {
    await admin(request);
    return { vatNumbers: await network.invoicingDetails.vatNumbers() };
  });

  route(ROUTES.postAdminVatNumbersByPublisherIdVerify, async (input, request) => {
    const session = await admin(request);
    const { publisherId } = input.params;
    const { vatNumber } = input.body;
    return network.invoicingDetails.verifyVatNumber(
      publisherId,
      vatNumber,
      `user:${session.user.id}`,
      network.now(),
    );
  });

  route(ROUTES.getAdminInvoices, async (input, request) => {
    await admin(request);
    return {
      invoices: (await network.invoices.list()).map((i) => ({
        id: i.id,
        programId: i.programId,
        period: i.period,
        commission: eur(i.commissionMinor),
        feeRate: i.feeRate,
        fee: eur(i.feeMinor),
        credited: eur(i.creditedMinor),
        creditedFee: eur(i.creditedFeeMinor),
        total: eur(i.totalMinor),
        status: i.status,
      })),
    };
  });

  route(ROUTES.postAdminInvoices, async (input, request, reply) => {
    const session = await admin(request);
    const result = await network.invoices.createInvoices(
      input.body.period,
      network.now(),
      `user:${session.user.id}`,
    );
    return reply.code(201).send({
      created: result.created.map((i) => i.id),
      existing: result.existing.map((i) => i.id),
    });
  });

  route(ROUTES.postAdminInvoicesByIdPaid, async (input, request) => {
    const session = await admin(request);
    const { id } = input.params;
    const { invoice, changed } = await network.invoices.markPaid(
      id,
      network.now(),
      `user:${session.user.id}`,
    );
    return { id: invoice.id, status: invoice.status, changed };
  });

  route(ROUTES.getAdminStatements, async (input, request) => {
    await admin(request);
    return {
      statements: (await network.statements.list()).map((s) => ({
        id: s.id,
        publisherId: s.publisherId,
        period: s.period,
        payable: eur(s.payableMinor),
        pending: eur(s.pendingMinor),
        withheld: eur(s.withheldMinor),
        deducted: eur(s.deductedMinor),
        vat: eur(s.vatMinor),
        payout: eur(s.payoutMinor),
        carriedOver: eur(s.carriedOverMinor),
        status: s.status,
      })),
    };
  });

  route(ROUTES.postAdminStatements, async (input, request, reply) => {
    const session = await admin(request);
    const run = await network.statements.createStatements(
      input.body.period,
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

  route(ROUTES.getAdminPayoutRuns, async (input, request) => {
    await admin(request);
    return {
      runs: (await network.payouts.listRuns()).map((r) => ({
        id: r.id,
        executionDate: r.executionDate,
        payments: r.payments,
        total: eur(r.totalMinor),
        status: r.status,
        skipped: r.skipped,
      })),
    };
  });

  route(ROUTES.postAdminPayoutRuns, async (input, request, reply) => {
    const session = await admin(request);
    const date = input.body.executionDate;
    const { run, skipped } = await network.payouts.createRun({
      actor: `user:${session.user.id}`,
      nowMs: network.now(),
      executionDate: date,
    });
    return reply
      .code(201)
      .send({ id: run.id, payments: run.payments, total: eur(run.totalMinor), skipped });
  });

  route(ROUTES.getAdminPayoutRunsByIdSepa, async (input, request, reply) => {
    const session = await admin(request);
    const { id } = input.params;
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

  route(ROUTES.getAdminPayoutRunsByIdCsv, async (input, request, reply) => {
    await admin(request);
    const { id } = input.params;
    return reply.type('text/csv; charset=utf-8').send(await network.payouts.csvFile(id));
  });

  route(ROUTES.postAdminPayoutRunsByIdPaid, async (input, request) => {
    const session = await admin(request);
    const { id } = input.params;
    const result = await network.payouts.markPaid(id, `user:${session.user.id}`, network.now());
    return {
      id,
      status: result.run.status,
      changed: result.changed,
      commissions: result.commissions,
    };
  });

  route(ROUTES.postAdminAdvertisersInvitations, async (input, request, reply) => {
    const session = await admin(request);
    const body = input.body;
    // The invitee's language: as asked, else the inviting admin's own.
    const invited = await network.advertiserInvites.invite(
      { ...body, locale: body.locale ?? localeOf(session.user.locale) },
      mailLinkBase(network, request),
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
