import { afterAll, beforeAll, expect, it } from 'vitest';
import { Scheduler } from '../../src/server/scheduler.js';
import { Network } from '../../src/server/network.js';
import { openJobLocks, type JobLocks } from '../../src/storage/job-locks.js';
import type { Store } from '../../src/storage/database.js';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, SECRET, startTestNetwork, type TestNetwork } from '../support/network.js';

/** A job that runs until `finish()` is called, counting its runs. */
function slowJob() {
  const finishers: (() => void)[] = [];
  const job = {
    runs: 0,
    /** Ends the runs going on. */
    finish: () => {
      for (const finish of finishers.splice(0)) finish();
    },
    run: () => {
      job.runs += 1;
      return new Promise<string>((resolve) => finishers.push(() => resolve('done')));
    },
  };
  return job;
}

/** Waits until `condition` holds (a run started: on PostgreSQL after its lock is taken). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const quiet = () => ({ warn: () => undefined });

/**
 * The scheduler is the one guard against a job running twice: every run of every job, on its
 * timer or called, goes through it; `network` jobs also take their lock in the database, so a
 * second node of one PostgreSQL database skips a run going on at the first.
 */
describeEachEngine('one run of a background job at a time', (context) => {
  const opened: { locks: JobLocks; store?: Store }[] = [];
  const locksOf = (store: Store) => {
    const locks = openJobLocks(store);
    opened.push({ locks });
    return locks;
  };
  let t: TestNetwork;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });

  afterAll(async () => {
    for (const { locks, store } of opened) {
      await locks.close();
      await store?.close();
    }
    await t.network.close();
  });

  it('skips a run of a job going on in this process, whether scheduled or called', async () => {
    const scheduler = new Scheduler(quiet, () => undefined, locksOf(context().store));
    const job = slowJob();
    const first = scheduler.runOnce('scan', job.run);
    await until(() => job.runs === 1);
    expect(await scheduler.runOnce('scan', job.run)).toBeUndefined();
    expect(await scheduler.runOnce('scan', job.run, 'process')).toBeUndefined();
    expect(job.runs).toBe(1);
    job.finish();
    expect(await first).toBe('done');
    const again = scheduler.runOnce('scan', job.run);
    await until(() => job.runs === 2);
    job.finish();
    expect(await again).toBe('done');
    expect(job.runs).toBe(2);
  });

  it('on PostgreSQL skips a run going on at another node, and lets each node run its own process jobs', async () => {
    if (context().store.dialect !== 'postgres') return; // one process per SQLite file
    const otherStore = context().reopen();
    const otherLocks = openJobLocks(otherStore);
    opened.push({ locks: otherLocks, store: otherStore });
    const here = new Scheduler(quiet, () => undefined, locksOf(context().store));
    const there = new Scheduler(quiet, () => undefined, otherLocks);
    const job = slowJob();
    const first = here.runOnce('click_rollup', job.run);
    await until(() => job.runs === 1);
    // The other node's run, scheduled or called, is skipped while this one goes on.
    expect(await there.runOnce('click_rollup', job.run)).toBeUndefined();
    expect(job.runs).toBe(1);
    // A process job is each process's own.
    const own = slowJob();
    const mine = here.runOnce('link_cache', own.run, 'process');
    const theirs = there.runOnce('link_cache', own.run, 'process');
    await until(() => own.runs === 2);
    own.finish();
    await Promise.all([mine, theirs]);
    job.finish();
    await first;
    // Once it ended there, the other node runs it.
    const next = there.runOnce('click_rollup', job.run);
    await until(() => job.runs === 2);
    job.finish();
    expect(await next).toBe('done');
  });

  it('counts each click once however the rollup is called at once, here and at another node', async () => {
    for (let i = 0; i < 5; i++) await demoClick(t);
    t.clock.now += 60_000;
    const other = new Network(context().reopen(), {
      secret: SECRET,
      maxBatch: 1000,
      node: 1,
      now: () => t.clock.now,
      termsThread: false,
    });
    try {
      const counted = await Promise.all([
        t.network.rollUp(0),
        t.network.rollUp(0),
        other.rollUp(0),
        other.rollUp(0),
      ]);
      expect(counted.reduce((sum, n) => sum + n, 0)).toBe(5);
      expect(counted.filter((n) => n === 0)).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});
