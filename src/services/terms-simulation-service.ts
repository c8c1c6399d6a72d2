import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../storage/database.js';
import type { StorageConfig } from '../config/storage-config.js';
import { packageRoot } from '../package-root.js';
import { TermsCompiler } from '../programs/terms-compiler.js';
import type { ProgramTerms } from '../domain/terms/program-terms.js';
import type { FxRate } from '../domain/fx/rate-table.js';
import type { SimulationResult } from '../domain/engine/simulate-terms.js';
import { DomainError } from '../domain/errors.js';
import { repos } from '../storage/repositories/repos.js';

export class SimulationError extends DomainError {}

/** How many simulations run at once: in the whole network and per advertiser. */
export interface SimulationLimits {
  network: number;
  perAdvertiser: number;
}

/** Each simulation has a worker thread and a connection: two at a time, one per advertiser. */
export const DEFAULT_SIMULATION_LIMITS: SimulationLimits = { network: 2, perAdvertiser: 1 };

/** Seconds a refused simulation is told to wait (`Retry-After`). */
export const SIMULATION_RETRY_AFTER_SECONDS = 5;

/** What the simulation's worker thread is given (simulation-worker.ts). */
export interface SimulationJob {
  config: StorageConfig;
  programId: string;
  current: ProgramTerms;
  draft: ProgramTerms;
  rates: FxRate[];
  range: { fromMs: number; toMs: number };
}

/** The worker's code, compiled (tests run the sources; the worker always runs the build). */
const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'services', 'simulation-worker.js');
/** Young generation of the worker: 3 semi-spaces of 64 MiB (see `simulate`). */
const YOUNG_GENERATION_MB = 192;

/**
 * What-if for a program's terms: re-prices its stored, attributed orders of a period under a
 * draft, beside what they earn now (the engine's `TermsSimulation`), from their packed pricing
 * inputs.
 */
export class TermsSimulationService {
  readonly #running = new Map<string, number>();
  #total = 0;

  constructor(
    private readonly store: Store,
    private readonly compiler = new TermsCompiler(),
    private readonly limits: SimulationLimits = DEFAULT_SIMULATION_LIMITS,
  ) {}

  /**
   * Takes a simulation slot for the advertiser or refuses (429 simulation_busy, Retry-After):
   * one advertiser cannot hold the network's threads, memory and connections.
   */
  #take(advertiserId: string): () => void {
    const mine = this.#running.get(advertiserId) ?? 0;
    const busy = (message: string) =>
      new SimulationError('simulation_busy', message, [], {
        retryAfterSeconds: SIMULATION_RETRY_AFTER_SECONDS,
      });
    if (mine >= this.limits.perAdvertiser)
      throw busy(
        `a simulation of yours is running; at most ${this.limits.perAdvertiser} at a time per advertiser: retry in ${SIMULATION_RETRY_AFTER_SECONDS} seconds`,
      );
    if (this.#total >= this.limits.network)
      throw busy(
        `the network runs ${this.#total} simulations, its most at a time: retry in ${SIMULATION_RETRY_AFTER_SECONDS} seconds`,
      );
    this.#running.set(advertiserId, mine + 1);
    this.#total += 1;
    return () => {
      this.#total -= 1;
      const left = (this.#running.get(advertiserId) ?? 1) - 1;
      if (left === 0) this.#running.delete(advertiserId);
      else this.#running.set(advertiserId, left);
    };
  }

  /**
   * Checks the draft here (a refusal names its line), then re-prices in a worker thread with a
   * connection of its own: a large simulation never stalls the server's event loop (clicks keep
   * flowing), and the worker's young generation is sized for re-pricing's many short-lived
   * objects (about twice as fast as the default). The worker loads only the engine and the
   * database driver, so it starts in tens of milliseconds.
   */
  async simulate(
    slug: string,
    draft: { source: string; name: string },
    range: { fromMs: number; toMs: number },
    onProgress?: (orders: number) => void,
  ): Promise<SimulationResult> {
    const programs = repos(this.store).programs;
    const program = await programs.findBySlug(slug);
    if (program === undefined)
      throw new SimulationError(
        'unknown_program',
        `no program "${slug}": use its slug, e.g. aliexpress`,
      );
    const release = this.#take(program.advertiser_id);
    try {
      const stored = await programs.currentTermsOf(program.id, program.advertiser_id);
      if (stored === undefined)
        throw new SimulationError('unknown_program', `program "${slug}" has no terms loaded yet`);
      const [current, draftTerms] = await Promise.all([
        this.compiler.compileStored(stored.id, stored.source, `program ${slug} (stored terms)`),
        this.compiler.compileNew(draft.source, draft.name),
      ]);
      if (draftTerms.id !== slug)
        throw new SimulationError(
          'terms_mismatch',
          `the draft is the terms of "${draftTerms.id}", not of "${slug}"`,
        );
      const rates = await repos(this.store).rates.loadTable();
      return await runInWorker(
        {
          config: this.store.config,
          programId: program.id,
          current,
          draft: draftTerms,
          rates: [...rates.entries()],
          range,
        },
        onProgress,
      );
    } finally {
      release();
    }
  }
}

type WorkerMessage =
  { progress: number } | { result: SimulationResult } | { error: { message: string } };

function runInWorker(
  job: SimulationJob,
  onProgress?: (orders: number) => void,
): Promise<SimulationResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    let settled = false;
    const settle = (done: () => void) => {
      settled = true;
      done();
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('progress' in message) onProgress?.(message.progress);
      else if ('result' in message) settle(() => resolve(message.result));
      else settle(() => reject(new Error(`simulation failed: ${message.error.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (exitCode) => {
      if (!settled) reject(new Error(`the simulation worker stopped (exit code ${exitCode})`));
    });
  });
}
