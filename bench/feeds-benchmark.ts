import http from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { feedChunk, feedHead, type FeedDownloadFormat } from '../src/feeds/feed-download.js';
import { runAffnet, startServer } from './serve-process.js';
import { storedProducts, writeFeedFile } from './feed-file.js';

export interface FeedFigures {
  products: number;
  fileMegabytes: number;
  /** The import through `POST …/feed-imports` on `affnet serve` (SQLite), upload to report. */
  import: {
    answer: number;
    accepted: number;
    seconds: number;
    productsPerSecond: number;
    /** The server process's peak RSS during the import (VmHWM, reset before it). */
    peakRssMb: number;
    /** The server's RSS before the upload. */
    rssBeforeMb: number;
    /** How long the fresh server took to settle (its start-up threads ended) before the upload. */
    settleSeconds: number;
  };
  /** Baseline: the same file parsed and validated in a process of its own, no database. */
  parseOnly: { seconds: number; productsPerSecond: number; peakRssMb: number };
  /** Import ÷ parsing alone, in products per second. */
  importRatioToParse: number;
  /** The publisher's download of every product through the real route, per format. */
  download: Record<'csv' | 'jsonl', DownloadFigures>;
  /** Baseline: the same rows formatted by the download's own code into a null sink. */
  writeOnly: Record<'csv' | 'jsonl', { seconds: number; productsPerSecond: number }>;
  targets: { peakRssMb: number; downloadProductsPerSecond: number };
  meetsTarget: boolean;
}

interface DownloadFigures {
  products: number;
  megabytes: number;
  seconds: number;
  productsPerSecond: number;
  ratioToWriteOnly?: number;
}

const TARGET_RSS_MB = 256;
const TARGET_DOWNLOAD = 100_000;
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/**
 * Waits until a fresh server has settled, as a server importing a feed hours after its start
 * has: the terms thread the start-up's compile began and the integrations thread that
 * dispatched the demo's events each end after a minute with nothing to do (src/programs,
 * src/services/integrations-thread.ts), so the process's thread count drops; settled is a count
 * below the first one that held for `steadyMs`. At most `limitMs`; the seconds waited.
 */
