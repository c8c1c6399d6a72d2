import type { ActionKind } from './enforcement-service.js';
import { composeEmail, formatInstant } from '../i18n/email.js';
import { translate, type Locale } from '../i18n/catalogue.js';
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { ClaimsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { workingDayDeadline } from '../domain/calendar/working-days.js';
import { DomainError } from '../domain/errors.js';
import { holidayCalendar } from '../compliance/holiday-calendars.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import type { Mailer } from './mailer.js';
import type { EnforcementService } from './enforcement-service.js';
import { repos } from '../storage/repositories/repos.js';
import { claimView, type ClaimView } from './enforcement-views.js';

export type Claim = Selectable<ClaimsTable>;

export class ClaimError extends DomainError {}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

const MAX_ATTACHMENTS = 5;
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ALLOWED_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain|text\/csv)$/;

/**
 * Claims (AE-E2, AE-E3): a publisher objects to an enforcement action in writing, with
 * evidence attachments, before the action's claim deadline (5 working days on the program's
 * calendar); the advertiser decides within 15 working days. A late claim is refused with the
 * deadline in the message; an upheld claim reverses the action and its ledger effects; an
 * overdue decision is listed for the network admin; both deadlines are reminded.
 */
export class ClaimsService {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
    private readonly mailer: Mailer,
    private readonly enforcement: EnforcementService,
  ) {}

  async submit(
    input: {
      publisherId: string;
      actionId: string;
      text: string;
      attachments: readonly Attachment[];
    },
    nowMs: number,
  ): Promise<ClaimView> {
    const r = repos(this.store);
    const action = await r.enforcement.findOfPublisher(input.actionId, input.publisherId);
    if (action === undefined || action.kind === 'credit')
      throw new ClaimError(
        'unknown_action',
        `no enforcement action "${input.actionId}" against you`,
      );
    if (input.text.trim().length < 20)
      throw new ClaimError(
        'claim_text_required',
        'write your objection (at least 20 characters): what is wrong with the action and why',
      );
    if (input.attachments.length > MAX_ATTACHMENTS)
      throw new ClaimError('too_many_attachments', `at most ${MAX_ATTACHMENTS} attachments`, [], {
        max: MAX_ATTACHMENTS,
      });
    for (const file of input.attachments) {
      if (file.content.byteLength > MAX_ATTACHMENT_BYTES)
        throw new ClaimError(
          'attachment_too_large',
          `${file.filename}: at most 5 MiB per file`,
          [],
          { file: file.filename },
        );
      if (!ALLOWED_TYPES.test(file.contentType))
        throw new ClaimError(
          'attachment_type',
          `${file.filename}: send PDF, PNG, JPEG, GIF, WebP, plain text or CSV (got ${file.contentType})`,
          [],
          { file: file.filename },
        );
    }
    const deadline = action.claim_deadline_at;
    if (deadline !== null && nowMs >= deadline)
      throw new ClaimError(
        'claim_too_late',
        `the claim window closed on ${new Date(deadline).toISOString()}; a later objection is refused`,
        [],
        { deadline },
      );
    const existing = await r.claims.idOfAction(action.id);
    if (existing !== undefined)
      throw new ClaimError(
        'claim_exists',
        `a claim against this action exists already (${existing})`,
      );
    const { days, region } = await this.#decisionWindow(action.program_id);
    const claim: Claim = {
      id: newId('claim', nowMs),
      action_id: action.id,
      publisher_id: input.publisherId,
      text: input.text.trim(),
      submitted_at: nowMs,
      decision_due_at: workingDayDeadline(nowMs, days, holidayCalendar(region)),
      status: 'submitted',
      decision: null,
      decided_by: null,
      decided_at: null,
      reminded_at: null,
    };
    await r.transaction(async (t) => {
      await t.claims.insert(claim);
      for (const file of input.attachments)
        await t.claims.insertAttachment({
          id: newId('attachment', nowMs),
          claim_id: claim.id,
          filename: file.filename.replace(/[^\w.\- ]/g, '_').slice(0, 120),
          content_type: file.contentType,
          size: file.content.byteLength,
          sha256: createHash('sha256').update(file.content).digest('hex'),
          content: file.content,
          created_at: nowMs,
        });
      await t.audit.record(
        {
          actor: `publisher:${input.publisherId}`,
          action: 'claim.submitted',
          subjectType: 'enforcement_action',
          subjectId: action.id,
          details: {
            claimId: claim.id,
            attachments: input.attachments.length,
            decisionDueAt: new Date(claim.decision_due_at).toISOString(),
          },
        },
        nowMs,
      );
    });
    await this.#mailAdvertiser(
      action.program_id,
      (locale) =>
        composeEmail(locale, 'claim', {
          due: formatInstant(claim.decision_due_at, locale).slice(0, 10),
          dueAt: formatInstant(claim.decision_due_at, locale),
          publisher: input.publisherId,
          kind: translate(locale, `kind.${action.kind as ActionKind}`),
          action: action.id,
          rule: action.rule,
          claim: claim.text,
        }),
      nowMs,
    );
    return claimView(claim);
  }

  /** The advertiser's decision; an upheld claim reverses the action and its effects. */
  async decide(
    claimId: string,
    advertiserId: string,
    outcome: 'upheld' | 'rejected',
    decision: string,
    actor: string,
    nowMs: number,
  ): Promise<ClaimView> {
    const r = repos(this.store);
    const claim = await r.claims.findOfAdvertiser(claimId, advertiserId);
    if (claim === undefined)
      throw new ClaimError('unknown_claim', `no claim "${claimId}" in your programs`);
    if (claim.status !== 'submitted')
      throw new ClaimError('claim_decided', `claim ${claimId} is already ${claim.status}`, [], {
        status: claim.status,
      });
    if (decision.trim() === '')
      throw new ClaimError('decision_required', 'write the decision and its reasons');
    await r.claims.decide(
      claimId,
      { status: outcome, decision: decision.trim(), decidedBy: actor },
      nowMs,
    );
    await r.audit.record(
      {
        actor,
        action: `claim.${outcome}`,
        subjectType: 'claim',
        subjectId: claimId,
        details: { actionId: claim.action_id, late: nowMs > claim.decision_due_at },
      },
      nowMs,
    );
    if (outcome === 'upheld') await this.enforcement.reverse(claim.action_id, actor, nowMs);
    await this.mailer.sendToEach(
      await r.users.recipientsOfPublisher(claim.publisher_id),
      (locale) =>
        composeEmail(
          locale,
          'claimDecided',
          {
            claim: claimId,
            outcome: translate(locale, `status.${outcome}`),
            decision: decision.trim(),
          },
          outcome === 'upheld' ? [['email.claimDecided.reversed', {}]] : [],
        ),
      nowMs,
    );
    return claimView({
      ...claim,
      status: outcome,
      decision: decision.trim(),
      decided_by: actor,
      decided_at: nowMs,
    });
  }

  /** Claims whose decision is past due: for the network admin (AE-E3). */
  async overdue(nowMs: number) {
    return (await repos(this.store).claims.overdue(nowMs)).map((claim) => ({
      id: claim.id,
      publisherId: claim.publisher_id,
      submittedAt: claim.submitted_at,
      decisionDueAt: claim.decision_due_at,
      programId: claim.program_id,
      kind: claim.kind,
    }));
  }

  /** Reminds advertisers of decisions due within two days, once per claim. */
  async remindDecisions(nowMs: number): Promise<number> {
    const due = await repos(this.store).claims.decisionsClosing(nowMs);
    for (const claim of due) {
      // Claimed compare-and-set: another process reminding at the same time sends nothing.
      if (!(await repos(this.store).claims.markReminded(claim.id, nowMs))) continue;
      await this.#mailAdvertiser(
        claim.program_id,
        (locale) =>
          composeEmail(locale, 'claimReminder', {
            claim: claim.id,
            dueAt: formatInstant(claim.decision_due_at, locale),
          }),
        nowMs,
      );
    }
    return due.length;
  }

  async attachmentsOf(claimId: string) {
    return (await repos(this.store).claims.attachmentsOf(claimId)).map((file) => ({
      id: file.id,
      filename: file.filename,
      contentType: file.content_type,
      size: file.size,
      sha256: file.sha256,
    }));
  }

  async #decisionWindow(programId: string | null) {
    if (programId === null) return { days: 15, region: 'HK' };
    const terms = await this.terms.ofProgramOrThrow(programId);
    return {
      days: terms.file.enforcement.decisionWorkingDays,
      region: terms.file.enforcement.calendar,
    };
  }

  async #mailAdvertiser(
    programId: string | null,
    compose: (locale: Locale) => { subject: string; text: string },
    nowMs: number,
  ) {
    if (programId === null) return;
    await this.mailer.sendToEach(
      await repos(this.store).users.recipientsOfProgram(programId),
      compose,
      nowMs,
    );
  }
}
