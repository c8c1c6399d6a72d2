import type { Store } from '../storage/database.js';
import { OrdersRepository } from '../storage/repositories/orders-repository.js';
import { ProgramsRepository } from '../storage/repositories/programs-repository.js';
import { RatesRepository } from '../storage/repositories/rates-repository.js';
import { parseProgramTermsOrThrow } from '../programs/load-program-terms.js';
import { parseOrderOrThrow } from '../domain/orders/parse-order.js';
import {
  TermsSimulation,
  type SimulatedOrder,
  type SimulationResult,
} from '../domain/engine/simulate-terms.js';
import { DomainError } from '../domain/errors.js';

export class SimulationError extends DomainError {}

const PAGE = 5_000;

/**
 * What-if for a program's terms: re-prices its stored, attributed orders of a period under a
 * draft, beside what they earn now (the engine's `simulateTerms`). Orders stream in pages.
 */
export class TermsSimulationService {
  constructor(private readonly store: Store) {}

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
    const draftTerms = parseProgramTermsOrThrow(draft.source, draft.name);
    if (draftTerms.id !== slug)
      throw new SimulationError(
        'terms_mismatch',
        `the draft is the terms of "${draftTerms.id}", not of "${slug}"`,
      );
    const rates = await new RatesRepository(this.store.db).loadTable();
    const orders = new OrdersRepository(this.store.db, this.store.dialect);
    async function* pages(): AsyncGenerator<SimulatedOrder[]> {
      let after = '';
      let seen = 0;
      for (;;) {
        const rows = await orders.attributedPage(program!.id, range, after, PAGE);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        seen += rows.length;
        onProgress?.(seen);
        yield rows.map((row) => ({
          order: parseOrderOrThrow(JSON.parse(row.document)),
          publisherId: row.publisher_id,
        }));
      }
    }
    const simulation = new TermsSimulation(current, draftTerms, rates);
    for await (const page of pages()) for (const order of page) simulation.add(order);
    return simulation.result();
  }
}
