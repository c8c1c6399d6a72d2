import { afterEach, expect, it } from 'vitest';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { orderDoc } from '../support/orders.js';
import { IntegrationsThread } from '../../src/services/integrations-thread.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The integrations thread runs on demand (issue 29's memory target, issue 28's delivery): woken
 * when an event waits, it dispatches it, ends after its idle time with nothing to do (an ended
 * thread is no failure: the request thread does not take its jobs over), and is woken again by
 * the next event.
 */

const stores: TestStore[] = [];
const threads: IntegrationsThread[] = [];
afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.stop();
  for (const store of stores.splice(0)) await store.dispose();
});

async function until(condition: () => Promise<boolean> | boolean, limitMs = 10_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('starts when woken, dispatches, ends when idle and starts again for the next event', async () => {
  const test = await createSqliteTestStore();
  stores.push(test);
  const { store } = test;
  const seeded = await seedNetwork(store);
  const exited: Error[] = [];
  const thread = IntegrationsThread.create(
    store,
    {
      failed: () => undefined,
      warn: () => undefined,
      log: () => undefined,
      exited: (error) => exited.push(error),
    },
    {
      secret: 'on-demand-secret',
      mail: { from: 'affnet <noreply@example.test>' },
      webhooks: { allowPrivate: true, allowHttp: true },
      intervalMs: 50,
      idleMs: 400,
    },
  );
  expect(thread, 'the worker is built (npm test builds first)').toBeDefined();
  threads.push(thread!);
  expect(thread!.active).toBe(false);
  const undispatched = () => repos(store).events.anyUndispatched();

  await reportOrder(store, seeded, orderDoc({ orderNumber: 'OD-1' }), Date.UTC(2026, 9, 5));
  expect(await undispatched()).toBe(true);
  await thread!.wake();
  expect(thread!.active).toBe(true);
  await until(async () => !(await undispatched()));

  // Nothing more to do: it ends by itself, and that is no failure.
  await until(() => !thread!.active);
  expect(thread!.running).toBe(true);
  expect(exited).toEqual([]);

  await reportOrder(store, seeded, orderDoc({ orderNumber: 'OD-2' }), Date.UTC(2026, 9, 6));
  await thread!.wake();
  expect(thread!.active).toBe(true);
  await until(async () => !(await undispatched()));
  await thread!.stop();
  expect(thread!.active).toBe(false);
  expect(thread!.running).toBe(false);
  expect(exited).toEqual([]);
});

it('wakes once when asked twice at once', async () => {
  const test = await createSqliteTestStore();
  stores.push(test);
  const thread = IntegrationsThread.create(
    test.store,
    {
      failed: () => undefined,
      warn: () => undefined,
      log: () => undefined,
      exited: () => undefined,
    },
    {
      secret: 'on-demand-secret',
      mail: { from: 'affnet <noreply@example.test>' },
      webhooks: { allowPrivate: false, allowHttp: false },
    },
  )!;
  threads.push(thread);
  await Promise.all([thread.wake(), thread.wake()]);
  expect(thread.active).toBe(true);
  await thread.stop();
  expect(thread.active).toBe(false);
});