async function settled(pid: number, limitMs = 180_000, steadyMs = 10_000): Promise<number> {
  const threads = async () =>
    Number(/Threads:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  const started = performance.now();
  const first = await threads();
  let count = first;
  let since = started;
  while (performance.now() - started < limitMs) {
    const now = await threads();
    if (now !== count) [count, since] = [now, performance.now()];
    if (count < first && performance.now() - since >= steadyMs) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // A moment for the heap to give back what the ended thread held.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return round((performance.now() - started) / 1000, 1);
}

/** The process's peak RSS (VmHWM) or current RSS (VmRSS), in MB, from /proc. */
async function rssMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return round(kb / 1024);
}

/**
 * `npm run bench`'s product feed scenario (issue 29): a generated CSV feed of `products`
 * products imported through the API into a fresh `affnet serve` (SQLite), against parsing the
 * file alone; then the publisher's download of all of it (CSV and JSON Lines) through the API,
 * against formatting the same rows into a null sink.
 */
export async function benchmarkFeeds(
  products: number,
  onProgress: (message: string) => void,
): Promise<FeedFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-bench-feeds-'));
  const env = { DATA_DIR: join(dir, 'data'), PORT: '0', LOG_LEVEL: 'error' };
  try {
    const file = join(dir, 'feed.csv');
    onProgress(`feeds: writing a feed of ${products.toLocaleString('en')} products`);
    const bytes = await writeFeedFile(file, products);

    onProgress('feeds: baseline, parsing the file alone');
    const parse = JSON.parse(
      await runNode(fileURLToPath(new URL('./feed-parse-process.js', import.meta.url)), [file]),
    ) as { products: number; seconds: number; peakRssMb: number };
    if (parse.products !== products) throw new Error(`parsed ${parse.products} of ${products}`);

    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
      siteId: string;
      programs: { programId: string; advertiserApiKey: string; programUrl: string }[];
      publisher: { email: string; password: string };
    };
    const program = demo.programs.find((p) => p.programUrl.endsWith('/kabelkoning'))!;
    const server = await startServer(env);
    const base = `http://127.0.0.1:${server.port}`;
    try {
      onProgress('feeds: waiting for the fresh server to settle (its terms thread ends idle)');
      const settleSeconds = await settled(server.pid!);
      const rssBeforeMb = await rssMb(server.pid!, 'VmRSS');
      await writeFile(`/proc/${server.pid!}/clear_refs`, '5'); // resets VmHWM
      onProgress(`feeds: importing ${(bytes / 1e6).toFixed(0)} MB through the API`);
      const started = performance.now();
      const report = await importFile(base, program.programId, program.advertiserApiKey, file);
      const seconds = (performance.now() - started) / 1000;
      const peakRssMb = await rssMb(server.pid!, 'VmHWM');
      if (report.body.accepted !== products)
        throw new Error(`import: ${JSON.stringify(report.body).slice(0, 500)}`);
      onProgress(`feeds: imported in ${seconds.toFixed(1)} s, peak RSS ${peakRssMb} MB`);

      const session = await fetch(`${base}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demo.publisher),
      });
      const { token } = (await session.json()) as { token: string };
      const download = {} as FeedFigures['download'];
      let clickUrl = '';
      for (const format of ['csv', 'jsonl'] as const) {
        onProgress(`feeds: downloading as ${format}`);
        const figures = await downloadFeed(
          `${base}/api/v1/publisher/feeds/${program.programId}?siteId=${demo.siteId}&format=${format}`,
          token,
          format,
          (line) => {
            if (format === 'jsonl' && clickUrl === '')
              clickUrl = (JSON.parse(line) as { trackingLink: string }).trackingLink.replace(
                /&url=.*$/,
                '',
              );
          },
        );
        if (figures.products !== products)
          throw new Error(`download ${format}: ${figures.products} of ${products}`);
        download[format] = figures;
      }
      const writeOnly = {} as FeedFigures['writeOnly'];
      for (const format of ['csv', 'jsonl'] as const) {
        onProgress(`feeds: baseline, formatting the rows alone as ${format}`);
        writeOnly[format] = await formatRows(format, products, clickUrl);
        download[format].ratioToWriteOnly = round(
          download[format].productsPerSecond / writeOnly[format].productsPerSecond,
          3,
        );
      }
      const parseRate = products / parse.seconds;
      const importRate = products / seconds;
      return {
        products,
        fileMegabytes: round(bytes / 1e6),
        import: {
          answer: report.status,
          accepted: report.body.accepted,
          seconds: round(seconds, 2),
          productsPerSecond: round(importRate),
          peakRssMb,
          rssBeforeMb,
          settleSeconds,
        },
        parseOnly: {
          seconds: round(parse.seconds, 2),
          productsPerSecond: round(parseRate),
          peakRssMb: parse.peakRssMb,
        },
        importRatioToParse: round(importRate / parseRate, 3),
        download,
        writeOnly,
        targets: { peakRssMb: TARGET_RSS_MB, downloadProductsPerSecond: TARGET_DOWNLOAD },
        meetsTarget:
          peakRssMb < TARGET_RSS_MB &&
          download.csv.productsPerSecond >= TARGET_DOWNLOAD &&
          download.jsonl.productsPerSecond >= TARGET_DOWNLOAD,
      };
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a node script to completion and returns its stdout. */
async function runNode(script: string, args: string[]): Promise<string> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return stdout;
}

type ImportBody = { accepted: number; status?: string; statusUrl?: string };

/** Uploads the file as the body (streamed) and, on 202, follows the status URL to its end. */
async function importFile(base: string, programId: string, apiKey: string, file: string) {
  const { size } = await (await import('node:fs/promises')).stat(file);
  const answer = await new Promise<{ status: number; body: ImportBody }>((resolve, reject) => {
    const request = http.request(
      `${base}/api/v1/programs/${programId}/feed-imports`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'text/csv',
          'content-length': size,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, body: JSON.parse(text) as ImportBody }),
        );
      },
    );
    request.on('error', reject);
    createReadStream(file).pipe(request);
  });
  if (answer.status === 201) return answer;
  if (answer.status !== 202)
    throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body)}`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const status = await fetch(`${base}${answer.body.statusUrl!}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const body = (await status.json()) as ImportBody;
    if (body.status !== 'running') return { status: 202, body };
  }
}

/**
 * Downloads the feed, counting its products (lines after CSV's header) and bytes. Read with
 * `http.get`, counting newlines in the raw bytes and dropping them: the client shares the 2
 * cores with the server, and `fetch`'s web streams cost it more than the bytes need.
 */
async function downloadFeed(
  url: string,
  token: string,
  format: FeedDownloadFormat,
  onFirstLine: (line: string) => void,
): Promise<DownloadFigures> {
  const started = performance.now();
  const answer = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(url, { headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject),
  );
  if (answer.statusCode !== 200) {
    let text = '';
    for await (const chunk of answer as AsyncIterable<Buffer>) text += chunk.toString('utf8');
    throw new Error(`download: ${answer.statusCode} ${text}`);
  }
  let bytes = 0;
  let lines = 0;
  let first = '';
  for await (const chunk of answer as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (lines < 2) first += chunk.toString('utf8');
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  onFirstLine(first.split('\n')[format === 'csv' ? 1 : 0]!);
  const products = format === 'csv' ? lines - 1 : lines;
  return {
    products,
    megabytes: round(bytes / 1e6),
    seconds: round(seconds, 2),
    productsPerSecond: round(products / seconds),
  };
}

/** The download's formatting alone: the same rows, page by page, into a sink that drops them. */
async function formatRows(format: FeedDownloadFormat, products: number, clickUrl: string) {
  // The sink takes the text as the server's socket does (as bytes), then drops it. Only the
  // formatting and writing are timed: making up the rows (the server reads them) is not.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  let elapsed = 0;
  let started = performance.now();
  sink.write(feedHead(format));
  elapsed += performance.now() - started;
  const page = 2000;
  for (let from = 1; from <= products; from += page) {
    const rows = storedProducts(from, Math.min(products, from + page - 1), 0);
    started = performance.now();
    if (!sink.write(feedChunk(format, rows, clickUrl))) await once(sink, 'drain');
    elapsed += performance.now() - started;
  }
  started = performance.now();
  sink.end();
  await once(sink, 'finish');
  elapsed += performance.now() - started;
  const seconds = elapsed / 1000;
  return { seconds: round(seconds, 2), productsPerSecond: round(products / seconds) };
}
