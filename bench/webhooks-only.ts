import { benchmarkWebhooks } from './webhooks-benchmark.js';

/** `node dist/bench/webhooks-only.js [seconds] [rounds]`: the integrations scenario alone. */
const figures = await benchmarkWebhooks(
  Number(process.argv[2] ?? '5'),
  Number(process.argv[3] ?? '3'),
  (message) => process.stderr.write(`bench: ${message}\n`),
);
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
