import { expect, it } from 'vitest';
import { RateCache } from '../../src/services/rate-cache.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { dayNumberOfIsoDate } from '../../src/domain/dates.js';
import { describeEachEngine } from '../support/stores.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('rate cache', (context) => {
  it('serves stored rates and picks up an import without blocking requests', async () => {
    const { store } = context();
    const repository = repos(store).rates;
    await repository.upsert(parseEcbCsv('Date,USD\n2026-10-05,1.0950\n').entries(), 'a', 1_000);
    const cache = new RateCache(store, 60_000);
    const day = dayNumberOfIsoDate('2026-10-06')!;
    expect((await cache.current(10_000)).find('USD', day, 7)?.date).toBe('2026-10-05');
    await repository.upsert(parseEcbCsv('Date,USD\n2026-10-06,1.1000\n').entries(), 'b', 2_000);
    // Within the check interval the table in memory is used as it is.
    expect((await cache.current(20_000)).find('USD', day, 7)?.date).toBe('2026-10-05');
    // After it, a background reload brings the new rate in.
    await cache.current(80_000);
    for (
      let i = 0;
      i < 100 && (await cache.current(80_001)).find('USD', day, 7)?.date !== '2026-10-06';
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await cache.current(80_002)).find('USD', day, 7)?.perEur).toEqual({
      coefficient: 11000,
      scale: 4,
    });
  });
});
