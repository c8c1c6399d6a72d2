import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import type { StoredFeedSource } from '../storage/repositories/feed-sources-repository.js';
import {
  checkEveryMinutes,
  failureAlertDue,
  FEED_FAILURES_ALERT,
  FEED_FETCH_SLOTS,
  FeedSourceError,
  fetchedFeedFormat,
  retryAt,
} from '../domain/feeds/feed-source-rules.js';
import type { FeedFetcher } from '../feeds/feed-fetcher.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { Mailer } from './mailer.js';
import { portalLink, queueNotification } from './notification-mail.js';
import { FeedError, type FeedsService } from './feeds-service.js';

/** A program's feed URL as its advertiser reads it. */
export interface FeedSourceView {
  programId: string;
  url: string;
  everyMinutes: number;
  /** ISO 8601; null before the first fetch. */
  lastFetchedAt: string | null;
  lastStatus: 'imported' | 'not_modified' | 'failed' | null;
  lastError: string | null;
  /** Failed fetches in a row. */
  failures: number;
  nextFetchAt: string;
  /** The report of the last import a fetch made. */
  lastImport: {
    importId: string;
    accepted: number;
    refusedCount: number;
    gone: number;
    at: string;
  } | null;
}

/** Due sources read per look for free slots (some may be running here or claimed elsewhere). */
const PER_LOOK = 20;
/**
 * A claimed source's lease: how long it stays out of other runs' and nodes' reach (a fetch's
 * longest, 15 minutes, and some); a node that dies mid-fetch leaves it due again then.
 */
const CLAIM_MS = 20 * 60_000;
const KIND = 'feed_failing';

/**
 * Scheduled feed URLs (issue 29): an advertiser names one per program; the `feed_sources` job
 * fetches the due ones (with their ETag and Last-Modified: an unchanged feed answers 304 and
 * nothing is imported) and streams a changed one into the same import as an upload, a few at
 * once (FEED_FETCH_SLOTS: a slow feed holds one slot, never the other programs' turn; as many
 * imports stream at once, no more; one too slow is cut off by the fetcher). A failed
 * fetch is recorded with its reason and retried sooner than the schedule, backing off; after
 * FEED_FAILURES_ALERT failures in a row the advertiser's users are mailed once.
 */
