import {
  toClickRecord,
  type Click,
  type ClickRecord,
  type ClicksRepository,
} from '../storage/repositories/clicks-repository.js';

/** A click as the tracking route knows it; its time is its id's. */
export type NewClick = Omit<Click, 'createdAt'>;

/** Clicks per message to the writer thread at most, while a burst of requests is handled. */
const SEND_EVERY = 16;

/** A click, or a batch another thread sent (`records`), waiting for its commit. */
type Pending =
  | {
      record: ClickRecord;
      records: undefined;
      resolve: (tduid: string) => void;
      reject: (error: unknown) => void;
    }
  | {
      record: undefined;
      records: readonly ClickRecord[];
      resolve: (tduids: readonly string[]) => void;
      reject: (error: unknown) => void;
    };

/** Signs a committed click's id into its tduid (ClickSigner). */
export interface ClickIdSigner {
  sign(id: number): string;
}

/** Where batches go instead of the repository: the writer thread (`affnet serve` on SQLite). */
export interface ClickBatchSink {
  /** False once the thread ended: batches go to the repository again. */
  readonly running: boolean;
  /** Commits the clicks; resolves with their signed ids (tduids), in the same order. */
  insertClicks(records: readonly ClickRecord[]): Promise<readonly string[]>;
}

export interface ClickWriterStats {
  batches: number;
  clicks: number;
  lastBatchSize: number;
}

/**
 * Group commit for clicks. `write` resolves with the click's signed id (tduid, AE-T2) once the
 * click's batch has committed, so the redirect is sent only for a click that is on disk. The
 * id is signed by the thread that committed it: with the writer thread, the HMAC is its work,
 * not the request thread's. Batches adapt to load without a timer:
 * a click arriving while no commit runs is written at once (on the next tick, with whatever
 * else arrived in the same tick); clicks arriving during a commit wait for it and then go
 * together, up to `maxBatch`.
 *
 * With the writer thread (`useThread`), clicks are sent to it in pieces of SEND_EVERY, and the
 * rest at the end of the tick, without waiting for the pieces before: the thread, running a
 * ClickWriter of its own on its connection, groups whatever arrived during its last commit into
 * the next one (`writeMany`), so the request thread never idles waiting for an acknowledgement
 * before it can pass more clicks on.
 */
export class ClickWriter {
  readonly #repository: ClicksRepository;
  readonly #maxBatch: number;
  readonly #signer: ClickIdSigner;
  readonly #onBatch: ((size: number, seconds: number) => void) | undefined;
  #sink: ClickBatchSink | undefined;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;
  /** Batches sent to the writer thread and not answered yet. */
  readonly #sent = new Set<Promise<void>>();
  readonly stats: ClickWriterStats = { batches: 0, clicks: 0, lastBatchSize: 0 };

  constructor(
    repository: ClicksRepository,
    maxBatch: number,
    signer: ClickIdSigner,
    onBatch?: (size: number, seconds: number) => void,
  ) {
    this.#repository = repository;
    this.#maxBatch = maxBatch;
    this.#signer = signer;
    this.#onBatch = onBatch;
  }

  /** Sends batches to the writer thread from now on (committed here again should it end). */
  useThread(sink: ClickBatchSink): void {
    this.#sink = sink;
  }

  /** Queues a click; resolves with its tduid once the batch holding it has committed. */
  recordClick(click: NewClick): Promise<string> {
    return this.write(toClickRecord(click));
  }

  write(record: ClickRecord): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, records: undefined, resolve, reject });
      // To the writer thread in pieces, without waiting for the end of the tick: it commits the
      // first clicks of a burst while this thread still handles the rest.
      if (this.#queue.length >= SEND_EVERY && this.#sink?.running) void this.#flush();
      else this.#schedule();
    });
  }

  /**
   * Queues a batch as a whole (the writer thread's side); resolves with the tduids of its
   * clicks once all of it committed.
   */
  writeMany(records: readonly ClickRecord[]): Promise<readonly string[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record: undefined, records, resolve, reject });
      this.#schedule();
    });
  }

  /** Waits until everything queued so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing || this.#sent.size > 0) {
      if (this.#flushing) await this.#flushing.catch(() => undefined);
      else if (this.#queue.length > 0) await this.#flush();
      else await Promise.allSettled([...this.#sent]);
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

  /** The queue's first pendings holding at most maxBatch clicks (at least one pending). */
  #take(): { batch: Pending[]; records: ClickRecord[] } {
    const records: ClickRecord[] = [];
    let taken = 0;
    for (const pending of this.#queue) {
      const size = pending.record === undefined ? pending.records.length : 1;
      if (taken > 0 && records.length + size > this.#maxBatch) break;
      if (pending.record === undefined) for (const record of pending.records) records.push(record);
      else records.push(pending.record);
      taken += 1;
    }
    const batch = taken === this.#queue.length ? this.#queue : this.#queue.slice(0, taken);
    this.#queue = taken === this.#queue.length ? [] : this.#queue.slice(taken);
    return { batch, records };
  }

  async #flush(): Promise<void> {
    if (this.#flushing || this.#queue.length === 0) return;
    const { batch, records } = this.#take();
    const started = performance.now();
    const sink = this.#sink;
    if (sink?.running) {
      // Pipelined: sent now, answered when the thread committed it.
      const sent = sink.insertClicks(records).then(
        (tduids) => this.#answer(batch, records.length, started, { tduids }),
        (error: unknown) => this.#answer(batch, records.length, started, { error }),
      );
      this.#sent.add(sent);
      void sent.then(() => this.#sent.delete(sent));
      if (this.#queue.length > 0) this.#schedule();
      return;
    }
    this.#flushing = this.#repository.insertBatch(records);
    let failure: { error: unknown } | undefined;
    try {
      await this.#flushing;
    } catch (error) {
      failure = { error };
    }
    this.#flushing = undefined;
    if (this.#queue.length > 0) this.#schedule();
    this.#answer(batch, records.length, started, failure ?? {});
  }

  /**
   * Answers a batch's clicks once its commit settled: with the tduids the thread signed or,
   * when committed here, signed here, in the batch's order.
   */
  #answer(
    batch: readonly Pending[],
    size: number,
    started: number,
    outcome: { error: unknown } | { tduids?: readonly string[] },
  ): void {
    const signed = 'error' in outcome ? undefined : outcome.tduids;
    if (signed !== undefined && signed.length !== size)
      outcome = {
        error: new Error(`the writer thread signed ${signed.length} of ${size} clicks`),
      };
    if ('error' in outcome) {
      for (const pending of batch) pending.reject(outcome.error);
      return;
    }
    this.stats.batches += 1;
    this.stats.clicks += size;
    this.stats.lastBatchSize = size;
    this.#onBatch?.(size, (performance.now() - started) / 1000);
    let next = 0;
    const tduidOf = (record: ClickRecord) =>
      signed === undefined ? this.#signer.sign(record[0]) : signed[next++]!;
    for (const pending of batch) {
      if (pending.record !== undefined) pending.resolve(tduidOf(pending.record));
      else pending.resolve(pending.records.map(tduidOf));
    }
  }
}
