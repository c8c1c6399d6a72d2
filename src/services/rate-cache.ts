import type { Store } from '../storage/database.js';
import { RatesRepository } from '../storage/repositories/rates-repository.js';
import { RateTable } from '../domain/fx/rate-table.js';

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
      this.#checkedAt = nowMs;
      this.#refreshing ??= this.#refresh().finally(() => {
        this.#refreshing = undefined;
      });
      if (this.#table === undefined) await this.#refreshing;
    }
    return this.#table ?? new RateTable();
  }

  /** Forces a check on the next use (after an import in this process). */
  invalidate(): void {
    this.#checkedAt = -Infinity;
  }

  async #refresh(): Promise<void> {
    const repository = new RatesRepository(this.store.db);
    const signature = await repository.signature();
    if (signature === this.#signature && this.#table !== undefined) return;
    this.#table = await repository.loadTable();
    this.#signature = signature;
  }
}
