import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { join } from 'node:path';
import type { StorageConfig } from '../../src/config/storage-config.js';
import { describeEachEngine } from '../support/stores.js';

const WRITER = join(packageRoot(), 'test', 'fixtures', 'click-writer.mjs');
const BATCH = 2000;

/** Starts the writer, lets it commit a few batches, then kills it with SIGKILL mid-batch. */
function killWriterMidBatch(config: StorageConfig): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, JSON.stringify(config), String(BATCH)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: number[] = [];
    let stderr = '';
    let buffer = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) committed.push(Number(part));
      // Kill at a random moment inside a later batch, not at a batch boundary.
      if (committed.length >= 5 && !child.killed)
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 15);
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${stderr}`));
      else resolve(committed);
    });
  });
}

describeEachEngine('crash consistency', (context) => {
  it('keeps every committed batch whole and no partial batch after kill -9', async () => {
    const test = context();
    const config: StorageConfig =
      test.store.dialect === 'sqlite'
        ? { kind: 'sqlite', file: test.store.location, synchronous: 'FULL' }
        : { kind: 'postgres', url: test.url!, poolSize: 2 };
    const committed = await killWriterMidBatch(config);
    const reopened = test.reopen();
    try {
      if (reopened.dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(
          reopened.db,
        );
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }
      const batches = await reopened.db
        .selectFrom('clicks')
        .select(['program_id', (eb) => eb.fn.countAll<number>().as('count')])
        .where('site_id', '=', 'sit_crash')
        .groupBy('program_id')
        .execute();
      const sizes = new Map(batches.map((row) => [row.program_id, Number(row.count)]));
      for (const batch of committed) expect(sizes.get(`batch-${batch}`)).toBe(BATCH);
      for (const size of sizes.values()) expect(size).toBe(BATCH);
      expect(sizes.size).toBeGreaterThanOrEqual(committed.length);
      expect(sizes.size).toBeLessThanOrEqual(committed.length + 1);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
