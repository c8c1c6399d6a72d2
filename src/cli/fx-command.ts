import { systemClock } from '../server/clock.js';
import { readEcbRatesFile } from '../fx/read-ecb-rates-file.js';
import { RatesRepository } from '../storage/repositories/rates-repository.js';
import { openMigratedStore } from './open-store.js';
import { Network } from '../server/network.js';
import { parseServerConfig, resolveSecret } from '../config/server-config.js';
import { Progress } from './progress.js';
import { UsageError, type CliIo } from './cli-io.js';

export const FX_USAGE = `usage: affnet fx import FILE

Loads ECB reference rates (the ECB's CSV layout: Date,USD,JPY,…; units per 1 EUR) into the
store. Re-importing a file replaces the rates it contains; nothing else changes.
`;

export async function runFxCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, file, ...rest] = args;
  if (action !== 'import')
    throw new UsageError(
      action === undefined ? 'missing action: import' : `unknown action "${action}"`,
    );
  if (file === undefined) throw new UsageError('missing FILE: the ECB rates CSV to import');
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const reading = new Progress(io.stderr, 'read rates');
  const table = await readEcbRatesFile(file, (count) => reading.update(count));
  reading.done();
  const { store } = await openMigratedStore(env);
  try {
    const storing = new Progress(io.stderr, 'stored rates', table.size);
    const stored = await new RatesRepository(store.db).upsert(
      table.entries(),
      file,
      systemClock(),
      (count) => storing.update(count),
    );
    storing.done();
    const dates = [...table.entries()].map((rate) => rate.date).sort();
    const span = dates.length === 0 ? 'no dates' : `${dates[0]} … ${dates[dates.length - 1]}`;
    io.stdout.write(
      `imported ${stored.toLocaleString('en')} rates (${table.currencies.length} currencies, ${span}) into ${store.location}\n`,
    );
    // Orders held for a missing rate can be priced now (AE-C6).
    const network = new Network(store, {
      secret: await resolveSecret(parseServerConfig(env), store.db),
      maxBatch: 1,
      node: 31,
    });
    await network.cache.invalidate();
    const { checked, released } = await network.conversions.repriceHeld(
      'system:fx-import',
      systemClock(),
    );
    if (checked > 0) {
      io.stdout.write(
        `re-priced ${checked} held order(s): ${released} priced, ${checked - released} still held\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
