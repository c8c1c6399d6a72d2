import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import { from as copyFrom } from 'pg-copy-streams';
import { sql, type Selectable } from 'kysely';
import type { ClicksTable } from '../schema.js';
import type { Scope } from './scope.js';
import { CLICK_HOUR_SQL, clickIdTime } from '../click-ids.js';
import { countRows } from './count-rows.js';
import { retryWhileBusy } from '../sqlite-busy.js';

/** What the tracking path observed about a click, kept as evidence for compliance checks. */
export interface ClickSignals {
  userAgent: string | null;
  referrerHost: string | null;
  secFetchDest: string | null;
  secFetchMode: string | null;
  secFetchUser: string | null;
  /** The bot verdict (isbot) on the user agent. */
  bot: boolean;
  /** Paid-search click markers in the landing query or referrer: gclid, gbraid, wbraid, msclkid, fbclid. */
  paidMarkers: string[];
  country: string | null;
  mailingId: string | null;
}

export interface Click {
  /** Integer click id (click-ids.ts); `formatClickId` gives its `clk_…` form. */
  id: number;
  programId: string;
  siteId: string;
  adId: string | null;
  epi: string | null;
  epi2: string | null;
  /** When the click was made: read from its id. */
  createdAt: number;
  ipHash: string | null;
  signals: ClickSignals;
  /** Null when the click may attribute orders; else why not. */
  notAttributableReason: string | null;
}

type Row = Selectable<ClicksTable>;

const COLUMNS = [
  'id',
  'program_id',
  'site_id',
  'ad_id',
  'epi',
  'epi2',
  'ip_hash',
  'signals',
  'not_attributable_reason',
] as const satisfies readonly (keyof Row)[];

const PG_COPY = `COPY clicks (${COLUMNS.join(', ')}) FROM STDIN`;

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (ch) =>
        ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/**
 * A click as the database row it becomes: its column values in insert order, signals already
 * serialised. The tracking path makes it while the visitor's request is handled, so the
 * group commit only writes.
 */
export type ClickRecord = readonly [
  id: number,
  programId: string,
  siteId: string,
  adId: string | null,
  epi: string | null,
  epi2: string | null,
  ipHash: string | null,
  signals: string,
  notAttributableReason: string | null,
];

/** The record of a new click; its time is its id's (ClickIdGenerator). */
export function toClickRecord(click: Omit<Click, 'createdAt'>): ClickRecord {
  return [
    click.id,
    click.programId,
    click.siteId,
    click.adId,
    click.epi,
    click.epi2,
    click.ipHash,
    serialiseSignals(click.signals),
    click.notAttributableReason,
  ];
}

/**
 * Signals as stored: short keys and only what was seen, since every byte is written once per
 * click (`ua` user agent, `ref` referrer host, `fd`/`fm`/`fu` Sec-Fetch-Dest/Mode/User, `bot`,
 * `pm` paid-search markers, `cc` country, `ml` mailing).
 */
interface StoredSignals {
  ua?: string;
  ref?: string;
  fd?: string;
  fm?: string;
  fu?: string;
  bot?: 1;
  pm?: string[];
  cc?: string;
  ml?: string;
}

function serialiseSignals(signals: ClickSignals): string {
  const stored: StoredSignals = {};
  if (signals.userAgent !== null) stored.ua = signals.userAgent;
  if (signals.referrerHost !== null) stored.ref = signals.referrerHost;
  if (signals.secFetchDest !== null) stored.fd = signals.secFetchDest;
  if (signals.secFetchMode !== null) stored.fm = signals.secFetchMode;
  if (signals.secFetchUser !== null) stored.fu = signals.secFetchUser;
  if (signals.bot) stored.bot = 1;
  if (signals.paidMarkers.length > 0) stored.pm = signals.paidMarkers;
  if (signals.country !== null) stored.cc = signals.country;
  if (signals.mailingId !== null) stored.ml = signals.mailingId;
  return JSON.stringify(stored);
}

function parseSignals(text: string): ClickSignals {
  const stored = JSON.parse(text) as StoredSignals;
  return {
    userAgent: stored.ua ?? null,
    referrerHost: stored.ref ?? null,
    secFetchDest: stored.fd ?? null,
    secFetchMode: stored.fm ?? null,
    secFetchUser: stored.fu ?? null,
    bot: stored.bot === 1,
    paidMarkers: stored.pm ?? [],
    country: stored.cc ?? null,
    mailingId: stored.ml ?? null,
  };
}

function fromRow(row: Row): Click {
  return {
    id: row.id,
    programId: row.program_id,
    siteId: row.site_id,
    adId: row.ad_id,
    epi: row.epi,
    epi2: row.epi2,
    createdAt: clickIdTime(row.id),
    ipHash: row.ip_hash,
    signals: parseSignals(row.signals),
    notAttributableReason: row.not_attributable_reason,
  };
}

