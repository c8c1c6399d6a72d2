import type { Scope } from './scope.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { RateTable, type FxRate } from '../../domain/fx/rate-table.js';
import { dayNumberOfIsoDate } from '../../domain/dates.js';
import { formatDecimal, parseDecimal, type Decimal } from '../../domain/money/decimal.js';
import { countRows } from './count-rows.js';

/** ECB reference rates, stored exactly as published. */
export class RatesRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Inserts or replaces rates in batches; `onProgress` gets the number stored so far. */
  async upsert(
    rates: Iterable<FxRate>,
    source: string,
    nowMs: number,
    onProgress?: (stored: number) => void,
  ): Promise<number> {
    let batch: {
      currency: string;
      date: string;
      rate: string;
      source: string;
      imported_at: number;
    }[] = [];
    let stored = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await this.db
        .insertInto('exchange_rates')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['currency', 'date']).doUpdateSet((eb) => ({
            rate: eb.ref('excluded.rate'),
            source: eb.ref('excluded.source'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
      stored += batch.length;
      batch = [];
      onProgress?.(stored);
    };
    for (const rate of rates) {
      batch.push({
        currency: rate.currency,
        date: rate.date,
        rate: formatDecimal(rate.perEur),
        source,
        imported_at: nowMs,
      });
      if (batch.length === 1000) await flush();
    }
    await flush();
    return stored;
  }

  /** Every stored rate, as the engine's lookup table. */
  async loadTable(): Promise<RateTable> {
    const table = new RateTable();
    const rows = await this.db
      .selectFrom('exchange_rates')
      .select(['currency', 'date', 'rate'])
      .orderBy('date')
      .execute();
    for (const row of rows) {
      table.set(
        row.currency,
        dayNumberOfIsoDate(row.date) as number,
        parseDecimal(row.rate) as Decimal,
      );
    }
    return table;
  }

  /** Changes whenever rates are added or replaced: count and latest import time. */
  async signature(): Promise<string> {
    const row = await this.db
      .selectFrom('exchange_rates')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('imported_at').as('latest')])
      .executeTakeFirstOrThrow();
    return `${Number(row.count)}/${Number(row.latest ?? 0)}`;
  }

  /** The latest date any rate is stored for (YYYY-MM-DD), or undefined when there is none. */
  async latestDate(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('exchange_rates')
      .select((eb) => eb.fn.max('date').as('latest'))
      .executeTakeFirst();
    return row?.latest ?? undefined;
  }

  async count(): Promise<number> {
    return countRows(this.db, 'exchange_rates');
  }
}
