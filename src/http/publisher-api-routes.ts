import { conversionRate, earningsPerClick } from '../domain/reports/performance.js';
import { MAX_LINKS_PER_REQUEST } from '../services/link-builder.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { declineReasonOf } from '../domain/validation/decline-reasons.js';
import { explainReason } from '../domain/engine/reasons.js';
import { reasonFactsOf } from '../domain/terms/compile-terms.js';
import { statementCsv, statementParties, statementPdf } from '../documents/statement-documents.js';
import { toCsv } from '../documents/csv.js';
import { HttpError } from './http-errors.js';
import { PUBLISHER_ROUTES as ROUTES } from './contracts/publisher.js';
import { routesOf } from './route.js';
import { authenticateUser, publisherIdOf } from './user-auth.js';
import { baseUrl } from './base-url.js';

const eur = (minor: number) => formatMinorUnits(minor, 2);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The publisher's JSON API (session token): sites, applications, links, report, transactions
 * with explained lines, statements. Everything is limited to the caller's own publisher.
 */
export function registerPublisherApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const publisher = async (request: FastifyRequest) =>
    publisherIdOf(await authenticateUser(network, request, 'publisher'));

  const payoutSettings = (settings: { minimumMinor: number; networkMinor: number }) => ({
    minimumPayout: formatMinorUnits(settings.minimumMinor, 2),
    networkMinimumPayout: formatMinorUnits(settings.networkMinor, 2),
    currency: 'EUR',
  });

  route(ROUTES.getPublisherPayoutSettings, async (_input, request) =>
    payoutSettings(await network.payoutSettings.ofPublisher(await publisher(request))),
  );

  route(ROUTES.putPublisherPayoutSettings, async (input, request) => {
    const session = await authenticateUser(network, request, 'publisher');
    const { minimumPayout } = input.body;
    return payoutSettings(
      await network.payoutSettings.setPublisherMinimum(
        publisherIdOf(session),
        minimumPayout,
        `user:${session.user.id}`,
        network.now(),
      ),
    );
  });

  route(ROUTES.getPublisherInvoicingDetails, async (_input, request) =>
    network.invoicingDetails.publisherView(await publisher(request), network.now()),
  );

  route(ROUTES.putPublisherInvoicingDetails, async (input, request) => {
    const session = await authenticateUser(network, request, 'publisher');
    const body = input.body;
    const publisherId = publisherIdOf(session);
    await network.invoicingDetails.setPublisher(
      publisherId,
      body,
      `user:${session.user.id}`,
      network.now(),
    );
    return network.invoicingDetails.publisherView(publisherId, network.now());
  });

  route(ROUTES.getPublisherSites, async (input, request) => {
    const publisherId = await publisher(request);
    const sites = await network.publisherViews.sites(publisherId);
    return { sites: sites.map(({ id, name, url, status }) => ({ id, name, url, status })) };
  });

  route(ROUTES.postPublisherSites, async (input, request, reply) => {
    const publisherId = await publisher(request);
    const { siteId, brandMatches } = await network.accounts.addSite(
      publisherId,
      input.body,
      network.now(),
    );
    return reply.code(201).send({ id: siteId, brandMatches });
  });

  route(ROUTES.getPublisherApplications, async (input, request) => {
    const publisherId = await publisher(request);
    const rows = await network.applications.ofPublisher(publisherId);
    return {
      applications: rows.map((row) => ({
        id: row.id,
        programId: row.programId,
        siteId: row.siteId,
        status: row.status,
        reason: row.reason,
        brandMatches: row.brandMatches,
        appliedAt: iso(row.createdAt),
        decidedAt: iso(row.decidedAt),
      })),
    };
  });

  route(ROUTES.postPublisherApplications, async (input, request, reply) => {
    const publisherId = await publisher(request);
    const { acceptRules, ...body } = input.body;
    const { membership, brandMatches } = await network.applications.apply(
      { publisherId, ...body, acceptedRules: acceptRules },
      network.now(),
    );
    return reply.code(201).send({ id: membership.id, status: membership.status, brandMatches });
  });

  route(ROUTES.getPublisherLinks, async ({ query }, request) => {
    const publisherId = await publisher(request);
    return network.links.build(
      publisherId,
      {
        programId: query.programId,
        siteId: query.siteId,
        adId: query.adId,
        epi: query.epi,
        epi2: query.epi2,
      },
      baseUrl(network, request),
    );
  });

  route(ROUTES.postPublisherLinks, async ({ body }, request, reply) => {
    const publisherId = await publisher(request);
    const base = baseUrl(network, request);
    if ('links' in body) {
      if (body.links.length > MAX_LINKS_PER_REQUEST)
        throw new HttpError(
          'too_many_links',
          `links: at most ${MAX_LINKS_PER_REQUEST} per request (${body.links.length} sent); split them`,
        );
      const outcomes = await network.links.buildMany(publisherId, body.links, base);
      return reply.code(201).send({
        links: outcomes.map((outcome) =>
          'error' in outcome ? outcome : { clickUrl: outcome.url, html: outcome.html },
        ),
      });
    }
    const link = await network.links.build(publisherId, body, base);
    return reply.code(201).send({ clickUrl: link.url, html: link.html });
  });

  route(ROUTES.getPublisherReport, async ({ query }, request) => {
    const publisherId = await publisher(request);
    const today = utcDayNumber(network.now());
    const parse = (text: string | undefined, name: string, fallback: number) => {
      if (text === undefined) return fallback;
      const day = dayNumberOfIsoDate(text);
      if (day === undefined)
        throw new HttpError('invalid_parameter', `${name}: expected YYYY-MM-DD`);
      return day;
    };
    const to = parse(query.to, 'to', today);
    const from = parse(query.from, 'from', to - 29);
    if (to < from || to - from > 366)
      throw new HttpError('invalid_parameter', 'from..to: at most a year, from before to');
    const { groupBy } = query;
    const rows = await network.publisherViews.report(publisherId, from, to, groupBy);
    return {
      from: isoDateOfDayNumber(from),
      to: isoDateOfDayNumber(to),
      groupBy,
      currency: 'EUR',
      rows: rows.map((row) => ({
        [groupBy]: groupBy === 'day' ? isoDateOfDayNumber(row.key as number) : row.key,
        clicks: row.clicks,
        orders: row.orders,
        commission: eur(row.commissionMinor),
        conversionRate: conversionRate(row.orders, row.clicks),
        epc: earningsPerClick(row.commissionMinor, row.clicks, 2),
      })),
    };
  });

  route(ROUTES.getPublisherTransactions, async ({ query }, request, reply) => {
    const publisherId = await publisher(request);
    const rows = await network.publisherViews.transactions(publisherId, {
      status: query.status,
      from: query.from,
      to: query.to,
      limit: 10_000,
    });
    const transactions = rows.map((row) => ({
      orderId: row.orderId,
      orderNumber: row.orderNumber,
      program: row.programName,
      placedAt: iso(row.placedAt),
      epi: row.epi,
      orderStatus: row.orderStatus,
      commissionStatus: row.status,
      reason: row.reason,
      declineReason: row.status === 'declined' ? declineReasonOf(row.reason) : null,
      commission: eur(row.totalMinor),
      validationDueAt: iso(row.validationDueAt),
    }));
    if (query.format === 'csv')
      return reply.type('text/csv; charset=utf-8').send(
        toCsv(
          Object.keys(transactions[0] ?? { orderId: '' }),
          transactions.map((t) => Object.values(t)),
        ),
      );
    return { transactions };
  });

  route(ROUTES.getPublisherTransactionsByOrderId, async (input, request) => {
    const publisherId = await publisher(request);
    const { orderId } = input.params;
    const { order, lines, commissions, quote, terms } = await network.publisherViews.order(
      publisherId,
      orderId,
    );
    const facts = terms === undefined ? undefined : reasonFactsOf(terms);
    const digits = 2;
    return {
      orderId: order.id,
      orderNumber: order.orderNumber,
      program: order.programName,
      placedAt: iso(order.placedAt),
      status: order.status,
      currency: order.currency,
      fxRate: quote.fxRate,
      reasons: quote.reasons.map((code) => ({
        code,
        text: { en: explainReason(code, 'en', facts), nl: explainReason(code, 'nl', facts) },
      })),
      lines: lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        category: line.category,
        base: formatMinorUnits(line.baseMinor, digits),
        rate: line.rate,
        commission: formatMinorUnits(line.commissionMinor, digits),
        commissionable: line.commissionable,
        rule: line.rule,
        reasons: line.reasons.map((code) => ({
          code,
          text: { en: explainReason(code, 'en', facts), nl: explainReason(code, 'nl', facts) },
        })),
      })),
      capApplied: quote.capApplied,
      commissions: commissions.map((c) => ({
        kind: c.kind,
        amount: eur(c.amountMinor),
        currency: c.currency,
        status: c.status,
        reason: c.reason,
        rule: c.rule,
        validationDueAt: iso(c.validationDueAt),
      })),
    };
  });

  route(ROUTES.getPublisherStatements, async (input, request) => {
    const publisherId = await publisher(request);
    const statements = await network.statements.list({ publisherId });
    return {
      statements: statements.map((s) => ({
        id: s.id,
        period: s.period,
        currency: s.currency,
        carriedIn: eur(s.carriedInMinor),
        payable: eur(s.payableMinor),
        pending: eur(s.pendingMinor),
        withheld: eur(s.withheldMinor),
        deducted: eur(s.deductedMinor),
        vat: eur(s.vatMinor),
        balance: eur(s.balanceMinor),
        payout: eur(s.payoutMinor),
        carriedOver: eur(s.carriedOverMinor),
        status: s.status,
      })),
    };
  });

  route(ROUTES.getPublisherStatementsByStatementId, async ({ params, query }, request, reply) => {
    const publisherId = await publisher(request);
    const { statementId } = params;
    const document = await network.statements.document(statementId, publisherId);
    if (document === undefined)
      throw new HttpError('unknown_statement', `no statement "${statementId}" among yours`);
    const { statement, lines } = document;
    const { format } = query;
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(statementCsv(document));
    if (format === 'pdf')
      return reply.type('application/pdf').send(Buffer.from(await statementPdf(document)));
    return {
      id: statement.id,
      number: statement.number,
      period: statement.period,
      status: statement.status,
      issuedAt: new Date(statement.createdAt).toISOString(),
      vatTreatment: statement.vatTreatment,
      vatRate: statement.vatRate,
      net: eur(statement.payableMinor - statement.deductedMinor),
      vat: eur(statement.vatMinor),
      balance: eur(statement.balanceMinor),
      payout: eur(statement.payoutMinor),
      parties: statementParties(statement),
      lines: lines.map((line) => ({
        section: line.section,
        id: line.id,
        orderId: line.orderId,
        orderNumber: line.orderNumber,
        kind: line.kind,
        rule: line.rule,
        amount: eur(line.amountMinor),
      })),
    };
  });
}
