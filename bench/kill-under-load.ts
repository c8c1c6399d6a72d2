import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openStore } from '../src/storage/database.js';
import { parseClickId } from '../src/storage/click-ids.js';
import { runAffnet, startServer } from './serve-process.js';

export interface KillUnderLoadResult {
  /** Clicks that got their 302 before the server died. */
  acknowledged: number;
  /** Of those, found in the store after the restart. */
  found: number;
  missing: string[];
  /** Clicks in the store (acknowledged or not). */
  stored: number;
}

/**
 * Sends clicks from `connections` keep-alive connections, kills the server with SIGKILL after
 * `loadMs`, restarts it on the same store and checks that every click that received a 302 is
 * there. Durability is the claim: a redirect is only sent after the click's batch committed.
 */
export async function killUnderLoad(options: {
  port: number;
  loadMs: number;
  connections: number;
}): Promise<KillUnderLoadResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-kill-'));
  const env = { DATA_DIR: dataDir, PORT: '0' };
  try {
    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as { clickUrl: string };
    const server = await startServer(env);
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
    const acknowledged: string[] = [];
    let running = true;
    const loop = async () => {
      while (running) {
        try {
          const location = await new Promise<string | undefined>((resolve, reject) => {
            const request = http.get(
              { host: '127.0.0.1', port: server.port, path: demo.clickUrl, agent },
              (response) => {
                response.resume();
                resolve(response.statusCode === 302 ? response.headers.location : undefined);
              },
            );
            request.on('error', reject);
          });
          if (location) acknowledged.push(new URL(location).searchParams.get('tduid')!);
        } catch {
          return; // the server is gone
        }
      }
    };
    const loops = Array.from({ length: options.connections }, loop);
    await new Promise((resolve) => setTimeout(resolve, options.loadMs));
    server.kill('SIGKILL');
    running = false;
    await once(server, 'exit');
    await Promise.all(loops);
    agent.destroy();

    // Restart on the same store (recovery runs on open), then look every acknowledged click up.
    const restarted = await startServer(env);
    restarted.kill('SIGTERM');
    await once(restarted, 'exit');
    const store = openStore({
      kind: 'sqlite',
      file: join(dataDir, 'affnet.db'),
      synchronous: 'FULL',
    });
    try {
      const missing: string[] = [];
      let found = 0;
      for (const tduid of acknowledged) {
        const id = parseClickId(tduid.split('.')[0]!)!;
        const row = await store.db
          .selectFrom('clicks')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (row) found += 1;
        else missing.push(tduid);
      }
      const stored = Number(
        (
          await store.db
            .selectFrom('clicks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      return { acknowledged: acknowledged.length, found, missing, stored };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// `node dist/bench/kill-under-load.js`: the same check as a script.
if (process.argv[1]?.endsWith('kill-under-load.js')) {
  const result = await killUnderLoad({
    port: Number(process.env.PORT ?? 18_181),
    loadMs: 3000,
    connections: 32,
  });
  process.stdout.write(`${JSON.stringify({ ...result, missing: result.missing.length })}\n`);
  process.exitCode = result.missing.length === 0 && result.acknowledged > 0 ? 0 : 1;
}
