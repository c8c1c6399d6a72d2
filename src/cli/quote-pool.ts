import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { LineBatch, QuotedBatch, QuoteWorkerData } from './quote-worker-protocol.js';

const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'cli', 'quote-worker.js');
/** A larger young generation than the default, as for the what-if simulation: fewer scavenges. */
const YOUNG_GENERATION_MB = 64;

type Quoted = Extract<QuotedBatch, { bytes: Uint8Array }>;

interface Waiting {
  resolve: (batch: Quoted) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** Batches sent to this thread and not answered yet. */
  waiting: Map<number, Waiting>;
  /** Why the thread ended, once it did: later batches fail at once instead of waiting. */
  ended: Error | undefined;
}

/**
 * `affnet quote`'s pricing threads. Each batch goes to the thread with the fewest unanswered
 * batches; answers resolve in whatever order the threads finish, so the caller keeps the
 * order. A thread that fails or exits fails every batch it held.
 */
export class QuotePool {
  /** False when the worker is not built (code run from its sources): quote in one thread. */
  static readonly available = existsSync(WORKER_FILE);

  readonly #threads: Thread[];
  #seq = 0;
  #closed = false;

  constructor(size: number, data: QuoteWorkerData) {
    this.#threads = Array.from({ length: size }, () => this.#startThread(data));
  }

  /** Quotes `bytes` (whole lines, the first being input line `firstLine`) on a thread. */
  quote(firstLine: number, bytes: Uint8Array): Promise<Quoted> {
    if (this.#closed) return Promise.reject(new Error('the quote threads have been closed'));
    const thread = this.#threads.reduce((least, candidate) =>
      candidate.waiting.size < least.waiting.size ? candidate : least,
    );
    if (thread.ended !== undefined) return Promise.reject(thread.ended);
    // An exact copy to hand over: a view into a larger buffer would clone all of it.
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const batch: LineBatch = { seq: this.#seq++, firstLine, bytes: copy };
    return new Promise<Quoted>((resolve, reject) => {
      thread.waiting.set(batch.seq, { resolve, reject });
      thread.worker.postMessage(batch, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#threads.map((thread) => thread.worker.terminate()));
  }

  #startThread(data: QuoteWorkerData): Thread {
    const worker = new Worker(WORKER_FILE, {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const thread: Thread = { worker, waiting: new Map(), ended: undefined };
    const failAll = (error: Error) => {
      thread.ended ??= error;
      for (const waiting of thread.waiting.values()) waiting.reject(error);
      thread.waiting.clear();
    };
    worker.on('message', (answer: QuotedBatch) => {
      const waiting = thread.waiting.get(answer.seq);
      if (waiting === undefined) return;
      thread.waiting.delete(answer.seq);
      if ('error' in answer) waiting.reject(new Error(`a quote thread failed: ${answer.error}`));
      else waiting.resolve(answer);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (!this.#closed) failAll(new Error(`a quote thread stopped (exit code ${code})`));
    });
    return thread;
  }
}
