/**
 * Paces a background job that works in chunks (the click rollup, the compliance scan; on the
 * writer thread under `affnet serve` on SQLite, else on the request thread): after a chunk that
 * took `chunkMs`, clicks, reports and requests get three times as long before the next one, so
 * a job catching up takes at most a quarter of the thread, in pieces of a few milliseconds.
 */
export function leaveToRequests(chunkMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(chunkMs * 3)));
}

/**
 * Lets the events waiting meanwhile run (on the writer thread: click batches and reports) before
 * a job's next step, so that they never wait for a whole chunk.
 */
export function letWaitingRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
