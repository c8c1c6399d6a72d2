import {
  toClickRecord,
  type Click,
  type ClickRecord,
  type ClicksRepository,
} from '../storage/repositories/clicks-repository.js';

/** A click as the tracking route knows it; its time is its id's. */
export type NewClick = Omit<Click, 'createdAt'>;

interface Pending {
  record: ClickRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface ClickWriterStats {
  batches: number;
  clicks: number;
  lastBatchSize: number;
}

/**
 * Group commit for clicks. `write` resolves once the click's batch has committed, so the
 * redirect is sent only for a click that is on disk. Batches adapt to load without a timer:
 * a click arriving while no commit runs is written at once (on the next tick, with whatever
 * else arrived in the same tick); clicks arriving during a commit wait for it and then go
 * together, up to `maxBatch`.
 */
export class ClickWriter {
  readonly #repository: ClicksRepository;
  readonly #maxBatch: number;
  readonly #onBatch: ((size: number, seconds: number) => void) | undefined;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;
  readonly stats: ClickWriterStats = { batches: 0, clicks: 0, lastBatchSize: 0 };

  constructor(
    repository: ClicksRepository,
    maxBatch: number,
    onBatch?: (size: number, seconds: number) => void,
  ) {
    this.#repository = repository;
    this.#maxBatch = maxBatch;
    this.#onBatch = onBatch;
  }

  /** Queues a click; resolves once the batch holding it has committed. */
  recordClick(click: NewClick): Promise<void> {
    return this.write(toClickRecord(click));
  }

  write(record: ClickRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      this.#schedule();
    });
  }

  /** Waits until everything queued so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing) {
      if (this.#flushing) await this.#flushing.catch(() => undefined);
      else await this.#flush();
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#flushing || this.#queue.length === 0) return;
    const batch =
      this.#queue.length <= this.#maxBatch ? this.#queue : this.#queue.slice(0, this.#maxBatch);
    this.#queue = this.#queue.length <= this.#maxBatch ? [] : this.#queue.slice(this.#maxBatch);
    const started = performance.now();
    this.#flushing = this.#repository.insertBatch(batch.map((pending) => pending.record));
    try {
      await this.#flushing;
      this.stats.batches += 1;
      this.stats.clicks += batch.length;
      this.stats.lastBatchSize = batch.length;
      this.#onBatch?.(batch.length, (performance.now() - started) / 1000);
      for (const pending of batch) pending.resolve();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.#flushing = undefined;
      if (this.#queue.length > 0) this.#schedule();
    }
  }
}
