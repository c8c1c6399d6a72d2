import { systemClock } from '../server/clock.js';
import { readEcbRatesFile } from '../fx/read-ecb-rates-file.js';
import { openMigratedStore } from './open-store.js';
import { cliNetwork } from './cli-network.js';
import { parseServerConfig } from '../config/server-config.js';
import { Progress } from './progress.js';
import { UsageError, type CliIo } from './cli-io.js';
import { DEFAULT_ECB_BASE_URL, ECB_FILES, type EcbFile } from '../fx/ecb-files.js';
import { repos } from '../storage/repositories/repos.js';

export const FX_USAGE = `usage: affnet fx import FILE
       affnet fx fetch [daily|daily-xml|90d|history] [--json]

import  loads an ECB reference-rate file: the daily CSV (eurofxref.csv), the historical CSV
        (eurofxref-hist.csv), the daily or historical XML, or the zip the ECB publishes them in.
fetch   downloads the ECB's file (default daily: eurofxref.zip) from ECB_BASE_URL (default
        ${DEFAULT_ECB_BASE_URL}) and loads it.

Rates are units per 1 EUR. Loading a file replaces the rates it contains; nothing else changes.
Orders held for a missing rate are re-priced afterwards (AE-C6).
`;

export async function runFxCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [action, file, ...rest] = args;
  if (action === 'fetch') return fetchRates(args.slice(1), io, env);
  if (action !== 'import')
    throw new UsageError(
      action === undefined ? 'missing action: import or fetch' : `unknown action "${action}"`,
    );
  if (file === undefined) throw new UsageError('missing FILE: the ECB rates CSV to import');
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const reading = new Progress(io.stderr, 'read rates');
  const table = await readEcbRatesFile(file, (count) => reading.update(count));
  reading.done();
  const { store } = await openMigratedStore(env);
  try {
    const storing = new Progress(io.stderr, 'stored rates', table.size);
    const stored = await repos(store).rates.upsert(table.entries(), file, systemClock(), (count) =>
      storing.update(count),
    );
    storing.done();
    const dates = [...table.entries()].map((rate) => rate.date).sort();
    const span = dates.length === 0 ? 'no dates' : `${dates[0]} … ${dates[dates.length - 1]}`;
    io.stdout.write(
      `imported ${stored.toLocaleString('en')} rates (${table.currencies.length} currencies, ${span}) into ${store.location}\n`,
    );
    // Orders held for a missing rate can be priced now (AE-C6).
    const network = await cliNetwork(store, parseServerConfig(env));
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

async function fetchRates(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((arg) => arg !== '--json');
  const file = (rest[0] ?? 'daily') as EcbFile;
  if (!Object.hasOwn(ECB_FILES, file))
    throw new UsageError(`unknown file "${file}": daily, daily-xml, 90d or history`);
  if (rest.length > 1) throw new UsageError(`unexpected arguments: ${rest.slice(1).join(' ')}`);
  const config = parseServerConfig(env);
  const { store } = await openMigratedStore(env);
  try {
    const network = await cliNetwork(store, config);
    await network.cache.invalidate();
    if (!json) io.stderr.write(`fetching ${ECB_FILES[file]} from ${config.ecbBaseUrl} …\n`);
    const result = await network.ecbRates.fetchAndStore(file, 'system:fx-fetch', systemClock());
    if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else
      io.stdout.write(
        `stored ${result.rates.toLocaleString('en')} rates from ${result.url}; latest rate date ${result.latestDate ?? 'none'}; re-priced ${result.repriced.checked} held order(s), ${result.repriced.released} priced\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
