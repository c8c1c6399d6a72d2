import type { Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { EnforcementActionsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { LedgerRepository } from '../storage/repositories/ledger-repository.js';
import { DomainError } from '../domain/errors.js';

export type EnforcementAction = Selectable<EnforcementActionsTable>;

export class EnforcementError extends DomainError {}

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

/**
 * The money effects of enforcement (AE-E1 c, d): withholding payments and deducting an amount.
 * Withheld money stays on the publisher's balance but is not payable while the action is
 * active; a deduction is a ledger debit settled by the next statement. Lifting or reversing
 * an action undoes its effect.
 */
export class EnforcementService {
  constructor(private readonly store: Store) {}

  /** AE-E1 c: the publisher's payable money is held back until the action is lifted. */
  async withholdPayments(input: ActionInput): Promise<EnforcementAction> {
    const action = this.#action(input, 'withhold', null);
    await this.store.db.insertInto('enforcement_actions').values(action).execute();
    return action;
  }

  /** AE-E1 d: deducts `amountMinor` (EUR cents) from the publisher's next statement. */
  async deduct(input: ActionInput & { amountMinor: number }): Promise<EnforcementAction> {
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
      throw new EnforcementError(
        'invalid_amount',
        'a deduction needs a positive amount in cents, e.g. 1250 for EUR 12.50',
      );
    const action = this.#action(input, 'deduction', input.amountMinor);
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('enforcement_actions').values(action).execute();
      await new LedgerRepository(trx).append([
        {
          publisher_id: input.publisherId,
          program_id: input.programId,
          commission_id: null,
          order_id: null,
          account: 'deducted',
          kind: 'deduction',
          amount_minor: -input.amountMinor,
          currency: 'EUR',
          reason: `enforcement ${action.id}`,
          rule: input.rule,
          actor: input.actor,
          created_at: input.nowMs,
        },
      ]);
    });
    return action;
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
  ): Promise<EnforcementAction> {
    return this.store.db.transaction().execute(async (trx) => {
      const action = await trx
        .selectFrom('enforcement_actions')
        .selectAll()
        .where('id', '=', actionId)
        .executeTakeFirst();
      if (action === undefined)
        throw new EnforcementError('unknown_action', `no enforcement action "${actionId}"`);
      if (action.status !== 'active')
        throw new EnforcementError(
          'action_not_active',
          `enforcement action ${actionId} is already ${action.status}`,
        );
      if (action.kind === 'deduction') {
        if (action.statement_id !== null)
          throw new EnforcementError(
            'deduction_settled',
            `deduction ${actionId} was settled on statement ${action.statement_id}; book a credit instead`,
          );
        await new LedgerRepository(trx).append([
          {
            publisher_id: action.publisher_id,
            program_id: action.program_id,
            commission_id: null,
            order_id: null,
            account: 'deducted',
            kind: 'reversed',
            amount_minor: action.amount_minor ?? 0,
            currency: 'EUR',
            reason: `enforcement ${action.id} ${outcome}`,
            rule: action.rule,
            actor,
            created_at: nowMs,
          },
        ]);
      }
      await trx
        .updateTable('enforcement_actions')
        .set({ status: outcome, ended_at: nowMs })
        .where('id', '=', actionId)
        .execute();
      return { ...action, status: outcome, ended_at: nowMs };
    });
  }

  async isWithholding(publisherId: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('enforcement_actions')
      .select('id')
      .where('publisher_id', '=', publisherId)
      .where('kind', '=', 'withhold')
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row !== undefined;
  }

  #action(input: ActionInput, kind: string, amountMinor: number | null): EnforcementAction {
    return {
      id: newId('enforcementAction', input.nowMs),
      program_id: input.programId,
      publisher_id: input.publisherId,
      kind,
      rule: input.rule,
      evidence: input.evidence,
      amount_minor: amountMinor,
      currency: amountMinor === null ? null : 'EUR',
      deadline_at: null,
      status: 'active',
      actor: input.actor,
      created_at: input.nowMs,
      ended_at: null,
      statement_id: null,
    };
  }
}
