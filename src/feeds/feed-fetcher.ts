import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import {
  checkFeedUrl,
  FEED_FETCH_TIMEOUT_MS,
  FEED_MAX_BYTES,
  FEED_MAX_REDIRECTS,
  FEED_MIN_BYTES_PER_SECOND,
  FEED_SLOW_AFTER_MS,
  FeedSourceError,
} from '../domain/feeds/feed-source-rules.js';

/** The addresses a URL's host may be reached at, each checked, or why it may not be. */
export type AddressCheck = (url: URL) => Promise<string[] | string>;

export interface FetcherOptions {
  /** The webhooks' address check (WEBHOOKS_ALLOW_PRIVATE lifts it). */
  addresses: AddressCheck;
  /** WEBHOOKS_ALLOW_HTTP=true: plain http too. */
  allowHttp: boolean;
  /** Until the answer's headers, and then without a byte (default 60 s). */
  timeoutMs?: number;
  /** The whole fetch, the import reading the body included (default 15 minutes). */
  totalMs?: number;
  maxBytes?: number;
  /**
   * The least a body must average once it has come for `slowAfterMs` (default 4 KiB/s after
   * 60 s): a feed dripping slower is cut off rather than holding a fetch slot for the whole
   * `totalMs`. Time the import held the body back is not counted.
   */
  minBytesPerSecond?: number;
  slowAfterMs?: number;
}

/** The validators of the last answer, sent back so that an unchanged feed answers 304. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { kind: 'not_modified' }
  | {
      kind: 'fetched';
      /** The body as sent (gzip when it came so: the import recognises it). */
      body: FetchedBody;
      contentType: string | undefined;
      /** Where the feed was found (after redirects). */
      url: URL;
      validators: Validators;
    }
  | { kind: 'failed'; error: string };

/** A fetched body: a stream that ends in an error when it runs over its limits, saying why. */
export interface FetchedBody {
  stream: Readable;
  /** Why the stream was cut off (too large, too slow), once it was. */
  cutOff(): string | undefined;
  /** Ends the connection (after the import, or when it failed). */
  close(): void;
}

const STOPPED = 'the server stopped during the fetch';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a program's feed URL (issue 29) the way a webhook is sent: the host is resolved at
 * every fetch and refused when any of its addresses is private, loopback, link-local or the
 * network's own (unless the network allows private addresses), then the connection goes to
 * the address checked (no DNS rebinding between check and connect). Redirects are followed
 * at most three times, each new URL checked again (scheme and addresses). The stored ETag
 * and Last-Modified are sent back; 304 means nothing to import. The body is read as a stream,
 * cut off past 1 GiB on the wire or when the fetch runs out of time.
 */
export class FeedFetcher {
  readonly #timeoutMs: number;
  readonly #totalMs: number;
  readonly #maxBytes: number;
  readonly #minBytesPerSecond: number;
  readonly #slowAfterMs: number;

  constructor(private readonly options: FetcherOptions) {
    this.#timeoutMs = options.timeoutMs ?? FEED_FETCH_TIMEOUT_MS;
    this.#totalMs = options.totalMs ?? 15 * 60_000;
    this.#maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
    this.#minBytesPerSecond = options.minBytesPerSecond ?? FEED_MIN_BYTES_PER_SECOND;
    this.#slowAfterMs = options.slowAfterMs ?? FEED_SLOW_AFTER_MS;
  }

  /**
   * The URL as saved, refused (FeedSourceError) when it is not one to fetch: not https where
   * the network fetches no http, or a host that resolves to an address a fetch would refuse now.
   */
  async checkSave(text: string): Promise<URL> {
    const url = checkFeedUrl(text, this.options.allowHttp);
    const addresses = await this.options.addresses(url);
    if (typeof addresses === 'string')
      throw new FeedSourceError(
        addresses.startsWith('refused') ? 'feed_url_private_address' : 'feed_url_invalid',
        `url: ${addresses}`,
      );
    return url;
  }

