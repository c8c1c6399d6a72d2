import { createReadStream } from 'node:fs';
import { resourceUsage } from 'node:process';
import { feedRecords } from '../src/feeds/feed-records.js';
import { productOf } from '../src/domain/feeds/product-row.js';
import { loadProgramTermsOrThrow } from '../src/programs/load-program-terms.js';

/**
 * `node dist/bench/feed-parse-process.js FILE`: the feed benchmark's import baseline, in a
 * process of its own so its peak RSS is its own: the file read, parsed and every row validated
 * exactly as an import does, with no database. Prints `{ products, refused, seconds, peakRssMb }`.
 */
const deeplinks = (await loadProgramTermsOrThrow('kabelkoning')).file.tracking.deeplinking;
const started = performance.now();
let products = 0;
let refused = 0;
for await (const record of feedRecords(createReadStream(process.argv[2]!), 'csv')) {
  if ('reason' in record || 'reason' in productOf(record.values, deeplinks)) refused++;
  else products++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ products, refused, seconds, peakRssMb: Math.round(resourceUsage().maxRSS / 1024) })}\n`,
);
