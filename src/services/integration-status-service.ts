import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { repos } from '../storage/repositories/repos.js';
import type { IntegrationReportRow } from '../storage/repositories/integration-reports-repository.js';
import type { Quote } from '../domain/engine/quote.js';

/** Where a report came in: the pixel (and first-party script), the order API, or the tracking page. */
export type ReportChannel = 'pixel' | 'api' | 'console';

/** What the tracking page keeps per program: the newest rows of each kind, no more. */
export const KEEP = { pixel: 5, api: 5, refused: 20, test: 10 } as const;
type Kind = keyof typeof KEEP;

/** A report as the tracking page lists it. */
export interface SeenReport {
  at: number;
  channel: string;
  orderNumber: string | null;
  /** Why it was refused (or earns nothing), or null. */
  code: string | null;
  message: string | null;
}

/** A test conversion, with the quote the engine gave it. */
export interface TestConversion extends SeenReport {
  quote: Quote;
}

export interface IntegrationStatus {
  pixel: SeenReport[];
  api: SeenReport[];
  refused: SeenReport[];
  tests: TestConversion[];
}

const view = (row: IntegrationReportRow): SeenReport => ({
  at: row.at,
  channel: row.channel,
  orderNumber: row.orderNumber,
  code: row.code,
  message: row.message,
});

/**
 * A program's integration status (issue 27, item 2): the last reports seen by pixel and by the
 * order API, the last refused ones with their reason, and test conversions. Seen and refused
 * reports are noted in memory on the hot path (no write while the report waits) and written in
 * one transaction per program by `flush()`, every few seconds and before the page reads them;
 * each kind is pruned to its newest `KEEP` rows, so a flood of bad reports stores no more.
 */
export class IntegrationStatusService {
  #pending = new Map<string, Map<Kind, IntegrationReportRow[]>>();
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Notes an accepted report (its stored refusal, e.g. checksum_mismatch, as `code`). */
  seen(
    programId: string,
    channel: 'pixel' | 'api',
    orderNumber: string,
    refusal: string | undefined,
    nowMs: number,
  ): void {
    this.#note(programId, channel, channel, orderNumber, refusal ?? null, null, nowMs);
    if (refusal !== undefined)
      this.#note(programId, 'refused', channel, orderNumber, refusal, null, nowMs);
  }

  /** Notes a report the network refused with an error (nothing stored for it). */
  refused(
    programId: string,
    channel: 'pixel' | 'api',
    orderNumber: string | undefined,
    code: string,
    message: string,
    nowMs: number,
  ): void {
    this.#note(programId, 'refused', channel, orderNumber ?? null, code, message, nowMs);
  }

  #note(
    programId: string,
    kind: Kind,
    channel: ReportChannel,
    orderNumber: string | null,
    code: string | null,
    message: string | null,
    nowMs: number,
  ): void {
    let kinds = this.#pending.get(programId);
    if (kinds === undefined) this.#pending.set(programId, (kinds = new Map()));
    let rows = kinds.get(kind);
    if (rows === undefined) kinds.set(kind, (rows = []));
    // The row's id is made when it is written: noting stays a push on the hot path.
    rows.push({
      id: '',
      programId,
      kind,
      channel,
      orderNumber,
      code,
      message,
      quote: null,
      at: nowMs,
    });
    if (rows.length > KEEP[kind]) rows.shift();
  }

  /** Writes what was noted since the last flush; one flush at a time. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.catch(() => undefined).then(() => this.#write());
    return this.#flushing;
  }

  async #write(): Promise<void> {
    const pending = this.#pending;
    if (pending.size === 0) return;
    this.#pending = new Map();
    for (const [programId, kinds] of pending)
      await repos(this.store).transaction(async (t) => {
        for (const [kind, rows] of kinds) {
          await t.integrationReports.append(
            rows.map((row) => ({
              ...row,
              id: newId('integrationReport', row.at),
              orderNumber: row.orderNumber?.slice(0, 200) ?? null,
              message: row.message?.slice(0, 500) ?? null,
            })),
          );
          await t.integrationReports.prune(programId, kind, KEEP[kind]);
        }
      });
  }

  /** Records a test conversion at once (it is the answer the tracking page shows). */
  async recordTest(
    programId: string,
    channel: ReportChannel,
    quote: Quote,
    nowMs: number,
  ): Promise<void> {
    await repos(this.store).transaction(async (t) => {
      await t.integrationReports.append([
        {
          id: newId('integrationReport', nowMs),
          programId,
          kind: 'test',
          channel,
          orderNumber: quote.orderNumber.slice(0, 200),
          code: quote.reasons[0] ?? null,
          message: null,
          quote: JSON.stringify(quote),
          at: nowMs,
        },
      ]);
      await t.integrationReports.prune(programId, 'test', KEEP.test);
    });
  }

  /** The program's status, after writing what this process noted. */
  async status(programId: string): Promise<IntegrationStatus> {
    await this.flush();
    const reports = repos(this.store).integrationReports;
    const [pixel, api, refused, tests] = await Promise.all(
      (['pixel', 'api', 'refused', 'test'] as const).map((kind) =>
        reports.newest(programId, kind, KEEP[kind]),
      ),
    );
    return {
      pixel: pixel!.map(view),
      api: api!.map(view),
      refused: refused!.map(view),
      tests: tests!.map((row) => ({ ...view(row), quote: JSON.parse(row.quote!) as Quote })),
    };
  }
}
