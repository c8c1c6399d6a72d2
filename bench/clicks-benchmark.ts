import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { toClickRecord, type Click } from '../src/storage/repositories/clicks-repository.js';
import { ClickIdGenerator } from '../src/storage/click-ids.js';
import type { StorageConfig } from '../src/config/storage-config.js';
import { repos } from '../src/storage/repositories/repos.js';

export interface ClickInsertFigures {
  engine: string;
  rows: number;
  batchSize: number;
  /** Batched inserts of click records (the group commit's work). */
  rowsPerSecond: number;
  /** The same, plus turning clicks into records (done at request time in the server). */
  rowsPerSecondIncludingSerialisation: number;
  targetRowsPerSecond: number;
  meetsTarget: boolean;
}

const ids = new ClickIdGenerator(2);

/** Clicks as the tracking server records them: every signal filled as in real traffic. */
function clickRows(count: number, startMs: number): Omit<Click, 'createdAt'>[] {
  return Array.from({ length: count }, (_, n) => ({
    id: ids.next(startMs + Math.floor(n / 4)),
    programId: 'prg_01hzx3k4m5n6p7q8r9s0t1v2w3',
    siteId: `sit_01hzx3k4m5n6p7q8r9s0t1v${n % 500}`,
    adId: `ad_01hzx3k4m5n6p7q8r9s0t1v2w${n % 20}`,
    epi: n % 4 === 0 ? null : `campaign-${n % 37}`,
    epi2: null,
    ipHash: randomBytes(8).toString('hex'),
    signals: {
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      referrerHost: `site${n % 500}.example`,
      secFetchDest: 'document',
      secFetchMode: 'navigate',
      secFetchUser: '?1',
      bot: n % 40 === 0,
      paidMarkers: [],
      country: 'NL',
      mailingId: null,
    },
    notAttributableReason: null,
  }));
}

/**
 * Inserts `rows` clicks in batches and times only the inserts: each batch is generated just
 * before it is written, as the tracking server's group commit does, so the heap stays small.
 */
async function measure(
  store: Store,
  engine: string,
  rows: number,
  batchSize: number,
  target: number,
  onProgress: (message: string) => void,
): Promise<ClickInsertFigures> {
  const clicks = repos(store).clicks;
  const start = Date.UTC(2026, 9, 1);
  await clicks.insertBatch(clickRows(batchSize, start - 86_400_000).map(toClickRecord)); // warm-up
  let nanoseconds = 0n;
  let serialiseNanoseconds = 0n;
  for (let i = 0; i < rows; i += batchSize) {
    const batch = clickRows(Math.min(batchSize, rows - i), start + i);
    const serialising = process.hrtime.bigint();
    const records = batch.map(toClickRecord);
    const before = process.hrtime.bigint();
    serialiseNanoseconds += before - serialising;
    await clicks.insertBatch(records);
    nanoseconds += process.hrtime.bigint() - before;
    if ((i / batchSize) % 20 === 0) {
      onProgress(
        `${engine}: ${(i + batchSize).toLocaleString('en')} of ${rows.toLocaleString('en')} clicks`,
      );
    }
  }
  const rowsPerSecond = Math.round(rows / (Number(nanoseconds) / 1e9));
  return {
    engine,
    rows,
    batchSize,
    rowsPerSecond,
    rowsPerSecondIncludingSerialisation: Math.round(
      rows / (Number(nanoseconds + serialiseNanoseconds) / 1e9),
    ),
    targetRowsPerSecond: target,
    meetsTarget: rowsPerSecond >= target,
  };
}

/** Runs `fn` on a fresh, migrated store and removes it afterwards. */
async function withFreshStore<T>(
  postgresUrl: string | undefined,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  if (postgresUrl === undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'affnet-bench-clicks-'));
    const store = openStore({ kind: 'sqlite', file: join(dir, 'affnet.db'), synchronous: 'FULL' });
    try {
      await migrateToLatest(store);
      return await fn(store);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const config: StorageConfig = {
    kind: 'postgres',
    url: `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    poolSize: 2,
  };
  const store = openStore(config);
  try {
    await migrateToLatest(store);
    return await fn(store);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

/** The round with the median insert rate: this shared machine's disk and CPU are noisy. */
async function medianRound(
  rounds: number,
  round: () => Promise<ClickInsertFigures>,
): Promise<ClickInsertFigures & { rounds: number[] }> {
  const results: ClickInsertFigures[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round());
  results.sort((a, b) => a.rowsPerSecond - b.rowsPerSecond);
  return {
    ...results[Math.floor(rounds / 2)]!,
    rounds: results.map((result) => result.rowsPerSecond),
  };
}

/**
 * Batched click inserts on embedded SQLite (WAL, synchronous=FULL) and on PostgreSQL, each the
 * median of three rounds on a fresh database.
 */
export async function benchmarkClickInserts(
  rows: number,
  postgresUrl: string | undefined,
  onProgress: (message: string) => void,
): Promise<ClickInsertFigures[]> {
  const figures: ClickInsertFigures[] = [];
  figures.push(
    await medianRound(3, () =>
      withFreshStore(undefined, (store) =>
        measure(store, 'sqlite (WAL, synchronous=FULL)', rows, 10_000, 200_000, onProgress),
      ),
    ),
  );
  if (postgresUrl === undefined) {
    onProgress('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return figures;
  }
  try {
    figures.push(
      await medianRound(3, () =>
        withFreshStore(postgresUrl, (store) =>
          measure(store, 'postgres (COPY batches)', rows, 10_000, 50_000, onProgress),
        ),
      ),
    );
  } catch (error) {
    onProgress(`postgres: skipped, ${postgresUrl}: ${(error as Error).message}`);
  }
  return figures;
}
