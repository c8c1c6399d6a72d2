import { loadProgramTermsOrThrow } from '../src/programs/load-program-terms.js';
import { benchmarkEngine } from './engine-benchmark.js';
import { benchmarkQuoteCli } from './quote-cli-benchmark.js';
import { benchmarkClickInserts } from './clicks-benchmark.js';
import { benchmarkHttp } from './http-benchmark.js';
import { benchmarkReports } from './report-benchmark.js';
import { benchmarkSimulation } from './simulation-benchmark.js';
import { benchmarkWebhooks } from './webhooks-benchmark.js';
import { benchmarkFeeds } from './feeds-benchmark.js';

/**
 * `npm run bench`: prints one JSON document of figures on stdout, each next to the baseline or
 * target it is compared with; progress goes to stderr. BENCH_SCALE (default 1) scales sizes.
 */
const scale = Number(process.env.BENCH_SCALE ?? '1');
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

const terms = await loadProgramTermsOrThrow('aliexpress');
progress('engine: pricing generated orders in-process');
const engine = benchmarkEngine(terms, Math.round(100_000 * scale));
progress(`engine: ${engine.engineLinesPerSecond.toLocaleString('en')} lines/s`);
const simulation = await benchmarkSimulation(Math.round(1_000_000 * scale), progress);
progress(`simulation: ${simulation.lines.toLocaleString('en')} lines in ${simulation.seconds} s`);
const quoteCli = await benchmarkQuoteCli(Math.round(200_000 * scale), progress);
const postgresUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const clickInserts = await benchmarkClickInserts(
  Math.round(300_000 * scale),
  postgresUrl,
  progress,
);

const http = await benchmarkHttp(Math.max(3, Math.round(8 * scale)), 64, progress);

const webhooks = await benchmarkWebhooks(Math.max(3, Math.round(5 * scale)), 3, progress);

const feeds = await benchmarkFeeds(Math.round(1_000_000 * scale), progress);

const reports = await benchmarkReports(Math.round(10_000_000 * scale), 30, progress);

const report = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  engine: {
    ...engine,
    targetLinesPerSecond: 500_000,
    meetsTarget: engine.engineLinesPerSecond >= 500_000,
  },
  quoteCli: { ...quoteCli, targetRatioToFloor: 0.5, meetsTarget: quoteCli.ratioToFloor >= 0.5 },
  simulation,
  clickInserts,
  http,
  webhooks,
  feeds,
  reports,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