export class FeedSourceService {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
    private readonly feeds: FeedsService,
    private readonly fetcher: FeedFetcher,
    private readonly mailer: Mailer,
    private readonly linkBase: () => string | undefined,
    private readonly now: () => number,
    private readonly slots: number = FEED_FETCH_SLOTS,
    /** Where a fetch started by the job, not awaited, reports a failure (logged, counted). */
    private readonly failed: (error: unknown) => void = () => undefined,
  ) {}

  /** The fetches running on this node, by program: never two of one source at once. */
  readonly #running = new Map<string, Promise<void>>();
  readonly #stop = new AbortController();
  /** Fills one after another, so two never both take the last free slot. */
  #filling: Promise<unknown> = Promise.resolve();

  /**
   * Sets the program's feed URL and schedule: `created` when it had none. The URL is refused
   * when it is not https (where the network fetches no http) or its host resolves to a private,
   * loopback or link-local address; nothing is stored then. A new URL is fetched at the job's
   * next run; a changed schedule counts from the last fetch.
   */
  async put(
    advertiserId: string,
    programId: string,
    input: { url: string; everyMinutes?: number | undefined },
    actor: string,
    nowMs: number,
  ): Promise<{ created: boolean; source: FeedSourceView }> {
    this.#own(advertiserId, programId);
    const everyMinutes = checkEveryMinutes(input.everyMinutes);
    const url = (await this.fetcher.checkSave(input.url)).href;
    const r = repos(this.store);
    const before = await r.feedSources.find(programId);
    const urlChanged = before?.url !== url;
    let next = nowMs;
    if (before !== undefined && !urlChanged)
      next =
        before.failures > 0 || before.last_fetched_at === null
          ? before.next_fetch_at
          : before.last_fetched_at + everyMinutes * 60_000;
    await r.feedSources.put(
      {
        program_id: programId,
        url,
        every_minutes: everyMinutes,
        next_fetch_at: next,
        failures: 0,
        actor,
        created_at: nowMs,
        updated_at: nowMs,
      },
      urlChanged,
    );
    return { created: before === undefined, source: await this.get(advertiserId, programId) };
  }

  async get(advertiserId: string, programId: string): Promise<FeedSourceView> {
    this.#own(advertiserId, programId);
    const r = repos(this.store);
    const source = await r.feedSources.find(programId);
    if (source === undefined)
      throw new FeedSourceError('unknown_feed_source', `program "${programId}" has no feed URL`);
    const report =
      source.last_import_id === null
        ? undefined
        : await r.feedSources.importOf(programId, source.last_import_id);
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      programId,
      url: source.url,
      everyMinutes: source.every_minutes,
      lastFetchedAt: source.last_fetched_at === null ? null : iso(source.last_fetched_at),
      lastStatus: source.last_status as FeedSourceView['lastStatus'],
      lastError: source.last_error,
      failures: source.failures,
      nextFetchAt: iso(source.next_fetch_at),
      lastImport:
        report === undefined
          ? null
          : {
              importId: report.id,
              accepted: report.accepted,
              refusedCount: report.refused,
              gone: report.gone,
              at: iso(report.created_at),
            },
    };
  }

  /** Stops fetching the program's feed (its products stay as the last import left them). */
  async delete(advertiserId: string, programId: string): Promise<void> {
    this.#own(advertiserId, programId);
    if (!(await repos(this.store).feedSources.delete(programId)))
      throw new FeedSourceError('unknown_feed_source', `program "${programId}" has no feed URL`);
  }

  /**
   * The job's run: claims sources due at `nowMs` for this node's free slots and starts their
   * fetches, without waiting for them; a fetch that ends takes the next due source into its
   * slot. How many it started.
   */
  async start(nowMs: number): Promise<number> {
    const started = await this.#fill(nowMs, true);
    for (const fetch of started) fetch.catch((error: unknown) => this.failed(error));
    return started.length;
  }

  /**
   * Fetches the sources due at `nowMs` in this node's free slots and waits for those fetches
   * (a run called by hand, or a test's): how many it fetched.
   */
  async run(nowMs: number): Promise<number> {
    const started = await this.#fill(nowMs, false);
    await Promise.all(started);
    return started.length;
  }

  /** Ends the fetches running (the server stopping): none is recorded, each is due again. */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.all([...this.#running.values()]);
  }

  /**
   * Claims due sources (a lease: `next_fetch_at` moved past a fetch's longest, so another
   * node leaves them be) into the free slots and starts their fetches.
   */
  #fill(nowMs: number, refill: boolean): Promise<Promise<void>[]> {
    const fill = this.#filling.then(() => this.#fillNow(nowMs, refill));
    this.#filling = fill.catch(() => undefined);
    return fill;
  }

  async #fillNow(nowMs: number, refill: boolean): Promise<Promise<void>[]> {
    const started: Promise<void>[] = [];
    if (this.#stop.signal.aborted || this.#running.size >= this.slots) return started;
    const r = repos(this.store);
    for (const source of await r.feedSources.due(nowMs, PER_LOOK)) {
      if (this.#running.size >= this.slots || this.#stop.signal.aborted) break;
      if (this.#running.has(source.program_id)) continue;
      if (!(await r.feedSources.claim(source, nowMs + CLAIM_MS))) continue;
      // A fetch that fails to record its outcome keeps its lease: it is fetched again then.
      const fetch = this.#fetch(source, nowMs).finally(() => {
        this.#running.delete(source.program_id);
        if (refill && !this.#stop.signal.aborted) void this.start(this.now()).catch(this.failed);
      });
      this.#running.set(
        source.program_id,
        fetch.catch(() => undefined),
      );
      started.push(fetch);
    }
    return started;
  }

  async #fetch(source: StoredFeedSource, nowMs: number): Promise<void> {
    const program = this.programs.program(source.program_id);
    if (program === undefined) return this.#failed(source, 'the program is not open', nowMs);
    const outcome = await this.fetcher.fetch(
      source.url,
      { etag: source.etag, lastModified: source.last_modified },
      this.#stop.signal,
    );
    if (this.#stop.signal.aborted) {
      if (outcome.kind === 'fetched') outcome.body.close();
      return;
    }
    if (outcome.kind === 'failed') return this.#failed(source, outcome.error, nowMs);
    const done = {
      last_fetched_at: nowMs,
      last_error: null,
      failures: 0,
      alerted_at: null,
      next_fetch_at: nowMs + source.every_minutes * 60_000,
      updated_at: nowMs,
    };
    const r = repos(this.store);
    if (outcome.kind === 'not_modified') {
      await r.feedSources.record(source.program_id, source.url, {
        ...done,
        last_status: 'not_modified',
      });
      return;
    }
    const { body } = outcome;
    try {
      const format = fetchedFeedFormat(outcome.contentType, outcome.url);
      if (format === undefined)
        return await this.#failed(
          source,
          `cannot tell the feed's format: serve it as text/csv, text/tab-separated-values or application/xml, or end the URL with .csv, .tsv, .txt or .xml (Content-Type was ${outcome.contentType ?? 'none'})`,
          nowMs,
        );
      let report;
      try {
        report = await this.feeds.import(
          program.advertiserId,
          source.program_id,
          format,
          body.stream,
          `feed-source:${source.program_id}`,
          nowMs,
        );
      } catch (error) {
        if (this.#stop.signal.aborted) return;
        const why = body.cutOff() ?? (error instanceof Error ? error.message : String(error));
        return await this.#failed(source, why, nowMs);
      }
      await r.feedSources.record(source.program_id, source.url, {
        ...done,
        last_status: 'imported',
        last_import_id: report.importId,
        etag: outcome.validators.etag,
        last_modified: outcome.validators.lastModified,
      });
    } finally {
      body.close();
    }
  }

  /** Records a failed fetch, backs off, and tells the advertiser once it keeps failing. */
  async #failed(source: StoredFeedSource, error: string, nowMs: number): Promise<void> {
    const failures = source.failures + 1;
    const alert = failureAlertDue(failures, source.alerted_at);
    const r = repos(this.store);
    const advertiserId = this.programs.program(source.program_id)?.advertiserId;
    const program = alert ? await r.programs.nameOf(source.program_id) : undefined;
    const linkBase = this.linkBase();
    await r.transaction(async (t) => {
      await t.feedSources.record(source.program_id, source.url, {
        last_fetched_at: nowMs,
        last_status: 'failed',
        last_error: error.slice(0, 500),
        failures,
        next_fetch_at: retryAt(failures, source.every_minutes, nowMs),
        updated_at: nowMs,
        ...(alert ? { alerted_at: nowMs } : {}),
      });
      if (!alert || advertiserId === undefined || program === undefined) return;
      await queueNotification(
        t,
        this.mailer,
        await t.notifications.readers({ advertiserId }, KIND),
        KIND,
        () => ({
          name: 'feedFailing',
          values: {
            program: program.name,
            failures: FEED_FAILURES_ALERT,
            url: source.url,
            error: error.slice(0, 300),
          },
          paragraphs: [
            portalLink(
              linkBase,
              `/advertiser/feeds/${source.program_id}`,
              'email.feedFailing.link',
              'email.feedFailing.portal',
            ),
          ],
        }),
        linkBase,
        nowMs,
      );
    });
  }

  #own(advertiserId: string, programId: string): void {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new FeedError('unknown_program', `no program "${programId}" among your programs`);
  }
}
