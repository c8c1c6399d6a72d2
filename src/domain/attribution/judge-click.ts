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

export function judgeClick(
  click: ClickFacts,
  order: { programId: string; placedAtMs: number },
  sessionWindowHours: number,
): AttributionStatus {
  if (click.programId !== order.programId) return 'wrong_program';
  if (click.notAttributableReason !== null) return click.notAttributableReason as AttributionStatus;
  if (order.placedAtMs < click.createdAtMs - CLOCK_SKEW_MS) return 'order_before_click';
  if (order.placedAtMs - click.createdAtMs > sessionWindowHours * 3_600_000)
    return 'session_expired';
  return 'attributed';
}
