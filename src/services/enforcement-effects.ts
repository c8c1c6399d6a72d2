import { newId } from '../storage/ids.js';
import { statusOnRelease, statusToHold } from '../domain/compliance/advertiser-standing.js';
import type { EnforcementAction } from './enforcement-service.js';
import type { Repos } from '../storage/repositories/repos.js';

/**
 * What an enforcement action does (AE-E1), in the caller's transaction, and how reversing it
 * undoes that: a deduction is a ledger debit and a reversal credits it back (or a credit on the
 * next statement once settled). Termination, restriction and registration bars reach the
 * advertiser's own programs only (src/domain/compliance/advertiser-standing.ts), never the
 * publisher's network-wide status: a termination suspends the publisher's memberships in them
 * (and records which, for its end to restore); a restriction is read where the publisher
 * applies; a registration bar records the publisher's addresses and domains for them.
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
      await suspendMemberships(r, action);
      return;
    case 'registration_bar': {
      const emails = await r.users.emailsOfPublisher(action.publisher_id);
      const domains = await r.publishers.siteDomains(action.publisher_id);
      const bars = [
        ...emails.map((email) => ({ email, domain: null })),
        ...domains.map((domain) => ({ email: null, domain: domain.replace(/^www\./, '') })),
      ];
      await r.enforcement.insertRegistrationBars(
        bars,
        action.id,
        await advertiserOf(r, action),
        action.created_at,
      );
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
    case 'termination': {
      const released = await r.enforcement.release(action.id);
      for (const prior of ['approved', 'pending'])
        await r.memberships.setStatuses(
          released
            .filter((m) => statusOnRelease(m.status, m.priorStatus, m.heldElsewhere) === prior)
            .map((m) => m.membershipId),
          prior,
        );
      return;
    }
    case 'registration_bar':
      await r.enforcement.deleteRegistrationBars(action.id);
      return;
    default:
      return;
  }
}

/** The advertiser whose programs the action reaches; null for an action outside any program. */
async function advertiserOf(r: Repos, action: EnforcementAction): Promise<string | null> {
  if (action.program_id === null) return null;
  return (await r.programs.advertisersOf([action.program_id])).get(action.program_id) ?? null;
}

/**
 * AE-E1 e: the publisher's memberships (all its sites) in the advertiser's programs are
 * suspended; the action records each with the status it restores.
 */
async function suspendMemberships(r: Repos, action: EnforcementAction): Promise<void> {
  const advertiserId = await advertiserOf(r, action);
  if (advertiserId === null) return;
  const memberships = await r.memberships.ofPublisherWithAdvertiser(
    action.publisher_id,
    advertiserId,
  );
  const heldAs = await r.enforcement.heldAs(memberships.map((m) => m.id));
  const held = memberships.flatMap((m) => {
    const priorStatus = statusToHold(m.status, heldAs.get(m.id));
    return priorStatus === undefined ? [] : [{ membershipId: m.id, priorStatus }];
  });
  await r.enforcement.hold(action.id, held);
  await r.memberships.setStatuses(
    held.map((h) => h.membershipId),
    'suspended',
  );
}