  /** Fetches the feed; `signal` ends the fetch at once (the server stopping). */
  async fetch(text: string, validators: Validators, signal?: AbortSignal): Promise<FetchOutcome> {
    const deadline = performance.now() + this.#totalMs;
    let url: URL;
    try {
      url = checkFeedUrl(text, this.options.allowHttp);
    } catch (error) {
      if (error instanceof FeedSourceError) return { kind: 'failed', error: error.message };
      throw error;
    }
    for (let hop = 0; ; hop++) {
      const addresses = await this.options.addresses(url);
      if (typeof addresses === 'string') return { kind: 'failed', error: addresses };
      if (signal?.aborted) return { kind: 'failed', error: STOPPED };
      const answer = await this.#request(url, addresses[0]!, validators, deadline, signal);
      if ('error' in answer) return { kind: 'failed', error: answer.error };
      const { response, body } = answer;
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        body.close();
        const location = response.headers.location;
        if (location === undefined)
          return { kind: 'failed', error: `the server answered ${status} without a Location` };
        if (hop >= FEED_MAX_REDIRECTS)
          return {
            kind: 'failed',
            error: `more than ${FEED_MAX_REDIRECTS} redirects: give the feed's final URL`,
          };
        try {
          url = checkFeedUrl(new URL(location, url).href, this.options.allowHttp);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          return { kind: 'failed', error: `a redirect to a URL that is refused (${why})` };
        }
        continue;
      }
      if (status === 304) {
        body.close();
        return { kind: 'not_modified' };
      }
      if (status !== 200) {
        body.close();
        return { kind: 'failed', error: `the server answered ${status}, not 200 with the feed` };
      }
      const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
        body.close();
        return {
          kind: 'failed',
          error: `the feed came with Content-Encoding ${encoding}: send it plain or gzipped`,
        };
      }
      const header = (name: string) => {
        const value = response.headers[name];
        return typeof value === 'string' && value.length <= 512 ? value : null;
      };
      return {
        kind: 'fetched',
        body,
        contentType: response.headers['content-type'],
        url,
        validators: { etag: header('etag'), lastModified: header('last-modified') },
      };
    }
  }

  /** One request to the checked `address`: its answer and body, or why none came. */
  #request(
    url: URL,
    address: string,
    validators: Validators,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<{ response: http.IncomingMessage; body: FetchedBody } | { error: string }> {
    const secure = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const maxBytes = this.#maxBytes;
    const idleMs = this.#timeoutMs;
    const minRate = this.#minBytesPerSecond;
    const slowAfterMs = this.#slowAfterMs;
    return new Promise((resolve) => {
      let cutOff: string | undefined;
      let answered = false;
      const outgoing = (secure ? https : http).request({
        host: address,
        port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
        headers: {
          host: url.host,
          'user-agent': 'affnet-feeds/1',
          accept:
            'text/csv, text/tab-separated-values, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
          'accept-encoding': 'gzip',
          ...(validators.etag === null ? {} : { 'if-none-match': validators.etag }),
          ...(validators.lastModified === null
            ? {}
            : { 'if-modified-since': validators.lastModified }),
        },
      });
      const stop = (why: string) => {
        cutOff ??= why;
        outgoing.destroy(new Error(why));
      };
      const onAbort = () => stop(STOPPED);
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('close', () => signal?.removeEventListener('abort', onAbort));
      const totalMs = Math.max(0, deadline - performance.now());
      const total = setTimeout(
        () => stop(`the fetch took longer than ${Math.round(totalMs / 1000)} s`),
        totalMs,
      );
      const headers = setTimeout(
        () => stop(`no answer within ${idleMs / 1000} s`),
        Math.min(idleMs, totalMs),
      );
      outgoing.setTimeout(idleMs, () => stop(`no data for ${idleMs / 1000} s`));
      outgoing.on('error', (error) => {
        clearTimeout(headers);
        if (!answered) {
          clearTimeout(total);
          resolve({ error: cutOff ?? `no answer: ${error.message}` });
        }
      });
      outgoing.on('response', (response) => {
        answered = true;
        clearTimeout(headers);
        let read = 0;
        const limited = new Transform({
          transform(chunk: Buffer, _encoding, callback: TransformCallback) {
            read += chunk.length;
            if (read > maxBytes) {
              const why = `the feed is larger than ${maxBytes} bytes`;
              cutOff ??= why;
              callback(new Error(why));
              outgoing.destroy();
              return;
            }
            callback(null, chunk);
          },
        });
        response.on('error', (error) => limited.destroy(new Error(cutOff ?? error.message)));
        response.on('aborted', () => limited.destroy(new Error(cutOff ?? 'the connection broke')));
        // Errors reach the reader through the stream itself (an iterator rejects); one that
        // comes before the reader is there must not be an uncaught exception.
        limited.on('error', () => undefined);
        response.pipe(limited);
        // The transfer rate, over the time the body was awaited: while the import holds it back
        // (the pipe paused the response), the server is not the slow one.
        let awaitedMs = 0;
        let last = performance.now();
        const rate = setInterval(
          () => {
            const now = performance.now();
            if (!response.isPaused()) awaitedMs += now - last;
            last = now;
            if (awaitedMs >= slowAfterMs && read * 1000 < minRate * awaitedMs)
              stop(
                `the feed came too slowly: ${read} bytes in ${Math.round(awaitedMs / 1000)} s, under the ${minRate / 1024} KB/s a fetch must average after ${slowAfterMs / 1000} s; serve it faster (a static file, or gzipped)`,
              );
          },
          Math.max(10, Math.min(1_000, slowAfterMs / 10)),
        );
        rate.unref();
        const close = () => {
          clearTimeout(total);
          clearInterval(rate);
          outgoing.destroy();
          limited.destroy();
        };
        response.on('end', () => clearInterval(rate));
        limited.on('close', () => {
          clearTimeout(total);
          clearInterval(rate);
        });
        resolve({ response, body: { stream: limited, cutOff: () => cutOff, close } });
      });
      outgoing.end();
    });
  }
}
