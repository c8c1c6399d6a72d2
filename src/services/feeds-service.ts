import type { Readable } from 'node:stream';
import type { Store } from '../storage/database.js';
import { newMonotonicId } from '../storage/ids.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { FeedFilter, StoredFeedImport } from '../storage/repositories/feeds-repository.js';
import { DomainError } from '../domain/errors.js';
import type { FeedFormat } from '../feeds/feed-records.js';
import { feedChunk, feedHead, feedTail, type FeedDownloadFormat } from '../feeds/feed-download.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { LinkBuilder } from './link-builder.js';
import { importFeedRows, type FeedImportReport } from './feed-import.js';

export class FeedError extends DomainError {}

export type { FeedImportReport, FeedDownloadFormat };

/** Where an import's status is read (the 202's `statusUrl`). */
export function importStatusUrl(programId: string, importId: string): string {
  return `/api/v1/programs/${programId}/feed-imports/${importId}`;
}

/** An import's state: running, done with its report, or failed with why. */
export type FeedImportStatus =
  | {
      status: 'running';
      importId: string;
      statusUrl: string;
      accepted: number;
      refusedCount: number;
    }
  | FeedImportReport
  | { status: 'failed'; importId: string; code: string; reason: string };

/** A stored import's report, as `import` answered it. */
function reportOf(row: StoredFeedImport): FeedImportReport {
  return {
    status: 'done',
    importId: row.id,
    accepted: row.accepted,
    refusedCount: row.refused,
    refused: JSON.parse(row.refused_rows) as FeedImportReport['refused'],
    gone: row.gone,
  };
}

/** Marks what the import did not list gone, unless it accepted nothing (a broken export). */
async function goneAfter(
  t: Repos,
  programId: string,
  importId: string,
  report: FeedImportReport,
  nowMs: number,
): Promise<number> {
  return report.accepted === 0 ? 0 : t.feeds.markGone(programId, importId, nowMs);
}

/** How often a running import's heartbeat is written, and when a silent one has failed. */
const HEARTBEAT_MS = 5_000;
const STALE_MS = 10 * 60_000;
/** Products read per query of a download. */
const PAGE = 2000;

/**
 * Product feeds (issue 29): an advertiser imports its program's feed (CSV, TSV or Merchant
 * Center XML, streamed, written in batches; products an import lacks are marked gone), and a
 * publisher approved in the program downloads it for one of its sites, streamed, every
 * product with the site's tracked link beside the advertiser's own.
 */
