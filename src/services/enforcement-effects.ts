import { newId } from '../storage/ids.js';
import type { EnforcementAction } from './enforcement-service.js';
import type { Repos } from '../storage/repositories/repos.js';

/**
 * What an enforcement action does (AE-E1), in the caller's transaction, and how reversing it
 * undoes that: a deduction is a ledger debit and a reversal credits it back (or a credit on the
 * next statement once settled); termination and restriction change the publisher's standing;
 * a registration bar records the publisher's addresses and domains.
 */
export async function applyEffect(r: Repos, action: EnforcementAction): Promise<void> {
  switch (action.kind) {
    case 'deduction':
      await r.ledger.append([
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
      await r.publishers.setStatus(
        action.publisher_id,
        action.kind === 'termination' ? 'terminated' : 'restricted',
      );
      return;
    case 'registration_bar': {
      const emails = await r.users.emailsOfPublisher(action.publisher_id);
      const domains = await r.publishers.siteDomains(action.publisher_id);
      const bars = [
        ...emails.map((email) => ({ email, domain: null })),
        ...domains.map((domain) => ({ email: null, domain: domain.replace(/^www\./, '') })),
      ];
      await r.enforcement.insertRegistrationBars(bars, action.id, action.created_at);
      return;
    }
    default:
      return;
  }
}

export async function undoEffect(
  r: Repos,
  action: EnforcementAction,
  actor: string,
  nowMs: number,
): Promise<void> {
  switch (action.kind) {
    case 'deduction': {
      await r.ledger.append([
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
        await r.enforcement.insert({
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
        });
      }
      return;
    }
    case 'termination':
    case 'restriction': {
      const other = await r.enforcement.activeStandingKinds(action.publisher_id);
      const status = other.some((kind) => kind === 'termination')
        ? 'terminated'
        : other.length > 0
          ? 'restricted'
          : 'active';
      await r.publishers.setStatus(action.publisher_id, status);
      return;
    }
    case 'registration_bar':
      await r.enforcement.deleteRegistrationBars(action.id);
      return;
    default:
      return;
  }
}
