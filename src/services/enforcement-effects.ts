import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { bumpLinksVersion } from '../storage/repositories/cache-versions.js';
import type { EnforcementAction } from './enforcement-service.js';
import { repos } from '../storage/repositories/repos.js';

/**
 * What an enforcement action does (AE-E1), in the caller's transaction, and how reversing it
 * undoes that: a deduction is a ledger debit and a reversal credits it back (or a credit on the
 * next statement once settled); termination and restriction change the publisher's standing;
 * a registration bar records the publisher's addresses and domains.
 */
export async function applyEffect(trx: Kysely<Database>, action: EnforcementAction): Promise<void> {
  switch (action.kind) {
    case 'deduction':
      await repos(trx).ledger.append([
        {
          publisher_id: action.publisher_id,
          program_id: action.program_id,
          commission_id: null,
          order_id: null,
          account: 'deducted',
          kind: 'deduction',
          amount_minor: -(action.amount_minor ?? 0),
          currency: 'EUR',
          reason: `enforcement ${action.id}`,
          rule: action.rule,
          actor: action.actor,
          created_at: action.created_at,
        },
      ]);
      return;
    case 'termination':
    case 'restriction':
      await trx
        .updateTable('publishers')
        .set({ status: action.kind === 'termination' ? 'terminated' : 'restricted' })
        .where('id', '=', action.publisher_id)
        .execute();
      await bumpLinksVersion(trx);
      return;
    case 'registration_bar': {
      const users = await trx
        .selectFrom('users')
        .select('email')
        .where('publisher_id', '=', action.publisher_id)
        .execute();
      const sites = await trx
        .selectFrom('sites')
        .select('domain')
        .where('publisher_id', '=', action.publisher_id)
        .execute();
      const bars = [
        ...users.map((user) => ({ email: user.email, domain: null })),
        ...sites.map((site) => ({ email: null, domain: site.domain.replace(/^www\./, '') })),
      ];
      if (bars.length > 0)
        await trx
          .insertInto('registration_bars')
          .values(
            bars.map((bar) => ({
              id: newId('registrationBar', action.created_at),
              ...bar,
              action_id: action.id,
              created_at: action.created_at,
            })),
          )
          .execute();
      return;
    }
    default:
      return;
  }
}

export async function undoEffect(
  trx: Kysely<Database>,
  action: EnforcementAction,
  actor: string,
  nowMs: number,
): Promise<void> {
  switch (action.kind) {
    case 'deduction': {
      await repos(trx).ledger.append([
        {
          publisher_id: action.publisher_id,
          program_id: action.program_id,
          commission_id: null,
          order_id: null,
          account: 'deducted',
          kind: 'reversed',
          amount_minor: action.amount_minor ?? 0,
          currency: 'EUR',
          reason: `enforcement ${action.id} reversed`,
          rule: action.rule,
          actor,
          created_at: nowMs,
        },
      ]);
      if (action.statement_id !== null) {
        // Already taken off a statement: the next statement gives it back.
        await trx
          .insertInto('enforcement_actions')
          .values({
            ...action,
            id: newId('enforcementAction', nowMs),
            kind: 'credit',
            evidence: `reverses ${action.id}`,
            status: 'active',
            actor,
            created_at: nowMs,
            ended_at: null,
            statement_id: null,
            claim_deadline_at: null,
            reminded_at: null,
          })
          .execute();
      }
      return;
    }
    case 'termination':
    case 'restriction': {
      const other = await trx
        .selectFrom('enforcement_actions')
        .select('kind')
        .where('publisher_id', '=', action.publisher_id)
        .where('status', '=', 'active')
        .where('kind', 'in', ['termination', 'restriction'])
        .execute();
      const status = other.some((row) => row.kind === 'termination')
        ? 'terminated'
        : other.length > 0
          ? 'restricted'
          : 'active';
      await trx
        .updateTable('publishers')
        .set({ status })
        .where('id', '=', action.publisher_id)
        .execute();
      await bumpLinksVersion(trx);
      return;
    }
    case 'registration_bar':
      await trx.deleteFrom('registration_bars').where('action_id', '=', action.id).execute();
      return;
    default:
      return;
  }
}
