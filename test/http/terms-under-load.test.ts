import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { packageRoot } from '../../src/package-root.js';

/** A draft of the AliExpress terms with one more version, from a date still to come. */
const draftOf = (source: string, n: number) =>
  `${source.trimEnd()}\n  - <<: *v2015-09\n    id: 'draft-${n}'\n    effectiveFrom: '2027-${String((n % 12) + 1).padStart(2, '0')}-01'\n`;

/**
 * One advertiser cannot stall the network: terms are parsed off the request thread, and
 * simulations are limited per advertiser and in the network.
 */
describeEachEngine('terms and simulations under load', (context) => {
  let t: TestNetwork;
  let base: string;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    source = await readFile(join(packageRoot(), 'programs', 'aliexpress.yaml'), 'utf8');
  });
  afterAll(async () => {
    await t.app.close();
  });

  const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
  const simulate = (terms: string) =>
    fetch(`${base}/api/v1/programs/${t.demo.programId}/simulation`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ terms }),
    });
  const publish = (terms: string) =>
    fetch(`${base}/api/v1/programs/${t.demo.programId}/terms`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'text/yaml' },
      body: terms,
    });

  it('runs one simulation per advertiser at a time: the others get 429 with Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => simulate(draftOf(source, n))),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    const busy = answers.find((answer) => answer.status === 429)!;
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({ code: 'simulation_busy' });
    // Once it is done, the next one runs.
    expect((await simulate(draftOf(source, 7))).status).toBe(200);
  });

  it('keeps every click and /healthz under 100 ms while drafts are parsed', async () => {
    const clickUrl = `${base}${t.demo.clickUrl}`;
    // A warm server: the first requests of a process compile its code paths.
    for (let i = 0; i < 20; i++) {
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      await (await fetch(clickUrl, { redirect: 'manual' })).arrayBuffer();
    }
    const huge = `${source}\n# ${'x'.repeat(1024 * 1024)}\n`;
    /** The slowest of the clicks and /healthz sent one after the other while `work` runs. */
    const slowestDuring = async (work: () => Promise<void>): Promise<number> => {
      const latencies: number[] = [];
      let done = false;
      const sample = async () => {
        while (!done) {
          for (const url of [`${base}/healthz`, clickUrl]) {
            const started = performance.now();
            await (await fetch(url, { redirect: 'manual' })).arrayBuffer();
            latencies.push(performance.now() - started);
          }
        }
      };
      const sampling = sample();
      await work();
      done = true;
      await sampling;
      expect(latencies.length).toBeGreaterThan(20);
      return Math.max(...latencies);
    };
    /** Twenty modest drafts at once, simulated and published, and one 1 MiB draft. */
    const drafts = async (first: number) => {
      const answers = await Promise.all([
        ...Array.from({ length: 20 }, (_, n) => simulate(draftOf(source, first + n))),
        ...Array.from({ length: 20 }, (_, n) => publish(draftOf(source, first + 20 + n))),
        publish(huge),
        simulate(huge),
      ]);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.slice(0, 20).every((status) => status === 200 || status === 429)).toBe(true);
      expect(statuses.slice(20, 40)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(statuses.slice(40)).toEqual([413, 413]);
    };
    // A shared 2-core machine sometimes keeps the process off the CPU whatever it does: each
    // round first measures that (the same sampling while the server idles for as long), and a
    // request may wait at most 100 ms longer than that behind the drafts, in one of five
    // rounds (work left on the request thread, such as parsing a draft, fails every round).
    const rounds: string[] = [];
    let excess = Infinity;
    for (let n = 0; n < 5 && excess >= 100; n++) {
      let took = 0;
      const loaded = await slowestDuring(async () => {
        const started = performance.now();
        await drafts(n * 100);
        took = performance.now() - started;
      });
      const idle = await slowestDuring(() => new Promise((resolve) => setTimeout(resolve, took)));
      excess = Math.min(excess, loaded - idle);
      rounds.push(`${loaded.toFixed(1)} ms under drafts, ${idle.toFixed(1)} ms idle`);
    }
    expect(excess, `the slowest request of each round: ${rounds.join('; ')}`).toBeLessThan(100);
  }, 180_000);
});
