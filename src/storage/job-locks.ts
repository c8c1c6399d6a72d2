import pg from 'pg';
import type { Store } from './database.js';

/** Lets go of a job's lock taken with `JobLocks.take`. */
export type ReleaseJob = () => Promise<void>;

/**
 * The database's part of "one run of a background job at a time in the whole network": the
 * lock a node takes before it runs a job, so that no two nodes of one database run it at once.
 */
export interface JobLocks {
  /** Takes the lock of `job`, or undefined when another process holds it (skip this run). */
  take(job: string): Promise<ReleaseJob | undefined>;
  close(): Promise<void>;
}

/**
 * PostgreSQL: a session advisory lock per job (and per schema, so databases sharing a server
 * never share a job) on one connection of its own, outside the pool, so a job never waits for
 * a pooled connection the lock holds. A node that dies loses its connection and with it its
 * locks: no lease to wait out. SQLite: one process serves a file (`--workers` is refused), and
 * its jobs take turns in the scheduler; nothing to take here.
 */
export function openJobLocks(store: Store): JobLocks {
  if (store.config.kind !== 'postgres') {
    const release: ReleaseJob = () => Promise.resolve();
    return { take: () => Promise.resolve(release), close: () => Promise.resolve() };
  }
  return new AdvisoryJobLocks(store.config.url);
}

const KEY = `hashtextextended('affnet job ' || current_schema() || ' ' || $1::text, 0)`;

class AdvisoryJobLocks implements JobLocks {
  #client: Promise<pg.Client> | undefined;
  #closed = false;

  constructor(private readonly url: string) {}

  /** The lock connection, opened on first use and anew after it broke. */
  #connection(): Promise<pg.Client> {
    if (this.#client === undefined) {
      // A database that is away fails the run within seconds (the next run retries), like the
      // pool's connections.
      const client = new pg.Client({
        connectionString: this.url,
        connectionTimeoutMillis: 5_000,
        query_timeout: 5_000,
        keepAlive: true,
      });
      const connected = client.connect().then(() => client);
      this.#client = connected;
      // A broken connection (a restart, 57P01) took its locks with it: the next take reconnects.
      const forget = () => {
        if (this.#client === connected) this.#client = undefined;
      };
      client.on('error', forget);
      client.on('end', forget);
      connected.catch(forget);
    }
    return this.#client;
  }

  async take(job: string): Promise<ReleaseJob | undefined> {
    if (this.#closed) return undefined;
    const client = await this.#connection();
    const { rows } = await client.query<{ taken: boolean }>(
      `SELECT pg_try_advisory_lock(${KEY}) AS taken`,
      [job],
    );
    if (rows[0]?.taken !== true) return undefined;
    return async () => {
      // On a connection that broke since, the lock went with it.
      if ((await this.#client?.catch(() => undefined)) !== client) return;
      await client.query(`SELECT pg_advisory_unlock(${KEY})`, [job]);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
