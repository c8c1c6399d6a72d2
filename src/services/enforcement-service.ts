import { composeEmail, formatInstant } from '../i18n/email.js';
import { translate, type Locale } from '../i18n/catalogue.js';
import { applyEffect, undoEffect } from './enforcement-effects.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import type { Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { EnforcementActionsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { workingDayDeadline } from '../domain/calendar/working-days.js';
import { DomainError } from '../domain/errors.js';
import { holidayCalendar } from '../compliance/holiday-calendars.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import type { Mailer } from './mailer.js';
import { repos } from '../storage/repositories/repos.js';
import {
  actionView,
  actionWithClaimView,
  type ActionWithClaimView,
  type EnforcementActionView,
} from './enforcement-views.js';

export type EnforcementAction = Selectable<EnforcementActionsTable>;

export class EnforcementError extends DomainError {}

/** AE-E1 a–g, and the credit that gives back a deduction already settled. */
export const ACTION_KINDS = [
  'warning',
  'cure_period',
  'withhold',
  'deduction',
  'termination',
  'restriction',
  'registration_bar',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ActionInput {
  publisherId: string;
  programId: string | null;
  /** The SPEC rule breached, e.g. `AE-P4`. */
  rule: string;
  /** What shows the breach: text, URLs, ids. */
  evidence: string;
  actor: string;
  nowMs: number;
}

export interface RecordActionInput extends ActionInput {
  kind: ActionKind;
  /** A deduction's amount in EUR cents. */
  amountMinor?: number | undefined;
  /** A cure period's end. */
  cureDeadlineAt?: number | undefined;
}

/**
 * Enforcement (AE-E1): every action is recorded with the rule breached, its evidence and
 * actor, audited, emailed to the publisher with the deadline for a claim (AE-E2, working days
 * on the program's calendar), and has its effect: withheld money is not payable (statements
 * and payout runs check), a deduction is a ledger debit. Termination, restriction and
 * registration bars reach the action's advertiser's programs only, never the rest of the
 * network: a terminated publisher's memberships in them are suspended (its clicks land but no
 * longer attribute there), a restricted one cannot apply to them, a barred email or domain
 * cannot apply to them from any account. Reversing an action (an upheld claim) undoes its
 * effect.
 */
export class EnforcementService {
  constructor(
    private readonly store: Store,
    private readonly terms?: StoredTerms,
    private readonly mailer?: Mailer,
  ) {}

  /** AE-E1 c: the publisher's payable money is held back until the action is lifted. */
  async withholdPayments(input: ActionInput): Promise<EnforcementActionView> {
    return this.record({ ...input, kind: 'withhold' });
  }

  /** AE-E1 d: deducts `amountMinor` (EUR cents) from the publisher's next statement. */
  async deduct(input: ActionInput & { amountMinor: number }): Promise<EnforcementActionView> {
    return this.record({ ...input, kind: 'deduction' });
  }

  async record(input: RecordActionInput): Promise<EnforcementActionView> {
    if (!ACTION_KINDS.includes(input.kind))
      throw new EnforcementError(
        'invalid_kind',
        `kind: expected one of ${ACTION_KINDS.join(', ')}`,
      );
    if (input.evidence.trim() === '')
      throw new EnforcementError('evidence_required', 'evidence: say what shows the breach');
    if (!/^[A-Z]{2,5}-[A-Z]{1,2}\d{1,3}/.test(input.rule))
      throw new EnforcementError(
        'invalid_rule',
        'rule: name the rule breached by its id in the program’s terms, such as the rule of a policy on its page',
      );
    if (
      input.kind === 'deduction' &&
      (!Number.isSafeInteger(input.amountMinor) || (input.amountMinor ?? 0) <= 0)
    )
      throw new EnforcementError(
        'invalid_amount',
        'amount: a deduction needs a positive amount in euros with at most two decimals, e.g. 12.50',
      );
    if (
      input.kind === 'cure_period' &&
      (input.cureDeadlineAt === undefined || input.cureDeadlineAt <= input.nowMs)
    )
      throw new EnforcementError(
        'invalid_deadline',
        'a cure period needs a deadline in the future',
      );
    const publisher = await repos(this.store).publishers.find(input.publisherId);
    if (publisher === undefined)
      throw new EnforcementError('unknown_publisher', `no publisher "${input.publisherId}"`);
    if (input.kind === 'deduction' && input.programId !== null) {
      const available = await this.deductibleMinor(input.publisherId, input.programId);
      if ((input.amountMinor ?? 0) > available)
        throw new EnforcementError(
          'deduction_exceeds_earnings',
          `a deduction reaches only what the publisher earned in this program: at most EUR ${formatMinorUnits(available, 2)} (approved and paid commission, less earlier deductions), not EUR ${formatMinorUnits(input.amountMinor ?? 0, 2)}`,
          [],
          { max: formatMinorUnits(available, 2) },
        );
    }
    const { claimDeadlineAt, calendarName, claimWindowDays } = await this.#claimDeadline(
      input.programId,
      input.nowMs,
    );
    const action: EnforcementAction = {
      id: newId('enforcementAction', input.nowMs),
      program_id: input.programId,
      publisher_id: input.publisherId,
      kind: input.kind,
      rule: input.rule,
      evidence: input.evidence.trim(),
      amount_minor: input.kind === 'deduction' ? (input.amountMinor ?? null) : null,
      currency: input.kind === 'deduction' ? 'EUR' : null,
      deadline_at: input.kind === 'cure_period' ? (input.cureDeadlineAt ?? null) : null,
      status: 'active',
      actor: input.actor,
      created_at: input.nowMs,
      ended_at: null,
      statement_id: null,
      claim_deadline_at: claimDeadlineAt,
      reminded_at: null,
    };
    await repos(this.store).transaction(async (t) => {
      await t.enforcement.insert(action);
      await applyEffect(t, action);
      await t.audit.record(
        {
          actor: input.actor,
          action: `enforcement.${input.kind}`,
          subjectType: 'publisher',
          subjectId: input.publisherId,
          details: {
            actionId: action.id,
            rule: input.rule,
            evidence: action.evidence,
            amountMinor: action.amount_minor,
            claimDeadlineAt: new Date(claimDeadlineAt).toISOString(),
          },
        },
        input.nowMs,
      );
    });
    await this.#notify(
      action.publisher_id,
      (locale) =>
        composeEmail(
          locale,
          'enforcement',
          {
            kind: translate(locale, `kind.${input.kind}`),
            rule: input.rule,
            evidence: action.evidence,
          },
          [
            ...(action.amount_minor
              ? [
                  [
                    'email.enforcement.amount',
                    { amount: formatMinorUnits(action.amount_minor, 2) },
                  ] as const,
                ]
              : []),
            ...(action.deadline_at
              ? [
                  [
                    'email.enforcement.cure',
                    { deadline: formatInstant(action.deadline_at, locale) },
                  ] as const,
                ]
              : []),
            [
              'email.enforcement.claim',
              {
                deadline: formatInstant(claimDeadlineAt, locale),
                calendar: calendarName,
                days: claimWindowDays,
              },
            ] as const,
          ],
        ),
      input.nowMs,
    );
    return actionView(action);
  }

  async #claimDeadline(programId: string | null, nowMs: number) {
    let days = 5;
    let region = 'HK';
    if (programId !== null && this.terms !== undefined) {
      const terms = await this.terms.ofProgramOrThrow(programId);
      days = terms.file.enforcement.claimWindowWorkingDays;
      region = terms.file.enforcement.calendar;
    }
    return {
      claimDeadlineAt: workingDayDeadline(nowMs, days, holidayCalendar(region)),
      calendarName: region,
      claimWindowDays: days,
    };
  }

  /**
   * Ends an action: a withholding is lifted (its money becomes payable again), a deduction not
   * yet settled by a statement is reversed with a ledger credit.
   */
  async endAction(
    actionId: string,
    outcome: 'lifted' | 'reversed',
    actor: string,
    nowMs: number,
  ): Promise<EnforcementActionView> {
    return this.reverse(actionId, actor, nowMs, outcome);
  }

  /** Undoes an action and its effect (an upheld claim, or the advertiser lifting it). */
  async reverse(
    actionId: string,
    actor: string,
    nowMs: number,
    outcome: 'lifted' | 'reversed' = 'reversed',
  ): Promise<EnforcementActionView> {
    const ended = await repos(this.store).transaction(async (t) => {
      const action = await t.enforcement.find(actionId);
      if (action === undefined)
        throw new EnforcementError('unknown_action', `no enforcement action "${actionId}"`);
      if (action.status !== 'active')
        throw new EnforcementError(
          'action_not_active',
          `enforcement action ${actionId} is already ${action.status}`,
          [],
          { status: action.status },
        );
      await t.enforcement.end(actionId, outcome, nowMs);
      await undoEffect(t, action, actor, nowMs);
      await t.audit.record(
        {
          actor,
          action: `enforcement.${outcome}`,
          subjectType: 'enforcement_action',
          subjectId: action.id,
          details: { kind: action.kind, publisherId: action.publisher_id },
        },
        nowMs,
      );
      return { ...action, status: outcome, ended_at: nowMs };
    });
    await this.#notify(
      ended.publisher_id,
      (locale) =>
        composeEmail(locale, 'enforcementEnded', {
          kind: translate(locale, `kind.${ended.kind as ActionKind}`),
          outcome: translate(locale, `status.${outcome}`),
          date: formatInstant(ended.created_at, locale).slice(0, 10),
          rule: ended.rule,
        }),
      nowMs,
    );
    return actionView(ended);
  }

  /**
   * What a deduction in `programId` can still take from the publisher (AE-E1 d), in EUR cents:
   * the commission earned in that program (approved or paid, with adjustments after payouts),
   * less the deductions in it that stand. Another program's money is never within reach.
   */
  async deductibleMinor(publisherId: string, programId: string): Promise<number> {
    const r = repos(this.store);
    const earned = await r.commissions.earnedInProgramMinor(publisherId, programId);
    const deducted = await r.enforcement.activeDeductionsMinor(publisherId, programId);
    return Math.max(0, earned - deducted);
  }

  async isWithholding(publisherId: string): Promise<boolean> {
    return repos(this.store).enforcement.isWithholding(publisherId);
  }

  /** Actions against a publisher, newest first, with their claims. */
  async ofPublisher(publisherId: string): Promise<ActionWithClaimView[]> {
    return (await repos(this.store).enforcement.ofPublisher(publisherId)).map(actionWithClaimView);
  }

  /** Publishers whose claim window closes within a day: remind them once (AE-E2). */
  async remindClaimWindows(nowMs: number): Promise<number> {
    const due = await repos(this.store).enforcement.claimWindowsClosing(nowMs);
    for (const action of due) {
      // Claimed compare-and-set: another process reminding at the same time sends nothing.
      if (!(await repos(this.store).enforcement.markReminded(action.id, nowMs))) continue;
      await this.#notify(
        action.publisher_id,
        (locale) =>
          composeEmail(locale, 'claimWindow', {
            kind: translate(locale, `kind.${action.kind as ActionKind}`),
            action: action.id,
            deadline: formatInstant(action.claim_deadline_at!, locale),
          }),
        nowMs,
      );
    }
    return due.length;
  }

  async #notify(
    publisherId: string,
    compose: (locale: Locale) => { subject: string; text: string },
    nowMs: number,
  ): Promise<void> {
    if (this.mailer === undefined) return;
    await this.mailer.sendToEach(
      await repos(this.store).users.recipientsOfPublisher(publisherId),
      compose,
      nowMs,
    );
  }
}
