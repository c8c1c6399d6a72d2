import { parentPort, workerData } from 'node:worker_threads';
import type { StorageConfig } from '../config/storage-config.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import type { Quote } from '../domain/engine/quote.js';
import { openStore } from '../storage/database.js';
import { OrderRecorder, type ReportFacts } from './order-recorder.js';
import {
  encodeError,
  type FromWriter,
  type ToWriter,
  type WireOutcome,
} from './order-writer-protocol.js';

/**
 * The order writer thread (order-writer-thread.ts): its own SQLite connection records the
 * reports the request thread priced, with the same OrderRecorder (group commit, one savepoint
 * per report), so the inserts and the commit's disk sync no longer hold up requests.
 */
const { storage, autocheckpointPages } = workerData as {
  storage: StorageConfig;
  autocheckpointPages: number;
};
const port = parentPort!;
const store = openStore(storage);
store.sqlite?.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
const recorder = new OrderRecorder(store);
const terms = new Map<number, ProgramTerms>();

let outbox: WireOutcome[] = [];
const send = (outcome: WireOutcome) => {
  // Reports committed together settle together: one message back for all of them.
  if (outbox.length === 0)
    setImmediate(() => {
      const outcomes = outbox;
      outbox = [];
      port.postMessage({ outcomes } satisfies FromWriter);
    });
  outbox.push(outcome);
};

port.on('message', (message: ToWriter) => {
  if (message === 'stop') {
    void store.close().then(() => port.close());
    return;
  }
  for (const report of message.reports) {
    if (report.terms !== undefined) terms.set(report.termsRef, report.terms);
    const programTerms = terms.get(report.termsRef);
    if (programTerms === undefined) {
      send({
        seq: report.seq,
        error: encodeError(new Error(`order writer: terms ${report.termsRef} never sent`)),
      });
      continue;
    }
    let facts: ReportFacts | undefined;
    recorder
      .recordPrepared({
        rows: report.rows,
        attribution: report.attribution,
        facts: () =>
          (facts ??= {
            ...(JSON.parse(report.facts) as Omit<ReportFacts, 'terms' | 'attribution' | 'quote'>),
            quote: JSON.parse(report.rows.order.quote) as Quote,
            attribution: report.attribution,
            terms: programTerms,
          }),
      })
      .then(
        (result) => send({ seq: report.seq, result }),
        (error: unknown) => send({ seq: report.seq, error: encodeError(error) }),
      );
  }
});
port.postMessage('ready' satisfies FromWriter);
