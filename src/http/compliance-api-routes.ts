import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { ACTION_KINDS, type ActionKind } from '../services/enforcement-service.js';
import { auditCsv } from '../services/audit-log.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import { HttpError } from './http-errors.js';
import { COMPLIANCE_ROUTES as ROUTES } from './contracts/compliance.js';
import { ADMIN_ROUTES } from './contracts/admin.js';
import { routesOf } from './route.js';
import { advertiserIdOf, authenticateUser, publisherIdOf } from './user-auth.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Compliance over JSON (everything the portal's compliance pages do): the publisher's actions,
 * claims with base64 attachments and mailings; the advertiser's review queue, enforcement,
 * claim decisions and Email Approval tool; the admin's audit log and overdue claims.
 */
export function registerComplianceApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const publisher = async (request: FastifyRequest) =>
    publisherIdOf(await authenticateUser(network, request, 'publisher'));
  const advertiser = async (request: FastifyRequest) => {
    const session = await authenticateUser(network, request, 'advertiser');
    const advertiserId = advertiserIdOf(session);
    return {
      actor: `user:${session.user.id}`,
      advertiserId,
      programIds: await network.complianceViews.programIdsOf(advertiserId),
    };
  };

  route(ROUTES.getPublisherEnforcement, async (input, request) => {
    const publisherId = await publisher(request);
    const actions = await network.enforcement.ofPublisher(publisherId);
    return {
      actions: actions.map((a) => ({
        id: a.id,
        kind: a.kind,
        rule: a.rule,
        evidence: a.evidence,
        amountMinor: a.amountMinor,
        status: a.status,
        createdAt: iso(a.createdAt),
        cureDeadlineAt: iso(a.cureDeadlineAt),
        claimDeadlineAt: iso(a.claimDeadlineAt),
        claim: a.claim
          ? {
              id: a.claim.id,
              status: a.claim.status,
              decisionDueAt: iso(a.claim.decisionDueAt),
              decision: a.claim.decision,
            }
          : null,
      })),
    };
  });

  route(ROUTES.postPublisherClaims, async ({ body: input }, request, reply) => {
    const publisherId = await publisher(request);
    const attachments = (input.attachments ?? []).map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: Buffer.from(file.contentBase64, 'base64'),
    }));
    const claim = await network.claims.submit(
      { publisherId, actionId: input.actionId, text: input.text, attachments },
      network.now(),
    );
    return reply
      .code(201)
      .send({ id: claim.id, status: claim.status, decisionDueAt: iso(claim.decisionDueAt) });
  });

  route(ROUTES.getPublisherMailings, async (input, request) => {
    const mailings = await network.mailings.ofPublisher(await publisher(request));
    return {
      mailings: mailings.map((m) => ({
        id: m.id,
        programId: m.programId,
        subject: m.subject,
        plannedSendAt: iso(m.plannedSendAt),
        status: m.status,
        comments: m.comments,
        linkParam: m.linkParam,
        sendWindowEndsAt: iso(m.sendWindowEndsAt),
      })),
    };
  });

  route(ROUTES.postPublisherMailings, async ({ body }, request, reply) => {
    const publisherId = await publisher(request);
    const { plannedSendAt, ...input } = body;
    const mailing = await network.mailings.submit(
      { publisherId, ...input, plannedSendAt: Date.parse(plannedSendAt) },
      network.now(),
    );
    return reply.code(201).send({ id: mailing.id, status: mailing.status });
  });

  route(ROUTES.getAdvertiserReviewQueue, async (input, request) => {
    const { programIds } = await advertiser(request);
    return { publishers: await network.violations.queue(programIds) };
  });

  route(ROUTES.postAdvertiserViolationsByIdReview, async (input, request) => {
    const { actor, programIds } = await advertiser(request);
    const { id } = input.params;
    const { outcome } = input.body;
    await network.violations.review(id, programIds, outcome, actor, network.now());
    return { id, status: outcome };
  });

  route(ROUTES.getAdvertiserEnforcement, async (input, request) => {
    const { advertiserId } = await advertiser(request);
    const actions = await network.complianceViews.actionsOfAdvertiser(advertiserId);
    return {
      actions: actions.map((a) => ({
        id: a.id,
        publisherId: a.publisherId,
        kind: a.kind,
        rule: a.rule,
        evidence: a.evidence,
        status: a.status,
        createdAt: iso(a.createdAt),
        claimDeadlineAt: iso(a.claimDeadlineAt),
        claim: a.claim
          ? {
              id: a.claim.id,
              text: a.claim.text,
              status: a.claim.status,
              decisionDueAt: iso(a.claim.decisionDueAt),
              decision: a.claim.decision,
            }
          : null,
      })),
    };
  });

  route(ROUTES.postAdvertiserEnforcement, async ({ body: input }, request, reply) => {
    const { actor, advertiserId } = await advertiser(request);
    const { programId, publisherId } = input;
    await network.complianceViews.assertScope(advertiserId, programId, publisherId);
    const kind = input.kind as ActionKind;
    if (!ACTION_KINDS.includes(kind))
      throw new HttpError('invalid_kind', `kind: expected one of ${ACTION_KINDS.join(', ')}`);
    const amount = input.amount ?? '';
    const parsed = amount === '' ? undefined : parseDecimal(amount);
    const cure = input.cureDeadline ?? '';
    const action = await network.enforcement.record({
      kind,
      publisherId,
      programId,
      rule: input.rule,
      evidence: input.evidence,
      actor,
      nowMs: network.now(),
      amountMinor: amount === '' ? undefined : ((parsed && toMinorUnits(parsed, 2)) ?? Number.NaN),
      cureDeadlineAt: cure === '' ? undefined : Date.parse(cure),
    });
    return reply.code(201).send({
      id: action.id,
      kind: action.kind,
      status: action.status,
      claimDeadlineAt: iso(action.claimDeadlineAt),
    });
  });

  route(ROUTES.postAdvertiserEnforcementByIdLift, async (input, request) => {
    const { actor, advertiserId } = await advertiser(request);
    const { id } = input.params;
    if (!(await network.complianceViews.actionsOfAdvertiser(advertiserId)).some((a) => a.id === id))
      throw new HttpError('unknown_action', `no action "${id}" in your programs`);
    const action = await network.enforcement.reverse(id, actor, network.now(), 'lifted');
    return { id, status: action.status };
  });

  route(
    ROUTES.postAdvertiserClaimsByIdDecision,
    async ({ params: { id }, body: input }, request) => {
      const { actor, advertiserId } = await advertiser(request);
      const claim = await network.claims.decide(
        id,
        advertiserId,
        input.outcome,
        input.decision,
        actor,
        network.now(),
      );
      return { id, status: claim.status };
    },
  );

  route(ROUTES.getAdvertiserMailings, async (input, request) => {
    const { programIds } = await advertiser(request);
    const mailings = await network.mailings.ofPrograms(programIds);
    return {
      mailings: mailings.map((m) => ({
        id: m.id,
        programId: m.programId,
        publisherId: m.publisherId,
        subject: m.subject,
        htmlBody: m.htmlBody,
        plannedSendAt: iso(m.plannedSendAt),
        audienceSize: m.audienceSize,
        audienceSource: m.audienceSource,
        status: m.status,
        comments: m.comments,
        linkParam: m.linkParam,
      })),
    };
  });

  route(
    ROUTES.postAdvertiserMailingsByIdDecision,
    async ({ params: { id }, body: input }, request) => {
      const { actor, programIds } = await advertiser(request);
      const mailing = await network.mailings.decide(
        id,
        programIds,
        input.outcome,
        input.comments ?? '',
        actor,
        network.now(),
      );
      return { id, status: mailing.status, linkParam: mailing.linkParam };
    },
  );

  route(ROUTES.postAdvertiserEmailAccess, async (input, request) => {
    const { actor, advertiserId } = await advertiser(request);
    const { programId, publisherId, grant } = input.body;
    await network.complianceViews.assertScope(advertiserId, programId, publisherId);
    if (grant) await network.mailings.grantAccess(programId, publisherId, actor, network.now());
    else await network.mailings.revokeAccess(programId, publisherId, actor, network.now());
    return { programId, publisherId, access: grant };
  });

  route(ADMIN_ROUTES.getAdminAudit, async ({ query }, request, reply) => {
    await authenticateUser(network, request, 'admin');
    const csv = query.format === 'csv';
    const rows = await network.complianceViews.audit({
      action: query.action,
      limit: csv ? 100_000 : 500,
    });
    if (csv) return reply.type('text/csv; charset=utf-8').send(auditCsv(rows));
    return {
      events: rows.map((row) => ({
        id: row.id,
        at: iso(row.at),
        actor: row.actor,
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        details: JSON.parse(row.details) as unknown,
      })),
    };
  });

  route(ADMIN_ROUTES.getAdminOverdue, async (input, request) => {
    await authenticateUser(network, request, 'admin');
    const now = network.now();
    return {
      claims: (await network.claims.overdue(now)).map((c) => ({
        id: c.id,
        programId: c.programId,
        publisherId: c.publisherId,
        decisionDueAt: iso(c.decisionDueAt),
      })),
      validations: (await network.validation.overdueView(now)).map((v) => ({
        commissionId: v.commissionId,
        programId: v.programId,
        orderNumber: v.orderNumber,
        dueAt: iso(v.validationDueAt),
        openFlags: v.openFlags,
      })),
    };
  });
}
