/**
 * A publisher's standing with one advertiser (AE-E1 e–g): in a network of many advertisers, an
 * advertiser terminates the account, restricts collaboration or bars registration in its own
 * programs only. The publisher's network-wide status is the network's (an admin's) alone.
 *
 * - termination (e): the publisher's memberships in the advertiser's programs are suspended
 *   (they earn nothing), and it can neither apply to nor be approved in them while it stands;
 * - restriction (f): it cannot apply to the advertiser's programs while it stands; memberships
 *   it has already (approved or pending) carry on;
 * - registration bar (g): the publisher's email addresses and site domains cannot apply to the
 *   advertiser's programs again, from any account; signing up to the network stays open.
 */
export type StandingKind = 'termination' | 'restriction';

export type ApplicationRefusal =
  'advertiser_terminated' | 'advertiser_restricted' | 'advertiser_barred';

/** Why an application to one of the advertiser's programs is refused, if it is. */
export function applicationRefusal(standing: {
  activeKinds: readonly string[];
  barred: boolean;
}): ApplicationRefusal | undefined {
  if (standing.activeKinds.includes('termination')) return 'advertiser_terminated';
  if (standing.activeKinds.includes('restriction')) return 'advertiser_restricted';
  if (standing.barred) return 'advertiser_barred';
  return undefined;
}

/** Whether the advertiser may approve the publisher's application: not while it terminated it. */
export function mayApprove(activeKinds: readonly string[]): boolean {
  return !activeKinds.includes('termination');
}

/**
 * The status a termination records for a membership it suspends (what its end restores), or
 * undefined when it leaves the membership alone. A membership another active termination
 * suspended already is held by this one too, with the status that one recorded (so it stays
 * suspended until both end); a rejected one, or one suspended otherwise, is not the
 * termination's to restore.
 */
export function statusToHold(status: string, heldAs: string | undefined): string | undefined {
  if (status === 'suspended') return heldAs;
  return status === 'approved' || status === 'pending' ? status : undefined;
}

/**
 * The status a membership returns to when a termination that held it ends, or undefined to
 * leave it: another active termination still holds it, or it is no longer suspended (the
 * advertiser decided it since).
 */
export function statusOnRelease(
  current: string,
  prior: string,
  heldElsewhere: boolean,
): string | undefined {
  if (heldElsewhere || current !== 'suspended') return undefined;
  return prior;
}
