import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { packageRoot } from '../src/package-root.js';
import { runAffnet, startServer } from './serve-process.js';
import { hasWrk, wrkLoad } from './wrk-load.js';

/** A Lua string literal of `text`. */
function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx3xx: number;
}

export interface HttpFigures {
  /** The load generator: wrk when installed (1 thread), autocannon otherwise. */
  loadGenerator: 'wrk' | 'autocannon';
  connections: number;
  seconds: number;
  affnetClicks: LoadFigures;
  bareNodeHttp: LoadFigures;
  ratio: number;
  targetRatio: number;
  targetP99Ms: number;
  meetsTarget: boolean;
  conversionsApi: LoadFigures & {
    ordersPerSecond: number;
    targetOrdersPerSecond: number;
    meetsTarget: boolean;
  };
}

/** The order document the load sends, numbered so each request reports a new order. */
function benchOrder(number: string, newBuyer: boolean, placedAt: string): string {
  return JSON.stringify({
    orderNumber: number,
    placedAt,
    currency: 'USD',
    status: 'completed',
    buyer: { country: 'NL', newBuyer },
    items: [
      {
        sku: '1005001',
        category: 'consumer-electronics',
        unitPrice: '12.50',
        quantity: 2,
        sellerCountry: 'CN',
        store: 'aliexpress',
      },
      {
        sku: '1005002',
        category: 'mobile-phones',
        unitPrice: '199.00',
        quantity: 1,
        sellerCountry: 'CN',
        store: 'aliexpress',
      },
    ],
  });
}

async function load(options: autocannon.Options): Promise<LoadFigures> {
  const result = await autocannon(options);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx3xx: result.non2xx - (result['3xx'] ?? 0),
  };
}

/**
 * Click throughput and latency of `affnet serve` (one process, SQLite, durable group commit)
 * against bare node:http answering the same 302 and cookie, both loaded the same way in the
 * same run; then order reports per second through the JSON API.
 */
export async function benchmarkHttp(
  seconds: number,
  connections: number,
  onProgress: (message: string) => void,
): Promise<HttpFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-bench-http-'));
  const env = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' };
  const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
    clickUrl: string;
    programId: string;
    advertiserApiKey: string;
  };
  const bare = spawn(
    process.execPath,
    [join(packageRoot(), 'dist', 'bench', 'bare-server.js'), '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [announcement] = (await once(bare.stdout!, 'data')) as [Buffer];
  const barePort = Number(/listening on (\d+)/.exec(announcement.toString())![1]);
  const server = await startServer(env);
  const port = server.port;
  const useWrk = await hasWrk();
  const generator = useWrk ? 'wrk' : 'autocannon';
  const getLoad = (url: string) =>
    useWrk ? wrkLoad({ url, connections, seconds }) : load({ url, connections, duration: seconds });
  try {
    onProgress(`http: bare node:http, ${connections} connections, ${seconds} s (${generator})`);
    const bareNodeHttp = await getLoad(`http://127.0.0.1:${barePort}${demo.clickUrl}`);
    onProgress(`http: affnet clicks, ${connections} connections, ${seconds} s (${generator})`);
    const affnetClicks = await getLoad(`http://127.0.0.1:${port}${demo.clickUrl}`);
    onProgress(`http: order API, 64 connections, ${seconds} s (${generator})`);
    const placedAt = new Date().toISOString();
    const ordersUrl = `http://127.0.0.1:${port}/api/v1/programs/${demo.programId}/orders`;
    let conversions: LoadFigures;
    if (useWrk) {
      // The same document as below, numbered in Lua so every request is a new order.
      const [before, after] = benchOrder('@@', false, placedAt).split('"@@"') as [string, string];
      conversions = await wrkLoad({
        url: ordersUrl,
        connections: 64,
        seconds,
        lua: [
          `wrk.method = "POST"`,
          `wrk.headers["authorization"] = "Bearer ${demo.advertiserApiKey}"`,
          `wrk.headers["content-type"] = "application/json"`,
          `local n = 0`,
          `request = function()`,
          `  n = n + 1`,
          `  local body = ${luaString(before)} .. '"BENCH-${process.pid}-' .. n .. '"' .. ${luaString(after)}`,
          `  return wrk.format(nil, nil, nil, body)`,
          `end`,
        ].join('\n'),
      });
    } else {
      let sequence = 0;
      conversions = await load({
        url: ordersUrl,
        connections: 64,
        duration: seconds,
        method: 'POST',
        headers: {
          authorization: `Bearer ${demo.advertiserApiKey}`,
          'content-type': 'application/json',
        },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: benchOrder(`BENCH-${process.pid}-${++sequence}`, sequence % 3 === 0, placedAt),
            }),
          },
        ],
      });
    }
    const ratio =
      Math.round((affnetClicks.requestsPerSecond / bareNodeHttp.requestsPerSecond) * 1000) / 1000;
    return {
      loadGenerator: generator,
      connections,
      seconds,
      affnetClicks,
      bareNodeHttp,
      ratio,
      targetRatio: 0.7,
      targetP99Ms: 10,
      meetsTarget: ratio >= 0.7 && affnetClicks.latencyP99Ms <= 10,
      conversionsApi: {
        ...conversions,
        ordersPerSecond: conversions.requestsPerSecond,
        targetOrdersPerSecond: 5000,
        meetsTarget: conversions.requestsPerSecond >= 5000,
      },
    };
  } finally {
    server.kill('SIGTERM');
    bare.kill('SIGTERM');
    await Promise.all([once(server, 'exit'), once(bare, 'exit')]);
    await rm(dataDir, { recursive: true, force: true });
  }
}
