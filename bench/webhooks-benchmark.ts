import http from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { runAffnet, startServer } from './serve-process.js';
import { threadCpu, type ThreadCpu } from './thread-cpu.js';
import { hasWrk, luaString, wrkLoad } from './wrk-load.js';

/** Clicks and orders per second of one server, with or without integrations configured. */
export interface IntegrationRound {
  clicksPerSecond: number;
  clicksP99Ms: number;
  ordersPerSecond: number;
  ordersP99Ms: number;
  /** Deliveries the receiver got during the orders' load (none without endpoints). */
  delivered: number;
  /**
   * The backlog draining after the load: deliveries per second the receiver got from the load's
   * end until they stopped coming (no delivery for 2 s) or 60 s passed, and how long that was.
   */
  deliveredPerSecondAfter: number;
  drainSeconds: number;
  /** Deliveries the receiver got in all (7 per order here: 2 events × 3 webhooks + 1 postback). */
  deliveredInAll: number;
  /**
   * The server's CPU time per 1,000 orders during the orders' load, in ms (Linux /proc; 0
   * elsewhere): its request thread, its other threads at normal priority (the writer thread,
   * V8's), and its threads at lower priority (the integrations thread). Throughput on a shared
   * machine swings with its neighbours; CPU per order does much less.
   */
  cpuMsPerThousandOrders: { request: number; other: number; lowPriority: number };
}

export interface WebhookFigures {
  seconds: number;
  /** The load generator: wrk (a process of its own) or autocannon (in the bench's process). */
  loadGenerator: 'wrk' | 'autocannon';
  rounds: { without: IntegrationRound; with: IntegrationRound }[];
  /** With ÷ without, the median round: 1 is no cost. */
  clicksRatio: number;
  ordersRatio: number;
  targetRatio: number;
  meetsTarget: boolean;
}

const WARM_UP_SECONDS = 2;
const DRAIN_LIMIT_MS = 60_000;
const DRAIN_QUIET_MS = 2_000;

/**
 * Waits until the receiver's count, once it rose after the load (the backlog's dispatch comes
 * first and takes seconds), stops rising for DRAIN_QUIET_MS, or the limit; the ms.
 */
async function drained(count: () => number): Promise<number> {
  const started = performance.now();
  const first = count();
  let last = first;
  let lastAt = started;
  while (performance.now() - started < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (count() !== last) [last, lastAt] = [count(), performance.now()];
    else if (last > first && performance.now() - lastAt >= DRAIN_QUIET_MS) break;
  }
  return lastAt - started;
}

async function run(options: autocannon.Options) {
  const result = await autocannon(options);
  return { rps: Math.round(result.requests.average), p99: result.latency.p99 };
}

/**
 * One load: wrk where installed (its C client in a process of its own, as the other HTTP
 * scenarios use), else autocannon in this process, beside the receiver.
 */
