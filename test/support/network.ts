import type { FastifyInstance } from 'fastify';
import { Network, type NetworkOptions } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import type { Store } from '../../src/storage/database.js';

import { checkAnswersAgainstDocument } from './api-document.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { repos } from '../../src/storage/repositories/repos.js';

export const SECRET = 'test-secret-0123456789abcdef-0123456789';

export interface TestNetwork {
  network: Network;
  app: FastifyInstance;
  demo: DemoNetwork;
  clock: { now: number };
}

/** The demo network on `store`, served by an app with a clock the test moves. */
export async function startTestNetwork(
  store: Store,
  startMs = Date.UTC(2026, 9, 5, 12),
  options: Partial<NetworkOptions> = {},
): Promise<TestNetwork> {
  const clock = { now: startMs };
  const demo = await createDemoNetwork(store, SECRET, startMs);
  await repos(store).rates.upsert(
    parseEcbCsv('Date,USD\n2026-10-05,1.0950\n2026-10-06,1.0950\n2026-10-07,1.0950\n').entries(),
    'test',
    startMs,
  );
  const network = new Network(store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 0,
    now: () => clock.now,
    ...options,
  });
  await network.start(50);
  const app = buildApp(network, { logLevel: process.env.TEST_LOG ?? 'silent', trustProxy: true });
  checkAnswersAgainstDocument(app);
  return { network, app, demo, clock };
}

/** The id of the demo site's publisher. */
export async function demoPublisherId(t: TestNetwork): Promise<string> {
  return (
    await t.network.store.db
      .selectFrom('sites')
      .select('publisher_id')
      .where('id', '=', t.demo.siteId)
      .executeTakeFirstOrThrow()
  ).publisher_id;
}

/** A click on the demo link: its tduid. */
export async function demoClick(t: TestNetwork, query = ''): Promise<string> {
  const response = await t.app.inject({
    url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}${query}`,
    // A shopper's address, not the publisher's: tests log publishers in from 127.0.0.1, and the
    // compliance job (every 5 s on the network's timer) would flag a click from there as a
    // self-purchase and hold its order whenever it happened to run mid-test.
    remoteAddress: '198.51.100.23',
  });
  return new URL(response.headers.location as string).searchParams.get('tduid')!;
}

/** The demo advertiser reports an order (a completed 10 USD item unless `order` says otherwise). */
export function demoOrder(t: TestNetwork, order: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/programs/${t.demo.programId}/orders`,
    headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
    payload: {
      placedAt: new Date(t.clock.now + 1000).toISOString(),
      currency: 'USD',
      status: 'completed',
      items: [
        {
          sku: 'A',
          category: 'x',
          unitPrice: '10.00',
          quantity: 1,
          sellerCountry: 'CN',
          store: 'aliexpress',
        },
      ],
      ...order,
    },
  });
}

/** A new publisher's site, applied to (and approved for) the demo program (or `programId`) if asked. */
export async function addSite(
  t: TestNetwork,
  name: string,
  approve: boolean,
  programId = t.demo.programId,
) {
  const publishers = repos(t.network.store).publishers;
  const publisher = await publishers.create({ name, country: 'NL' }, t.clock.now);
  const site = await publishers.addSite(
    publisher.id,
    { name, url: `https://${name.toLowerCase()}.example` },
    t.clock.now,
  );
  if (approve) await approveSite(t, site, programId);
  else await t.network.refreshIfChanged();
  return site;
}

/** Approves `site` in `programId` (applied and decided at once), then refreshes the links. */
export async function approveSite(
  t: TestNetwork,
  site: { id: string; publisher_id: string },
  programId: string,
): Promise<void> {
  const memberships = repos(t.network.store).memberships;
  const membership = await memberships.apply(
    {
      programId,
      siteId: site.id,
      publisherId: site.publisher_id,
      promotionMethods: [],
      contentCategories: [],
    },
    t.clock.now,
  );
  await memberships.decide(membership.id, 'approved', null, 'test', t.clock.now);
  await t.network.refreshIfChanged();
}

/** A session token of the network admin (created on first call, its one-time password changed). */
export async function adminToken(t: TestNetwork): Promise<string> {
  return (await adminLogin(t)).token;
}

/** The network admin's session, and a new login (after the test moved the clock past it). */
export async function adminLogin(
  t: TestNetwork,
): Promise<{ token: string; again(): Promise<string> }> {
  const first = await ensureAdmin(t.network.store, t.clock.now);
  if (first === undefined) throw new Error('adminLogin: call it once per test network');
  const login = async (password: string) =>
    (
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { email: first.email, password },
        })
      ).json() as { token: string }
    ).token;
  const once = await login(first.password);
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/password',
    headers: { authorization: `Bearer ${once}` },
    payload: { currentPassword: first.password, newPassword: `${first.password}-new` },
  });
  return {
    token: await login(`${first.password}-new`),
    again: () => login(`${first.password}-new`),
  };
}

/** A user's session token (`POST /api/v1/sessions`); throws with the answer when refused. */
export async function sessionToken(
  t: TestNetwork,
  email: string,
  password: string,
): Promise<string> {
  const answer = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { email, password },
  });
  if (answer.statusCode !== 201) throw new Error(`login of ${email} refused: ${answer.body}`);
  return (answer.json() as { token: string }).token;
}

/**
 * The advertiser generates its program's checksum secret (shown once) with its session token,
 * and the link cache takes it up: the secret; throws with the answer when refused.
 */
export async function generateChecksumSecret(
  t: TestNetwork,
  programId: string,
  advertiserSession: string,
): Promise<string> {
  const answer = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/advertiser/programs/${programId}/checksum-secret`,
    headers: { authorization: `Bearer ${advertiserSession}` },
    payload: { generate: true },
  });
  if (answer.statusCode !== 200) throw new Error(`checksum secret refused: ${answer.body}`);
  await t.network.refreshIfChanged();
  return (answer.json() as { secret: string }).secret;
}

/**
 * The network admin's review of a program (`POST /api/v1/admin/programs/{id}/review`), with
 * the admin's session token; throws with the answer when refused.
 */
export async function reviewProgram(
  t: TestNetwork,
  adminSession: string,
  programId: string,
  decision: 'approved' | 'refused',
  reason?: string,
): Promise<Record<string, unknown>> {
  const answer = await t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/programs/${programId}/review`,
    headers: { authorization: `Bearer ${adminSession}` },
    payload: { decision, ...(reason === undefined ? {} : { reason }) },
  });
  if (answer.statusCode !== 200) throw new Error(`review refused: ${answer.body}`);
  return answer.json() as Record<string, unknown>;
}
