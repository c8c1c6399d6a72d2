/**
 * Whether a click may take credit for an order (AE-T1, AE-T3). Pure: the caller found the
 * click (the last one in the session: the cookie holds the newest, or the advertiser sent its
 * tduid) and passes the facts.
 */
export type AttributionStatus =
  | 'attributed'
  | 'no_click'
  | 'invalid_click_id'
  | 'click_not_found'
  | 'wrong_program'
  | 'session_expired'
  | 'cookie_expired'
  | 'order_before_click'
  | 'site_not_approved'
  | 'publisher_terminated'
  | 'program_inactive';

export interface ClickFacts {
  programId: string;
  createdAtMs: number;
  /** Why the click was recorded as not attributable, if it was. */
  notAttributableReason: string | null;
}

/** Clocks of advertiser systems drift; an order up to this much "before" its click still counts. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** How a program remembers a click: its terms' `tracking` (AE-T1). */
export type TrackingWindow =
  | { readonly type: 'session'; readonly sessionWindowHours: number }
  | { readonly type: 'cookie'; readonly cookieDays: number };

/** How long after its click an order may still be credited to it, in milliseconds. */
export function attributionWindowMs(tracking: TrackingWindow): number {
  return tracking.type === 'session'
    ? tracking.sessionWindowHours * 3_600_000
    : tracking.cookieDays * 86_400_000;
}

export function judgeClick(
  click: ClickFacts,
  order: { programId: string; placedAtMs: number },
  tracking: TrackingWindow,
): AttributionStatus {
  if (click.programId !== order.programId) return 'wrong_program';
  if (click.notAttributableReason !== null) return click.notAttributableReason as AttributionStatus;
  if (order.placedAtMs < click.createdAtMs - CLOCK_SKEW_MS) return 'order_before_click';
  if (order.placedAtMs - click.createdAtMs > attributionWindowMs(tracking))
    return tracking.type === 'session' ? 'session_expired' : 'cookie_expired';
  return 'attributed';
}

/**
 * Whether the site may earn in the program now (at the click, and again at the order): its
 * publisher not terminated by the network, its membership approved (a termination by the
 * program's advertiser suspends it, AE-E1 e). Null when it may.
 */
export function siteStanding(
  publisherStatus: string,
  membership: string | undefined,
): 'publisher_terminated' | 'site_not_approved' | null {
  if (publisherStatus === 'terminated') return 'publisher_terminated';
  if (membership !== 'approved') return 'site_not_approved';
  return null;
}
