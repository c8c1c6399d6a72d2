import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { loadPrograms } from '../src/bootstrap/bootstrap.js';
import { parseEcbCsv } from '../src/domain/fx/parse-ecb-csv.js';
import { TermsSimulationService } from '../src/services/terms-simulation-service.js';
import { BUNDLED_PROGRAMS_DIR } from '../src/programs/load-program-terms.js';
import { parseOrderOrThrow } from '../src/domain/orders/parse-order.js';
import { packPricingInputs } from '../src/domain/orders/pricing-inputs.js';
import { generateOrders, generatedRatesCsv } from './generate-orders.js';
import { repos } from '../src/storage/repositories/repos.js';

export interface SimulationFigures {
  orders: number;
  lines: number;
  seconds: number;
  linesPerSecond: number;
  targetSeconds: number;
  meetsTarget: boolean;
}

/**
 * `affnet programs simulate` on a SQLite store holding `targetLines` generated order lines
 * (attributed orders of two weeks): reading them in pages, pricing each under the current terms
 * and a draft (AliExpress with the 7% group at 8%), summing per group and publisher. One core.
 */
export async function benchmarkSimulation(
  targetLines: number,
  progress: (message: string) => void,
): Promise<SimulationFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-bench-simulate-'));
  const store = openStore({ kind: 'sqlite', file: join(dir, 'bench.db'), synchronous: 'NORMAL' });
  try {
    await migrateToLatest(store);
    const now = Date.UTC(2026, 10, 1);
    const [program] = await loadPrograms(store, now);
    await repos(store).rates.upsert(parseEcbCsv(generatedRatesCsv()).entries(), 'bench', now);
    progress(`simulation: writing ${targetLines.toLocaleString('en')} order lines`);
    let lines = 0;
    let orders = 0;
    const documents = generateOrders(Math.ceil(targetLines / 2) + 10);
    while (lines < targetLines) {
      const batch = [];
      const pricing = [];
      for (let i = 0; i < 1000 && lines < targetLines; i++) {
        const document = documents.next().value!;
        lines += document.items.length;
        orders += 1;
        const id = `ord_bench${String(orders).padStart(9, '0')}`;
        // Stored as the order recorder stores it: the document and its packed pricing inputs.
        pricing.push({
          program_id: program!.id,
          order_id: id,
          placed_at: Date.parse(document.placedAt),
          publisher_id: `pub_bench${orders % 50}`,
          inputs: packPricingInputs(parseOrderOrThrow(document)),
        });
        batch.push({
          id,
          program_id: program!.id,
          order_number: document.orderNumber,
          click_id: null,
          publisher_id: `pub_bench${orders % 50}`,
          site_id: null,
          ad_id: null,
          epi: null,
          placed_at: Date.parse(document.placedAt),
          currency: document.currency,
          status: document.status,
          quote_status: 'qualified',
          attribution: 'attributed',
          buyer_country: null,
          new_buyer: 0,
          fraud: 0,
          document: JSON.stringify(document),
          quote: '{}',
          terms_id: null,
          total_minor: 0,
          value_minor: 0,
          revision: 1,
          report_details: null,
          created_at: now,
          updated_at: now,
        });
      }
      await store.db.insertInto('orders').values(batch).execute();
      await store.db.insertInto('order_pricing').values(pricing).execute();
    }
    const source = await readFile(join(BUNDLED_PROGRAMS_DIR, 'aliexpress.yaml'), 'utf8');
    const draft = source.replace(/rate: '0\.07'/, "rate: '0.08'");
    progress(`simulation: re-pricing ${lines.toLocaleString('en')} lines under two terms`);
    const start = process.hrtime.bigint();
    const result = await new TermsSimulationService(store).simulate(
      'aliexpress',
      { source: draft, name: 'aliexpress.yaml' },
      { fromMs: Date.UTC(2026, 8, 1), toMs: Date.UTC(2026, 11, 1) },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.lines !== lines) throw new Error(`simulated ${result.lines} of ${lines} lines`);
    return {
      orders,
      lines,
      seconds: Math.round(seconds * 1000) / 1000,
      linesPerSecond: Math.round(lines / seconds),
      targetSeconds: 3 * (targetLines / 1_000_000),
      meetsTarget: seconds <= 3 * (targetLines / 1_000_000),
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
