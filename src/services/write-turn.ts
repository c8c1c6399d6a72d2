import { setTimeout as sleep } from 'node:timers/promises';

/** How long a transaction waits for the writer thread to be idle before it begins anyway. */
export const WRITE_TURN_MAX_WAIT_MS = 500;
/** How often the wait looks again. */
const POLL_MS = 2;

/**
 * The integrations thread's turn on SQLite's one write lock (the `beforeTransaction` of its
 * store). Its transactions — the dispatch's deliveries, a round's claims and outcomes — begin
 * when the writer thread has nothing in flight (`inFlight`, shared with writer-thread.ts), so
 * they fill the gaps between the orders' and clicks' commits instead of making them wait; while
 * the writer stays busy, one begins every `maxWaitMs` at the latest, so integrations never
 * starve. Measured with the webhooks bench (docs/benchmarks.md): at a saturating load each of
 * those transactions held the lock ~3 ms, 27 times a second, and the orders lost that share.
 */
export function writeTurn(
  inFlight: Int32Array,
  maxWaitMs: number = WRITE_TURN_MAX_WAIT_MS,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  return async () => {
    const started = now();
    while (Atomics.load(inFlight, 0) > 0 && now() - started < maxWaitMs) await sleep(POLL_MS);
  };
}
