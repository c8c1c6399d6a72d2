import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  checkEveryMinutes,
  checkFeedUrl,
  failureAlertDue,
  fetchedFeedFormat,
  retryAt,
} from '../../src/domain/feeds/feed-source-rules.js';
import { FeedFetcher } from '../../src/feeds/feed-fetcher.js';
import { DomainError } from '../../src/domain/errors.js';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('a feed URL’s rules (issue 29)', () => {
  it('takes https only (http where allowed), without credentials, at most 2,000 characters', () => {
    expect(checkFeedUrl('https://shop.example/feed.csv#x', false).href).toBe(
      'https://shop.example/feed.csv',
    );
    expect(codeOf(() => checkFeedUrl('http://shop.example/feed.csv', false))).toBe(
      'feed_url_not_https',
    );
    expect(checkFeedUrl('http://shop.example/feed.csv', true).protocol).toBe('http:');
    expect(codeOf(() => checkFeedUrl('file:///etc/passwd', true))).toBe('feed_url_not_https');
    expect(codeOf(() => checkFeedUrl('https://u:p@shop.example/f', false))).toBe(
      'feed_url_invalid',
    );
    expect(codeOf(() => checkFeedUrl('/feed.csv', false))).toBe('feed_url_invalid');
    expect(codeOf(() => checkFeedUrl(`https://shop.example/${'a'.repeat(2000)}`, false))).toBe(
      'feed_url_invalid',
    );
  });

  it('schedules daily by default, hourly to weekly, whole minutes only', () => {
    expect(checkEveryMinutes(undefined)).toBe(1440);
    expect(checkEveryMinutes(60)).toBe(60);
    expect(checkEveryMinutes(10_080)).toBe(10_080);
    for (const bad of [59, 10_081, 61.5, Number.NaN, -1])
      expect(
        codeOf(() => checkEveryMinutes(bad)),
        String(bad),
      ).toBe('invalid_feed_schedule');
  });

  it('backs off 15, 30, 60 … minutes after failures, never later than the schedule', () => {
    expect([1, 2, 3, 4, 5, 50].map((n) => retryAt(n, 1440, 0) / 60_000)).toEqual([
      15, 30, 60, 120, 240, 1440,
    ]);
    expect(retryAt(3, 60, 1000)).toBe(1000 + 3_600_000);
    expect([1, 2, 3, 4].map((n) => failureAlertDue(n, null))).toEqual([false, false, true, true]);
    expect(failureAlertDue(4, 123)).toBe(false);
  });

  it('reads the format from Content-Type, else from the URL’s extension', () => {
    const url = (path: string) => new URL(`https://shop.example${path}`);
    expect(fetchedFeedFormat('text/csv; charset=utf-8', url('/x.xml'))).toBe('csv');
    expect(fetchedFeedFormat('application/rss+xml', url('/x'))).toBe('xml');
    expect(fetchedFeedFormat('application/octet-stream', url('/feed.tsv.gz'))).toBe('tsv');
    expect(fetchedFeedFormat(undefined, url('/feed.txt'))).toBe('tsv');
    expect(fetchedFeedFormat('application/gzip', url('/feed.XML.gz'))).toBe('xml');
    expect(fetchedFeedFormat('application/json', url('/feed'))).toBeUndefined();
    expect(fetchedFeedFormat(undefined, url('/feed.json'))).toBeUndefined();
  });
});

describe('the feed fetcher’s limits', () => {
  const local = async (handler: http.RequestListener) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}/feed.csv`,
      close: () => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  };
  const fetcher = (options: { timeoutMs?: number; maxBytes?: number; private?: boolean }) =>
    new FeedFetcher({
      addresses: (url) =>
        Promise.resolve(
          options.private === false ? `refused: ${url.hostname} is loopback` : ['127.0.0.1'],
        ),
      allowHttp: true,
      ...options,
    });
  const none = { etag: null, lastModified: null };

  it('cuts off a body larger than the limit, saying why', async () => {
    const server = await local((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('x'.repeat(10_000));
    });
    try {
      const outcome = await fetcher({ maxBytes: 1000 }).fetch(server.url, none);
      expect(outcome.kind).toBe('fetched');
      if (outcome.kind !== 'fetched') return;
      await expect(outcome.body.stream.toArray()).rejects.toThrow(/larger than 1000 bytes/);
      expect(outcome.body.cutOff()).toMatch(/larger than 1000 bytes/);
      outcome.body.close();
    } finally {
      await server.close();
    }
  });

  it('gives up on a server that does not answer in time', async () => {
    const server = await local(() => undefined);
    try {
      const outcome = await fetcher({ timeoutMs: 200 }).fetch(server.url, none);
      expect(outcome).toEqual({ kind: 'failed', error: 'no answer within 0.2 s' });
    } finally {
      await server.close();
    }
  });

  it('refuses an address the check refuses, before connecting', async () => {
    let requests = 0;
    const server = await local((_request, response) => {
      requests += 1;
      response.end();
    });
    try {
      const outcome = await fetcher({ private: false }).fetch(server.url, none);
      expect(outcome).toEqual({ kind: 'failed', error: 'refused: 127.0.0.1 is loopback' });
      expect(requests).toBe(0);
    } finally {
      await server.close();
    }
  });
});
