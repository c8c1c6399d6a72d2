import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAffnet } from '../../bench/serve-process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'affnet-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('creates the demo network idempotently and prints the same working details', async () => {
  const env = { DATA_DIR: dir };
  const first = JSON.parse(await runAffnet(['demo', '--json'], env)) as Record<string, unknown>;
  expect(first).toMatchObject({
    programId: expect.stringMatching(/^prg_/),
    siteId: expect.stringMatching(/^sit_/),
    adId: expect.stringMatching(/^ad_/),
    clickUrl: expect.stringMatching(/^\/click\?p=prg_[0-9a-z]+&a=sit_[0-9a-z]+&g=ad_[0-9a-z]+$/),
    programUrl: '/programs/aliexpress',
    advertiserApiKey: expect.stringMatching(/^ak_[0-9a-z]{10}_[A-Za-z0-9_-]{43}$/),
    publisher: { email: 'publisher@demo.affnet.local', password: expect.any(String) },
    advertiser: { email: 'advertiser@demo.affnet.local', password: expect.any(String) },
  });
  // Both bundled programs, each with its own advertiser login and key, the one site in both.
  const programs = first.programs as Record<string, unknown>[];
  expect(programs.map((program) => program.slug)).toEqual(['aliexpress', 'kabelkoning']);
  expect(programs[1]).toMatchObject({
    programUrl: '/programs/kabelkoning',
    clickUrl: expect.stringContaining(`&a=${String(first.siteId)}&`),
    advertiser: { email: 'advertiser+kabelkoning@demo.affnet.local' },
  });
  expect(programs[1]!.advertiserApiKey).not.toBe(first.advertiserApiKey);
  expect(JSON.parse(await runAffnet(['demo', '--json'], env))).toEqual(first);
  const stats = JSON.parse(await runAffnet(['stats', '--json'], env)) as Record<string, unknown>;
  expect(stats).toEqual({
    clicks: 0,
    orders: 0,
    attributedOrders: 0,
    unattributedOrders: 0,
    commission: {},
    currency: 'EUR',
  });
}, 60_000);
