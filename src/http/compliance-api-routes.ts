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
        amountMinor: a.amount_minor,
        status: a.status,
        createdAt: iso(a.created_at),
        cureDeadlineAt: iso(a.deadline_at),
        claimDeadlineAt: iso(a.claim_deadline_at),
        claim: a.claim_id
          ? {
              id: a.claim_id,
              status: a.claim_status,
              decisionDueAt: iso(a.decision_due_at),
              decision: a.decision,
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
      .send({ id: claim.id, status: claim.status, decisionDueAt: iso(claim.decision_due_at) });
  });

  route(ROUTES.getPublisherMailings, async (input, request) => {
    const mailings = await network.mailings.ofPublisher(await publisher(request));
    return {
      mailings: mailings.map((m) => ({
        id: m.id,
        programId: m.program_id,
        subject: m.subject,
        plannedSendAt: iso(m.planned_send_at),
        status: m.status,
        comments: m.comments,
        linkParam: m.link_param,
        sendWindowEndsAt: iso(m.send_window_ends_at),
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
        publisherId: a.publisher_id,
        kind: a.kind,
        rule: a.rule,
        evidence: a.evidence,
        status: a.status,
        createdAt: iso(a.created_at),
        claimDeadlineAt: iso(a.claim_deadline_at),
        claim: a.claim_id
          ? {
              id: a.claim_id,
              text: a.claim_text,
              status: a.claim_status,
              decisionDueAt: iso(a.decision_due_at),
              decision: a.decision,
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
      throw new HttpError(400, 'invalid_kind', `kind: expected one of ${ACTION_KINDS.join(', ')}`);
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
      claimDeadlineAt: iso(action.claim_deadline_at),
    });
  });

  route(ROUTES.postAdvertiserEnforcementByIdLift, async (input, request) => {
    const { actor, advertiserId } = await advertiser(request);
    const { id } = input.params;
    if (!(await network.complianceViews.actionsOfAdvertiser(advertiserId)).some((a) => a.id === id))
      throw new HttpError(404, 'unknown_action', `no action "${id}" in your programs`);
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
        programId: m.program_id,
        publisherId: m.publisher_id,
        subject: m.subject,
        htmlBody: m.html_body,
        plannedSendAt: iso(m.planned_send_at),
        audienceSize: m.audience_size,
        audienceSource: m.audience_source,
        status: m.status,
        comments: m.comments,
        linkParam: m.link_param,
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
      return { id, status: mailing.status, linkParam: mailing.link_param };
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
        programId: c.program_id,
        publisherId: c.publisher_id,
        decisionDueAt: iso(c.decision_due_at),
      })),
      validations: (await network.validation.overdue(now)).map((v) => ({
        commissionId: v.id,
        programId: v.program_id,
        orderNumber: v.order_number,
        dueAt: iso(v.validation_due_at),
        openFlags: Number(v.open_flags),
      })),
    };
  });
}
