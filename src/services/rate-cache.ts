import type { Store } from '../storage/database.js';
import { RatesRepository } from '../storage/repositories/rates-repository.js';
import { RateTable } from '../domain/fx/rate-table.js';

/** The stored ECB rates in memory, reloaded at most every `maxAgeMs` (an import elsewhere shows up). */
export class RateCache {
  #table = new RateTable();
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 60_000,
  ) {}

  async current(nowMs: number): Promise<RateTable> {
    if (nowMs - this.#loadedAt > this.maxAgeMs) {
      this.#loading ??= new RatesRepository(this.store.db)
        .loadTable()
        .then((table) => {
          this.#table = table;
          this.#loadedAt = nowMs;
        })
        .finally(() => {
          this.#loading = undefined;
        });
      await this.#loading;
    }
    return this.#table;
  }

  invalidate(): void {
    this.#loadedAt = -Infinity;
  }
}