export class FeedsService {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
    private readonly links: LinkBuilder,
  ) {}

  /** Imports running after their 202, until they end. */
  readonly #running = new Set<Promise<void>>();
  #closing = false;
  /** Programs whose feed this process is importing: one import of a program at a time. */
  readonly #importing = new Set<string>();

  /**
   * Claims the program's feed for one import (two at once would each mark the other's new
   * products gone): refused while this process imports it or another node's import of it is
   * alive. The answer releases the claim.
   */
  async #claim(programId: string, nowMs: number): Promise<() => void> {
    const busy = () =>
      new FeedError(
        'feed_import_running',
        `an import of the feed of program "${programId}" is running: wait for it to end (its status URL says when), then send the file again`,
      );
    if (this.#importing.has(programId)) throw busy();
    this.#importing.add(programId);
    const release = () => void this.#importing.delete(programId);
    try {
      if (await repos(this.store).feeds.hasRunningImport(programId, nowMs - STALE_MS)) throw busy();
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  #programOf(advertiserId: string, programId: string): CachedProgram {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new FeedError('unknown_program', `no program "${programId}" among your programs`);
    return program;
  }

  #interrupted(): void {
    if (this.#closing)
      throw new FeedError(
        'feed_import_interrupted',
        'the server stopped during the import: upload the file again',
      );
  }

  /**
   * Imports a feed file read from `input`, answering with its report once it is written.
   * Products the file no longer lists are marked gone (unless it accepted nothing).
   */
  async import(
    advertiserId: string,
    programId: string,
    format: FeedFormat,
    input: Readable,
    actor: string,
    nowMs: number,
  ): Promise<FeedImportReport> {
    const program = this.#programOf(advertiserId, programId);
    const release = await this.#claim(programId, nowMs);
    try {
      return await this.#importNow(program, format, input, actor, nowMs);
    } finally {
      release();
    }
  }

  async #importNow(
    program: CachedProgram,
    format: FeedFormat,
    input: Readable,
    actor: string,
    nowMs: number,
  ): Promise<FeedImportReport> {
    const programId = program.id;
    const importId = newMonotonicId('feedImport', nowMs);
    const report = await importFeedRows(this.store, program, importId, format, input, nowMs, () =>
      this.#interrupted(),
    );
    await repos(this.store).transaction(async (t) => {
      report.gone = await goneAfter(t, programId, importId, report, nowMs);
      await t.feeds.recordImport({
        id: importId,
        program_id: programId,
        format,
        accepted: report.accepted,
        refused: report.refusedCount,
        gone: report.gone,
        refused_rows: JSON.stringify(report.refused),
        actor,
        created_at: nowMs,
        updated_at: nowMs,
      });
    });
    return report;
  }

  /**
   * Starts importing a large file (already received whole: `open` reads it) after the upload
   * is answered (202): the import is recorded as running at once, and `importStatus` tells
   * its progress and finally the same report `import` answers with, or why it failed.
   * `cleanup` runs at its end, whatever the end.
   */
  async importInBackground(
    advertiserId: string,
    programId: string,
    format: FeedFormat,
    open: () => Readable,
    actor: string,
    now: () => number,
    cleanup: () => Promise<void> = async () => undefined,
  ): Promise<{ importId: string }> {
    const program = this.#programOf(advertiserId, programId);
    const startedAt = now();
    const release = await this.#claim(programId, startedAt);
    const importId = newMonotonicId('feedImport', startedAt);
    const r = repos(this.store);
    await r.feeds
      .recordImport({
        id: importId,
        program_id: programId,
        format,
        accepted: 0,
        refused: 0,
        gone: 0,
        refused_rows: '[]',
        actor,
        created_at: startedAt,
        state: 'running',
        updated_at: startedAt,
      })
      .catch((error: unknown) => {
        release();
        throw error;
      });
    let beat = startedAt;
    const run = async () => {
      const report = await importFeedRows(
        this.store,
        program,
        importId,
        format,
        open(),
        startedAt,
        () => this.#interrupted(),
        async (soFar) => {
          if (now() - beat < HEARTBEAT_MS) return;
          beat = now();
          await r.feeds.importProgress(importId, soFar.accepted, soFar.refusedCount, beat);
        },
      );
      await r.transaction(async (t) => {
        report.gone = await goneAfter(t, programId, importId, report, startedAt);
        await t.feeds.endImport(
          importId,
          {
            state: 'done',
            accepted: report.accepted,
            refused: report.refusedCount,
            gone: report.gone,
            refusedRows: JSON.stringify(report.refused),
          },
          now(),
        );
      });
    };
    const running = run()
      .catch(async (error: unknown) => {
        const failure =
          error instanceof DomainError
            ? { code: error.code, reason: error.message }
            : {
                code: 'feed_import_failed',
                reason: 'the import failed on the server’s side: upload the file again',
              };
        await r.feeds
          .endImport(importId, { state: 'failed', ...failure }, now())
          .catch(() => undefined);
      })
      .finally(async () => {
        release();
        this.#running.delete(running);
        await cleanup().catch(() => undefined);
      });
    this.#running.add(running);
    return { importId };
  }

  /**
   * An import of the advertiser's program: running (with its progress), done (the report
   * `import` answers with) or failed (why). A running import whose heartbeat stopped (its
   * server ended in the middle) has failed.
   */
  async importStatus(
    advertiserId: string,
    programId: string,
    importId: string,
    nowMs: number,
  ): Promise<FeedImportStatus> {
    this.#programOf(advertiserId, programId);
    const row = await repos(this.store).feeds.importOf(programId, importId);
    if (row === undefined)
      throw new FeedError('unknown_feed_import', `no import "${importId}" of this program`);
    if (row.state === 'done') return reportOf(row);
    const stale =
      row.state === 'running' && nowMs - Number(row.updated_at ?? row.created_at) > STALE_MS;
    if (row.state === 'failed' || stale)
      return {
        status: 'failed',
        importId,
        code: row.failure_code ?? 'feed_import_interrupted',
        reason:
          row.failure_reason ??
          'the import stopped before its end (the server stopped): upload the file again',
      };
    return {
      status: 'running',
      importId,
      statusUrl: importStatusUrl(programId, importId),
      accepted: row.accepted,
      refusedCount: row.refused,
    };
  }

  /**
   * Imports still running stop after their current batch and are recorded as failed
   * (interrupted), so the store can close under none of them.
   */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#running]);
  }

  /** The last import's report of the advertiser's program (its first 100 refusals), or undefined. */
  async lastImport(advertiserId: string, programId: string) {
    this.#programOf(advertiserId, programId);
    const row = await repos(this.store).feeds.lastImport(programId);
    if (row === undefined) return undefined;
    const report = reportOf(row);
    return {
      importId: row.id,
      format: row.format,
      accepted: report.accepted,
      refusedCount: report.refusedCount,
      gone: report.gone,
      refused: report.refused.slice(0, 100),
      at: Number(row.created_at),
    };
  }

  /** How many products the program's feed lists now (the program page). */
  activeCount(programId: string): Promise<number> {
    return repos(this.store).feeds.activeCount(programId);
  }

  /**
   * The program's feed for one of the publisher's sites approved in it, as text chunks of
   * `format`, read page by page (never the whole feed in memory). Refused (before the first
   * chunk) when the site is not the publisher's or not approved in the program.
   */
  async download(
    publisherId: string,
    programId: string,
    siteId: string,
    format: FeedDownloadFormat,
    filter: FeedFilter,
    baseUrl: string,
  ): Promise<AsyncIterable<string>> {
    const link = await this.links.build(publisherId, { programId, siteId }, baseUrl);
    const store = this.store;
    return (async function* () {
      const head = feedHead(format);
      if (head !== '') yield head;
      let after = '';
      for (;;) {
        const page = await repos(store).feeds.page(programId, filter, after, PAGE);
        if (page.length > 0) yield feedChunk(format, page, link.url);
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.product_id;
      }
      const tail = feedTail(format);
      if (tail !== '') yield tail;
    })();
  }
}
