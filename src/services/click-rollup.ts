import type { Store } from '../storage/database.js';
import { firstClickIdAt } from '../storage/click-ids.js';
import { leaveToRequests } from './pacing.js';
import { repos } from '../storage/repositories/repos.js';

/** Clicks one rollup transaction counts (see rollUpPaced). */
export const ROLLUP_CHUNK = 500;

/** Another process counted the same clicks first; this run was rolled back. */
export class WatermarkMovedError extends Error {
  override name = 'WatermarkMovedError';
  constructor() {
    super('another process moved the click rollup watermark; this run is rolled back');
  }
}

/**
 * Counts clicks into the report rollups (`report_hourly`, `report_daily`), a few seconds behind the hot path so clicks are never
 * slowed by it. Clicks are read by id (ids rise with time); the job counts clicks older than
 * `lagMs`, long after their group commit, so a click of another process cannot commit behind
 * the watermark. The watermark moves in the same transaction as the counts, compare-and-set:
 * two processes running the job never count a click twice.
 */
export async function rollUpClicks(
  store: Store,
  nowMs: number,
  lagMs = 10_000,
  maxClicks = 1_000_000,
): Promise<number> {
  return repos(store).transaction(async (t) => {
    const from = await t.watermarks.read('rollup_clicks');
    let to = firstClickIdAt(nowMs - lagMs) - 1;
    if (to <= from) return 0;
    // Bound one run's work: the id of the maxClicks-th click after the watermark, if there is one.
    const bound = await t.clicks.nthIdAfter(from, to, maxClicks);
    if (bound !== undefined) to = bound;
    const deltas = (await t.clicks.countsPerHour(from, to)).map((group) => ({
      ...group,
      orders: 0,
      orderValueMinor: 0,
      commissionMinor: 0,
    }));
    await t.rollups.add(deltas);
    const counted = deltas.reduce((sum, delta) => sum + delta.clicks, 0);
    if (!(await t.watermarks.move('rollup_clicks', from, to))) throw new WatermarkMovedError();
    return counted;
  });
}

/**
 * One rollup run: chunks of ROLLUP_CHUNK clicks (~1 ms), each its own short transaction, paced
 * for requests (one group-by over a second of heavy traffic would hold the thread for tens of
 * ms), until caught up or until `stop()` says the process shuts down. Returns the clicks counted.
 */
export async function rollUpPaced(
  store: Store,
  nowMs: number,
  lagMs: number | undefined,
  stop: () => boolean,
): Promise<number> {
  let counted = 0;
  for (;;) {
    const started = performance.now();
    const chunk = await rollUpClicks(store, nowMs, lagMs, ROLLUP_CHUNK);
    counted += chunk;
    if (chunk < ROLLUP_CHUNK || stop()) return counted;
    await leaveToRequests(performance.now() - started);
  }
}