/**
 * Clicks, written in batches: each batch is one transaction, so it lands whole or not at all.
 * SQLite runs one prepared INSERT per click inside a transaction; PostgreSQL gets the batch
 * as one COPY (one statement, atomic, the fastest bulk path PostgreSQL has).
 */
export class ClicksRepository {
  readonly #store: Scope;
  #sqliteInsert: ((records: readonly ClickRecord[]) => void) | undefined;

  constructor(store: Scope) {
    this.#store = store;
  }

  async insertBatch(records: readonly ClickRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { sqlite, pool } = this.#store;
    if (sqlite) {
      const insert = (this.#sqliteInsert ??= prepareSqliteInsert(sqlite));
      // Through Kysely's hold on the one connection: a batch written while a Kysely transaction
      // of this connection awaits something would become a savepoint of that transaction and
      // vanish with its rollback, after the clicks' redirects were sent. Its BEGIN IMMEDIATE
      // refused while another connection writes, the batch is tried again on a timer.
      await retryWhileBusy(() => this.#store.db.connection().execute(async () => insert(records)));
      return;
    }
    if (!pool) throw new Error('store has neither a SQLite handle nor a PostgreSQL pool');
    let text = '';
    for (const record of records) text += `${record.map(copyField).join('\t')}\n`;
    const client = await pool.connect();
    try {
      await pipeline(Readable.from([text]), client.query(copyFrom(PG_COPY)));
    } finally {
      client.release();
    }
  }

  async count(): Promise<number> {
    return countRows(this.#store.db, 'clicks');
  }

  /** Clicks with fromExclusive < id ≤ toInclusive, oldest first (compliance scans). */
  async range(fromExclusive: number, toInclusive: number, limit: number): Promise<Click[]> {
    const rows = await this.#store.db
      .selectFrom('clicks')
      .selectAll()
      .where('id', '>', fromExclusive)
      .where('id', '<=', toInclusive)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => fromRow(row as Row));
  }

  async find(id: number): Promise<Click | undefined> {
    const row = await this.#store.db
      .selectFrom('clicks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /**
   * The id of the `nth` click (1-based) with fromExclusive < id ≤ toInclusive, if there are
   * that many: the bound of one rollup run.
   */
  async nthIdAfter(fromExclusive: number, toInclusive: number, nth: number) {
    const row = await this.#store.db
      .selectFrom('clicks')
      .select('id')
      .where('id', '>', fromExclusive)
      .where('id', '<=', toInclusive)
      .orderBy('id')
      .offset(nth - 1)
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /** Clicks with fromExclusive < id ≤ toInclusive counted per program, site, ad, epi and hour. */
  async countsPerHour(fromExclusive: number, toInclusive: number) {
    const groups = await this.#store.db
      .selectFrom('clicks')
      .select([
        'program_id',
        'site_id',
        sql<string>`coalesce(ad_id, '')`.as('ad_id'),
        sql<string>`coalesce(epi, '')`.as('epi'),
        sql<number>`${sql.raw(CLICK_HOUR_SQL)}`.as('hour'),
        (eb) => eb.fn.countAll<number>().as('clicks'),
      ])
      .where('id', '>', fromExclusive)
      .where('id', '<=', toInclusive)
      .groupBy([
        'program_id',
        'site_id',
        sql`coalesce(ad_id, '')`,
        sql`coalesce(epi, '')`,
        sql.raw(CLICK_HOUR_SQL),
      ])
      .execute();
    return groups.map((group) => ({
      programId: group.program_id,
      siteId: group.site_id,
      adId: group.ad_id,
      epi: group.epi,
      hour: Number(group.hour),
      clicks: Number(group.clicks),
    }));
  }

  /** The clicks with an address with fromExclusive < id ≤ toInclusive, oldest first. */
  async addressed(fromExclusive: number, toInclusive: number) {
    return this.#store.db
      .selectFrom('clicks')
      .select(['id', 'site_id as siteId', 'ip_hash as ipHash'])
      .where('id', '>', fromExclusive)
      .where('id', '<=', toInclusive)
      .where('ip_hash', 'is not', null)
      .orderBy('id')
      .execute();
  }
}

function prepareSqliteInsert(
  sqlite: SqliteDatabase.Database,
): (records: readonly ClickRecord[]) => void {
  const statement = sqlite.prepare(
    `INSERT INTO clicks (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const transaction = sqlite.transaction((records: readonly ClickRecord[]) => {
    for (const record of records) statement.run(record);
  });
  // IMMEDIATE: the write lock is taken first, so only the BEGIN can be refused (nothing written).
  return (records) => transaction.immediate(records);
}
