import { benchmarkFeeds } from './feeds-benchmark.js';

/** `node dist/bench/feeds-only.js [products]`: the product feed scenario alone (default 1 M). */
const figures = await benchmarkFeeds(Number(process.argv[2] ?? '1000000'), (message) =>
  process.stderr.write(`bench: ${message}\n`),
);
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
