import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../storage/database.js';
import type { StorageConfig } from '../config/storage-config.js';
import { packageRoot } from '../package-root.js';
import { ProgramsRepository } from '../storage/repositories/programs-repository.js';
import { RatesRepository } from '../storage/repositories/rates-repository.js';
import {
  parseNewProgramTermsOrThrow,
  parseProgramTermsOrThrow,
} from '../programs/load-program-terms.js';
import type { ProgramTerms } from '../domain/terms/program-terms.js';
import type { FxRate } from '../domain/fx/rate-table.js';
import type { SimulationResult } from '../domain/engine/simulate-terms.js';
import { DomainError } from '../domain/errors.js';

export class SimulationError extends DomainError {}

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
  constructor(private readonly store: Store) {}

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
    const programs = new ProgramsRepository(this.store.db);
    const program = await programs.findBySlug(slug);
    if (program === undefined)
      throw new SimulationError(
        'unknown_program',
        `no program "${slug}": use its slug, e.g. aliexpress`,
      );
    const stored = await programs.currentTermsOf(program.id, program.advertiser_id);
    if (stored === undefined)
      throw new SimulationError('unknown_program', `program "${slug}" has no terms loaded yet`);
    const current = parseProgramTermsOrThrow(stored.source, `program ${slug} (stored terms)`);
    const draftTerms = parseNewProgramTermsOrThrow(draft.source, draft.name);
    if (draftTerms.id !== slug)
      throw new SimulationError(
        'terms_mismatch',
        `the draft is the terms of "${draftTerms.id}", not of "${slug}"`,
      );
    const rates = await new RatesRepository(this.store.db).loadTable();
    return runInWorker(
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
