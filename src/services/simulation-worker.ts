import { parentPort, workerData } from 'node:worker_threads';
import { openPricingInputsReader } from '../storage/repositories/pricing-inputs-reader.js';
import { unpackPricingInputs } from '../domain/orders/pricing-inputs.js';
import { TermsSimulation } from '../domain/engine/simulate-terms.js';
import { RateTable } from '../domain/fx/rate-table.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import type { SimulationJob } from './terms-simulation-service.js';

/**
 * The what-if simulation's thread (TermsSimulationService.simulate): reads the program's
 * orders' pricing inputs in pages on a connection of its own, prices each under both terms and
 * posts progress and the sums back. Imports only the engine and the driver it needs.
 */
const PAGE = 5_000;
const job = workerData as SimulationJob;
const port = parentPort!;

const rates = new RateTable();
for (const rate of job.rates)
  rates.set(rate.currency, dayNumberOfIsoDate(rate.date) as number, rate.perEur);
const simulation = new TermsSimulation(job.current, job.draft, rates);
const reader = await openPricingInputsReader(job.config);
try {
  let after = '';
  let seen = 0;
  for (;;) {
    const rows = await reader.page(job.programId, job.range, after, PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows)
      simulation.add({ order: unpackPricingInputs(row.inputs), publisherId: row.publisherId });
    seen += rows.length;
    port.postMessage({ progress: seen });
  }
  port.postMessage({ result: simulation.result() });
} catch (error) {
  port.postMessage({ error: { message: error instanceof Error ? error.message : String(error) } });
} finally {
  await reader.close();
}
