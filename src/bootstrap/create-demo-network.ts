import { createHmac } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { UsersRepository } from '../storage/repositories/users-repository.js';
import { PublishersRepository } from '../storage/repositories/publishers-repository.js';
import { MembershipsRepository } from '../storage/repositories/memberships-repository.js';
import { ApiKeys } from '../auth/api-keys.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { loadPrograms } from './bootstrap.js';

export interface DemoNetwork {
  programId: string;
  siteId: string;
  adId: string;
  clickUrl: string;
  programUrl: string;
  advertiserApiKey: string;
  publisher: { email: string; password: string };
  advertiser: { email: string; password: string };
}

const PUBLISHER_EMAIL = 'publisher@demo.affnet.local';
const ADVERTISER_EMAIL = 'advertiser@demo.affnet.local';

/**
 * Demo credentials are derived from the network secret, so `affnet demo` prints the same
 * working ones every time while the store keeps only hashes.
 */
function derived(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`affnet demo ${purpose}`).digest();
}

/** Creates (or finds) the demo network: AliExpress, its advertiser, an approved publisher site and an ad. */
export async function createDemoNetwork(
  store: Store,
  secret: string,
  nowMs: number,
): Promise<DemoNetwork> {
  const programs = await loadPrograms(store, nowMs);
  const program = programs.find((candidate) => candidate.slug === 'aliexpress');
  if (program === undefined)
    throw new Error('programs/aliexpress.yaml is missing: the demo runs the AliExpress program');
  const users = new UsersRepository(store.db);
  const publishers = new PublishersRepository(store.db);
  const memberships = new MembershipsRepository(store.db);

  const advertiserPassword = derived(secret, 'advertiser password')
    .toString('base64url')
    .slice(0, 20);
  const publisherPassword = derived(secret, 'publisher password')
    .toString('base64url')
    .slice(0, 20);
  await ensureUser(
    users,
    ADVERTISER_EMAIL,
    advertiserPassword,
    { role: 'advertiser', name: 'Demo advertiser', advertiserId: program.advertiser_id },
    nowMs,
  );

  let publisherUser = await users.findByEmail(PUBLISHER_EMAIL);
  let publisherId = publisherUser?.publisher_id ?? undefined;
  if (publisherId === undefined) {
    publisherId = (
      await publishers.create(
        { name: 'Demo Deals', country: 'NL', promotionMethods: ['content_sites', 'voucher_codes'] },
        nowMs,
      )
    ).id;
  }
  publisherUser = await ensureUser(
    users,
    PUBLISHER_EMAIL,
    publisherPassword,
    { role: 'publisher', name: 'Demo publisher', publisherId },
    nowMs,
  );

  let site = await store.db
    .selectFrom('sites')
    .selectAll()
    .where('publisher_id', '=', publisherId)
    .executeTakeFirst();
  site ??= await publishers.addSite(
    publisherId,
    {
      name: 'Demo Deals',
      url: 'https://deals.demo.affnet.local',
      promotionMethods: ['content_sites'],
    },
    nowMs,
  );

  let membership = await memberships.find(program.id, site.id);
  membership ??= await memberships.apply(
    {
      programId: program.id,
      siteId: site.id,
      publisherId,
      promotionMethods: ['content_sites'],
      contentCategories: [],
    },
    nowMs,
  );
  if (membership.status !== 'approved')
    await memberships.decide(membership.id, 'approved', 'demo', 'demo', nowMs);

  const ad =
    (await memberships.findAd(program.id, 'AliExpress text link')) ??
    (await memberships.createAd(
      {
        programId: program.id,
        name: 'AliExpress text link',
        kind: 'text',
        content: 'Shop at AliExpress',
      },
      nowMs,
    ));

  const advertiserApiKey = await ensureDemoApiKey(store, secret, program.advertiser_id, nowMs);
  return {
    programId: program.id,
    siteId: site.id,
    adId: ad.id,
    clickUrl: `/click?p=${program.id}&a=${site.id}&g=${ad.id}`,
    programUrl: `/programs/${program.slug}`,
    advertiserApiKey,
    publisher: { email: PUBLISHER_EMAIL, password: publisherPassword },
    advertiser: { email: ADVERTISER_EMAIL, password: advertiserPassword },
  };
}

async function ensureUser(
  users: UsersRepository,
  email: string,
  password: string,
  input: {
    role: 'advertiser' | 'publisher';
    name: string;
    advertiserId?: string;
    publisherId?: string;
  },
  nowMs: number,
) {
  const existing = await users.findByEmail(email);
  if (existing === undefined)
    return users.create({ email, passwordHash: await hashPassword(password), ...input }, nowMs);
  if (
    existing.password_hash === null ||
    !(await verifyPassword(existing.password_hash, password))
  ) {
    await users.setPassword(existing.id, await hashPassword(password));
  }
  return existing;
}

async function ensureDemoApiKey(
  store: Store,
  secret: string,
  advertiserId: string,
  nowMs: number,
): Promise<string> {
  const prefix = derived(secret, 'api key prefix').toString('hex').slice(0, 10);
  const key = `ak_${prefix}_${derived(secret, 'api key').toString('base64url')}`;
  await new ApiKeys(store.db).register(advertiserId, key, 'demo', null, nowMs);
  return key;
}
