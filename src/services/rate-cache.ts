import type { Store } from '../storage/database.js';
import { RateTable } from '../domain/fx/rate-table.js';
import { repos } from '../storage/repositories/repos.js';

/**
 * The stored ECB rates in memory for the engine. At most every `checkEveryMs` it asks the
 * store whether rates changed (a cheap count and latest import time) and reloads only then;
 * after the first load, a reload runs in the background and requests keep the current table.
 */
export class RateCache {
  #table: RateTable | undefined;
  #signature = '';
  #checkedAt = -Infinity;
  #refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly checkEveryMs = 60_000,
  ) {}

  async current(nowMs: number): Promise<RateTable> {
    if (nowMs - this.#checkedAt > this.checkEveryMs) {
      const refreshing = this.refresh(nowMs);
      if (this.#table === undefined) await refreshing;
      else refreshing.catch(() => undefined); // a failed background check retries next interval
    }
    return this.#table ?? new RateTable();
  }

  /** Reloads now if rates changed, and waits for it (after an import). */
  async refresh(nowMs: number): Promise<void> {
    this.#checkedAt = nowMs;
    await (this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    }));
  }

  async #refresh(): Promise<void> {
    const repository = repos(this.store).rates;
    const signature = await repository.signature();
    if (signature === this.#signature && this.#table !== undefined) return;
    this.#table = await repository.loadTable();
    this.#signature = signature;
  }
}
