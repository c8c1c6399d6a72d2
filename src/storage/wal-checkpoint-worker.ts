import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

/**
 * The WAL checkpointer's thread (wal-checkpointer.ts): its own connection copies committed WAL
 * frames into the database file with PASSIVE checkpoints, which never wait for and never block
 * the server's writer, so no request waits for a checkpoint's copy and fsync.
 */
const { file, intervalMs, synchronous } = workerData as {
  file: string;
  intervalMs: number;
  synchronous: 'FULL' | 'NORMAL';
};
const sqlite = new SqliteDatabase(file, { fileMustExist: true });
sqlite.pragma(`synchronous = ${synchronous}`);
sqlite.pragma('busy_timeout = 0');
// This connection never writes: it must not checkpoint on its own schedule either.
sqlite.pragma('wal_autocheckpoint = 0');
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
    parentPort?.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    // SQLITE_BUSY: another checkpoint runs (another process's); the next tick tries again.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
  }
}, intervalMs);
parentPort?.on('message', (message: unknown) => {
  if (message === 'stop') {
    clearInterval(timer);
    sqlite.close();
    parentPort?.close();
  }
});
