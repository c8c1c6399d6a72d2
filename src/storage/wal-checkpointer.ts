import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { AUTOCHECKPOINT_PAGES, type Store } from './database.js';

const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'storage', 'wal-checkpoint-worker.js');

/**
 * WAL pages the server's own connection lets pile up before it checkpoints itself, while the
 * background checkpointer runs (a fallback should the thread fall behind or die): 256 MiB of
 * 16 KiB pages, against 4,000 pages (64 MiB) without it.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

export interface WalCheckpointer {
  /** Frames in the WAL and frames copied at the last checkpoint. */
  last(): { log: number; checkpointed: number } | undefined;
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the thread that serves requests: a checkpoint copies up to
 * 64 MiB of pages into the database file and syncs it, and when the committing connection does
 * it (SQLite's default), every click and order behind that commit waits hundreds of
 * milliseconds. Undefined for PostgreSQL, or when the worker is not built (tests on sources).
 */
export function startWalCheckpointer(store: Store, intervalMs = 250): WalCheckpointer | undefined {
  const config = store.config;
  if (store.dialect !== 'sqlite' || store.sqlite === undefined || config.kind !== 'sqlite')
    return undefined;
  if (!existsSync(WORKER_FILE)) return undefined;
  const worker = new Worker(WORKER_FILE, {
    workerData: { file: config.file, intervalMs, synchronous: config.synchronous },
  });
  worker.unref();
  let last: { log: number; checkpointed: number } | undefined;
  let stopped = false;
  worker.on('message', (message: { log: number; checkpointed: number }) => (last = message));
  worker.on('error', () => {
    // The server's own connection checkpoints again, at its usual size.
    if (!stopped) store.sqlite?.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  });
  store.sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  return {
    last: () => last,
    stop: async () => {
      stopped = true;
      // Held while it stops: an unreferenced worker would let the process end mid-shutdown.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
