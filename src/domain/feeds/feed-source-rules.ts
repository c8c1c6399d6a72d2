import { DomainError } from '../errors.js';

/**
 * A program's scheduled feed URL (issue 29): what may be saved, how often it is fetched, how
 * a failed fetch is retried and when its advertiser is told. The fetch itself (addresses,
 * redirects, limits) is in `src/feeds/feed-fetcher.ts`.
 */
export class FeedSourceError extends DomainError {}

/** How often a source is fetched, in minutes: the default (daily), at least hourly, at most weekly. */
export const FEED_SOURCE_MINUTES = { default: 1440, min: 60, max: 10_080 } as const;

export const MAX_FEED_URL_LENGTH = 2000;

/** A fetch ends after this long (connecting included), whatever it was doing. */
export const FEED_FETCH_TIMEOUT_MS = 60_000;
/**
 * A body that averages less than this once it has come for FEED_SLOW_AFTER_MS is cut off: a
 * feed dripping a byte at a time would otherwise hold one of the fetch slots for 15 minutes.
 */
export const FEED_MIN_BYTES_PER_SECOND = 4 * 1024;
export const FEED_SLOW_AFTER_MS = 60_000;
/** Sources fetched at once by a node (a slow one holds one slot, never the others' turn). */
export const FEED_FETCH_SLOTS = 4;
/** Redirects followed per fetch; each new address is checked again. */
export const FEED_MAX_REDIRECTS = 3;
/** The most bytes a fetch reads off the wire (a gzipped feed counts compressed). */
export const FEED_MAX_BYTES = 1024 * 1024 * 1024;

/** Failed fetches in a row after which the advertiser is mailed (once, until one succeeds). */
export const FEED_FAILURES_ALERT = 3;
/** The first retry after a failure; each further one waits twice as long, at most the schedule. */
const FIRST_RETRY_MS = 15 * 60_000;

/**
 * The URL as saved: absolute `https` (`http` only where the network allows it), no user name
 * or password in it, at most 2,000 characters. Its addresses are checked at save and again at
 * every fetch.
 */
export function checkFeedUrl(text: string, allowHttp: boolean): URL {
  if (text.length > MAX_FEED_URL_LENGTH)
    throw new FeedSourceError('feed_url_invalid', `url: at most ${MAX_FEED_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedSourceError('feed_url_invalid', 'url: expected an absolute https:// URL');
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    throw new FeedSourceError(
      'feed_url_not_https',
      allowHttp
        ? `url: expected http:// or https://, not ${url.protocol}`
        : `url: expected https:// (this network fetches no plain http), not ${url.protocol}`,
    );
  if (url.username !== '' || url.password !== '')
    throw new FeedSourceError(
      'feed_url_invalid',
      'url: no user name or password in the URL (put a secret token in its path or query instead)',
    );
  if (url.hostname === '')
    throw new FeedSourceError('feed_url_invalid', 'url: expected a host name');
  url.hash = '';
  return url;
}

/** The schedule asked for, or the default; refused outside 60 to 10,080 minutes. */
export function checkEveryMinutes(minutes: number | undefined): number {
  if (minutes === undefined) return FEED_SOURCE_MINUTES.default;
  if (
    !Number.isInteger(minutes) ||
    minutes < FEED_SOURCE_MINUTES.min ||
    minutes > FEED_SOURCE_MINUTES.max
  )
    throw new FeedSourceError(
      'invalid_feed_schedule',
      `everyMinutes: expected a whole number from ${FEED_SOURCE_MINUTES.min} (hourly) to ${FEED_SOURCE_MINUTES.max} (weekly), not ${String(minutes)}`,
    );
  return minutes;
}

/**
 * When a source is fetched next after its `failures`-th failure in a row: 15 minutes, then
 * twice as long each time, never later than its schedule.
 */
export function retryAt(failures: number, everyMinutes: number, nowMs: number): number {
  const backoff = FIRST_RETRY_MS * 2 ** Math.min(Math.max(failures - 1, 0), 20);
  return nowMs + Math.min(backoff, everyMinutes * 60_000);
}

/** Whether this failure is the one to tell the advertiser of (the alert-th in a row, not yet told). */
export function failureAlertDue(failures: number, alertedAt: number | null): boolean {
  return failures >= FEED_FAILURES_ALERT && alertedAt === null;
}

/** The feed formats a fetch can read. */
export type FetchedFeedFormat = 'csv' | 'tsv' | 'xml';

const TYPES: Readonly<Record<string, FetchedFeedFormat>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/rss+xml': 'xml',
};

const EXTENSIONS: Readonly<Record<string, FetchedFeedFormat>> = {
  csv: 'csv',
  tsv: 'tsv',
  txt: 'tsv',
  xml: 'xml',
};

/**
 * A fetched feed's format: by its Content-Type when that names one, else by the URL path's
 * extension (`.csv`, `.tsv`, `.txt` — Merchant Center's tab-separated text —, `.xml`, each
 * optionally followed by `.gz`); undefined when neither tells.
 */
export function fetchedFeedFormat(
  contentType: string | undefined,
  url: URL,
): FetchedFeedFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const byType = TYPES[type];
  if (byType !== undefined) return byType;
  const match = /\.([a-z]+)(?:\.gz)?$/i.exec(url.pathname);
  return match === null ? undefined : EXTENSIONS[match[1]!.toLowerCase()];
}