async function load(
  useWrk: boolean,
  url: string,
  seconds: number,
  post?: { headers: Record<string, string>; body: (n: number) => string },
) {
  if (!useWrk)
    return run({
      url,
      connections: 64,
      duration: seconds,
      ...(post === undefined
        ? {}
        : {
            method: 'POST' as const,
            headers: post.headers,
            requests: [
              { setupRequest: (request) => ({ ...request, body: post.body(nextOrder++) }) },
            ],
          }),
    });
  let lua: string | undefined;
  if (post !== undefined) {
    // The same document, numbered in Lua so every request is a new order.
    const [before, after] = post.body(-1).split('"WH--1"') as [string, string];
    lua = [
      `wrk.method = "POST"`,
      ...Object.entries(post.headers).map(
        ([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`,
      ),
      `local n = 0`,
      `request = function()`,
      `  n = n + 1`,
      `  local body = ${luaString(before)} .. '"WH-' .. n .. '"' .. ${luaString(after)}`,
      `  return wrk.format(nil, nil, nil, body)`,
      `end`,
    ].join('\n');
  }
  const figures = await wrkLoad({
    url,
    connections: 64,
    seconds,
    ...(lua === undefined ? {} : { lua }),
  });
  return { rps: Math.round(figures.requestsPerSecond), p99: figures.latencyP99Ms };
}

let nextOrder = 1;

/**
 * `npm run bench`'s integrations scenario (issue 28): clicks and attributed orders on a fresh
 * server without webhooks, then on one with 3 webhook endpoints (two of the publisher's, one
 * of the advertiser's) and a postback, alternating in the same minutes. Delivery runs in a job,
 * never on the request path, so the figures should match within 5 %.
 */
export async function benchmarkWebhooks(
  seconds: number,
  rounds: number,
  onProgress: (message: string) => void,
): Promise<WebhookFigures> {
  let delivered = 0;
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      delivered++;
      response.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const hookUrl = (path: string) =>
    `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
  const results: WebhookFigures['rounds'] = [];
  const useWrk = await hasWrk();
  try {
    for (let round = 1; round <= rounds; round++) {
      const pair: Partial<Record<'without' | 'with', IntegrationRound>> = {};
      for (const variant of ['without', 'with'] as const) {
        onProgress(`webhooks: round ${round} of ${rounds}, ${variant} integrations, ${seconds} s`);
        pair[variant] = await oneRound(
          useWrk,
          seconds,
          variant === 'with',
          hookUrl,
          () => delivered,
        );
      }
      results.push(pair as { without: IntegrationRound; with: IntegrationRound });
    }
  } finally {
    receiver.close();
  }
  const ratios = (pick: (r: IntegrationRound) => number) =>
    results.map((r) => pick(r.with) / pick(r.without)).sort((a, b) => a - b)[
      Math.floor(results.length / 2)
    ]!;
  const clicksRatio = Math.round(ratios((r) => r.clicksPerSecond) * 1000) / 1000;
  const ordersRatio = Math.round(ratios((r) => r.ordersPerSecond) * 1000) / 1000;
  return {
    seconds,
    loadGenerator: useWrk ? 'wrk' : 'autocannon',
    rounds: results,
    clicksRatio,
    ordersRatio,
    targetRatio: 0.95,
    meetsTarget: clicksRatio >= 0.95 && ordersRatio >= 0.95,
  };
}

async function oneRound(
  useWrk: boolean,
  seconds: number,
  integrations: boolean,
  hookUrl: (path: string) => string,
  deliveredSoFar: () => number,
): Promise<IntegrationRound> {
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-bench-webhooks-'));
  const env = {
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'error',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
  };
  try {
    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
      clickUrl: string;
      programId: string;
      advertiserApiKey: string;
      publisher: { email: string; password: string };
      advertiser: { email: string; password: string };
    };
    const server = await startServer(env);
    const base = `http://127.0.0.1:${server.port}`;
    const post = async (path: string, token: string | null, body: unknown) => {
      const answer = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
      if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
      return (await answer.json()) as Record<string, string>;
    };
    try {
      if (integrations) {
        const publisher = (await post('/api/v1/sessions', null, demo.publisher)).token!;
        const advertiser = (await post('/api/v1/sessions', null, demo.advertiser)).token!;
        const all = ['commission.created', 'commission.updated', 'order.created'];
        await post('/api/v1/webhooks', publisher, { url: hookUrl('/p1'), events: all });
        await post('/api/v1/webhooks', publisher, { url: hookUrl('/p2'), events: all });
        await post('/api/v1/webhooks', advertiser, { url: hookUrl('/a1'), events: all });
        await post('/api/v1/publisher/postbacks', publisher, {
          url: hookUrl('/tracker?cid={epi}&payout={commission}&tx={order_number}'),
          events: ['commission.created'],
        });
      }
      const clickUrl = `${base}${demo.clickUrl}`;
      await load(useWrk, clickUrl, WARM_UP_SECONDS);
      const clicks = await load(useWrk, clickUrl, seconds);
      const click = await fetch(`${clickUrl}&epi=bench`, { redirect: 'manual' });
      const clickId = new URL(click.headers.get('location')!).searchParams.get('tduid')!;
      const before = deliveredSoFar();
      const cpuBefore = await threadCpu(server.pid!);
      const placedAt = new Date().toISOString();
      const orders = await load(
        useWrk,
        `${base}/api/v1/programs/${demo.programId}/orders`,
        seconds,
        {
          headers: {
            authorization: `Bearer ${demo.advertiserApiKey}`,
            'content-type': 'application/json',
          },
          body: (n) =>
            JSON.stringify({
              orderNumber: `WH-${n}`,
              clickId,
              placedAt,
              currency: 'USD',
              status: 'completed',
              items: [
                {
                  sku: '1005001',
                  category: 'consumer-electronics',
                  unitPrice: '12.50',
                  quantity: 2,
                  sellerCountry: 'CN',
                  store: 'aliexpress',
                },
              ],
            }),
        },
      );
      const cpuAfter = await threadCpu(server.pid!);
      const delivered = deliveredSoFar() - before;
      const drainMs = integrations ? await drained(deliveredSoFar) : 0;
      return {
        clicksPerSecond: clicks.rps,
        clicksP99Ms: clicks.p99,
        ordersPerSecond: orders.rps,
        ordersP99Ms: orders.p99,
        delivered,
        deliveredPerSecondAfter:
          drainMs > 0 ? Math.round((deliveredSoFar() - before - delivered) / (drainMs / 1000)) : 0,
        drainSeconds: Math.round(drainMs / 100) / 10,
        deliveredInAll: deliveredSoFar() - before,
        cpuMsPerThousandOrders: perThousand(cpuBefore, cpuAfter, orders.rps * seconds),
      };
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function perThousand(
  before: ThreadCpu,
  after: ThreadCpu,
  orders: number,
): IntegrationRound['cpuMsPerThousandOrders'] {
  const per = (key: keyof ThreadCpu) =>
    orders === 0 ? 0 : Math.round(((after[key] - before[key]) / orders) * 1000);
  return { request: per('request'), other: per('other'), lowPriority: per('lowPriority') };
}
