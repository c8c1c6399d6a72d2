import { DomainError } from '../domain/errors.js';
import type { JobLocks, ReleaseJob } from '../storage/job-locks.js';

/** Where job failures go: a logger with warn. */
export interface JobLog {
  warn(details: object, message: string): void;
}

/**
 * How many runs of a job may go at once. `network`: one in the whole network, in this process
 * and on every other node of the database (its lock, `JobLocks`). `process`: one in this
 * process, each process running its own (its link cache, its node number lease).
 */
export type JobScope = 'network' | 'process';

interface Job {
  name: string;
  timer: NodeJS.Timeout;
}

/**
 * Runs the network's background jobs on intervals, and is the one guard against a job running
 * twice: every run, scheduled or called (`runOnce`), goes through it; a run of a job that is
 * already going, here or (scope `network`) on another node, is skipped, never queued. A run
 * that fails is logged with its error and counted (`onFailure`), and the next run retries.
 * Timers never keep the process alive.
 */
export class Scheduler {
  readonly #jobs: Job[] = [];
  readonly #running = new Set<string>();

  constructor(
    private readonly log: () => JobLog,
    private readonly onFailure: (job: string) => void,
    private readonly locks?: JobLocks,
  ) {}

  /** Runs `run` every `intervalMs`; a run still going when the next is due is not doubled. */
  every(
    name: string,
    intervalMs: number,
    run: () => Promise<unknown>,
    scope: JobScope = 'network',
  ): void {
    const timer = setInterval(() => void this.runOnce(name, run, scope), intervalMs);
    timer.unref();
    this.#jobs.push({ name, timer });
  }

  /**
   * One run of a job now, unless it is running (here, or with scope `network` on another
   * node): its result, or undefined when skipped or failed (failures are logged, never thrown).
   */
  async runOnce<T>(
    name: string,
    run: () => Promise<T>,
    scope: JobScope = 'network',
  ): Promise<T | undefined> {
    if (this.#running.has(name)) return undefined;
    this.#running.add(name);
    try {
      let release: ReleaseJob = noRelease;
      if (scope === 'network' && this.locks !== undefined) {
        const taken = await this.locks.take(name);
        if (taken === undefined) return undefined; // another node runs it now
        release = taken;
      }
      try {
        return await run();
      } finally {
        await release().catch(() => undefined);
      }
    } catch (error) {
      this.failed(name, error);
      return undefined;
    } finally {
      this.#running.delete(name);
    }
  }

  /**
   * Reports a failed run of a job (logged, counted); the next run retries. A refusal the job
   * foresaw (a `DomainError`: the ECB unreachable, a bad setting) is one line with its code and
   * what to do; anything else is logged with its error and stack, as a bug to look at.
   */
  failed(name: string, error: unknown): void {
    this.onFailure(name);
    if (error instanceof DomainError) {
      this.log().warn(
        { job: name, code: error.code },
        `background job ${name} failed: ${error.message}; the next run retries`,
      );
      return;
    }
    this.log().warn(
      { err: error, job: name },
      `background job ${name} failed; the next run retries`,
    );
  }

  /** Waits for the runs going now to end, for at most `timeoutMs`. */
  async idle(timeoutMs: number): Promise<void> {
    for (let waited = 0; this.#running.size > 0 && waited < timeoutMs; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  stop(): void {
    for (const job of this.#jobs.splice(0)) clearInterval(job.timer);
  }

  /** The jobs scheduled, for diagnostics. */
  get jobs(): string[] {
    return this.#jobs.map((job) => job.name);
  }
}

const noRelease: ReleaseJob = () => Promise.resolve();
