/** Where job failures go: a logger with warn. */
export interface JobLog {
  warn(details: object, message: string): void;
}

interface Job {
  name: string;
  timer: NodeJS.Timeout;
}

/**
 * Runs the network's background jobs on intervals, one run of each job at a time in this
 * process; a run that fails is logged with its error and counted (`onFailure`), and the next
 * run retries. Timers never keep the process alive.
 */
export class Scheduler {
  readonly #jobs: Job[] = [];
  readonly #running = new Set<string>();

  constructor(
    private readonly log: () => JobLog,
    private readonly onFailure: (job: string) => void,
  ) {}

  /** Runs `run` every `intervalMs`; a run still going when the next is due is not doubled. */
  every(name: string, intervalMs: number, run: () => Promise<unknown>): void {
    const timer = setInterval(() => void this.runOnce(name, run), intervalMs);
    timer.unref();
    this.#jobs.push({ name, timer });
  }

  /** One run of a job now, unless it is running; failures are logged, never thrown. */
  async runOnce(name: string, run: () => Promise<unknown>): Promise<void> {
    if (this.#running.has(name)) return;
    this.#running.add(name);
    try {
      await run();
    } catch (error) {
      this.failed(name, error);
    } finally {
      this.#running.delete(name);
    }
  }

  /** Reports a failed run of a job (logged with its error, counted); the next run retries. */
  failed(name: string, error: unknown): void {
    this.onFailure(name);
    this.log().warn(
      { err: error, job: name },
      `background job ${name} failed; the next run retries`,
    );
  }

  stop(): void {
    for (const job of this.#jobs.splice(0)) clearInterval(job.timer);
  }

  /** The jobs scheduled, for diagnostics. */
  get jobs(): string[] {
    return this.#jobs.map((job) => job.name);
  }
}
