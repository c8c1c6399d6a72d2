import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/server/scheduler.js';
import { fetchEcbFile } from '../../src/fx/ecb-files.js';

describe('the scheduler of background jobs', () => {
  it('logs a failed run with its error and counts it, and never throws', async () => {
    const logged: { details: object; message: string }[] = [];
    const failed: string[] = [];
    const scheduler = new Scheduler(
      () => ({ warn: (details, message) => logged.push({ details, message }) }),
      (job) => failed.push(job),
    );
    const error = new Error('database went away');
    await scheduler.runOnce('click_rollup', () => Promise.reject(error));
    expect(failed).toEqual(['click_rollup']);
    expect(logged).toEqual([
      {
        details: { err: error, job: 'click_rollup' },
        message: 'background job click_rollup failed; the next run retries',
      },
    ]);
  });

  it('logs a foreseen refusal (the ECB unreachable) as one line with what to do, no stack', async () => {
    const logged: { details: object; message: string }[] = [];
    const scheduler = new Scheduler(
      () => ({ warn: (details, message) => logged.push({ details, message }) }),
      () => undefined,
    );
    const fetchImpl = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: new Error('getaddrinfo ENOTFOUND www.ecb.europa.eu'),
        }),
      );
    await scheduler.runOnce('ecb_rates', () =>
      fetchEcbFile(
        'https://www.ecb.europa.eu/stats/eurofxref/',
        'daily',
        fetchImpl as typeof fetch,
      ),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toEqual({ job: 'ecb_rates', code: 'ecb_fetch_failed' });
    expect(logged[0]!.message).toMatch(
      /^background job ecb_rates failed: GET https:\/\/www\.ecb\.europa\.eu\/\S+: getaddrinfo ENOTFOUND www\.ecb\.europa\.eu; check ECB_BASE_URL and the network; the next run retries$/,
    );
    expect(logged[0]!.message).not.toContain('\n');
  });

  it('does not start a run of a job while the previous one is still going', async () => {
    const scheduler = new Scheduler(
      () => ({ warn: () => undefined }),
      () => undefined,
    );
    let runs = 0;
    let finish!: () => void;
    const slow = () => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const first = scheduler.runOnce('scan', slow);
    await scheduler.runOnce('scan', slow);
    expect(runs).toBe(1);
    finish();
    await first;
    const again = scheduler.runOnce('scan', slow);
    finish();
    await again;
    expect(runs).toBe(2);
  });

  it('runs on its interval and stops', async () => {
    const scheduler = new Scheduler(
      () => ({ warn: () => undefined }),
      () => undefined,
    );
    let runs = 0;
    scheduler.every('tick', 5, async () => {
      runs += 1;
    });
    expect(scheduler.jobs).toEqual(['tick']);
    await new Promise((resolve) => setTimeout(resolve, 40));
    scheduler.stop();
    const seen = runs;
    expect(seen).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(seen);
  });
});
